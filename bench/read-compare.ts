import { parseArgs } from 'node:util';
import { readComic as current } from '../src/read';
import { listComics } from './lib/list-comics';
import { middleOf } from './lib/median';
import { readFloorFiles } from './lib/read-floor.mjs';

/**
 * node --import tsx bench/read-compare.ts --library DIR --base OTHER_CHECKOUT [--rounds 12]
 *
 * `readComic` of this checkout against another one's (e.g. `git archive <commit> | tar -x -C DIR`
 * with node_modules linked in), and the read floor, in one process: the three alternate round
 * by round, so a load that comes and goes on a shared machine weighs on each alike. Reports CPU
 * µs per CBZ, the minimum and the median over the rounds after the first, and the ratios.
 */
const { values } = parseArgs({ options: { library: { type: 'string' }, base: { type: 'string' }, rounds: { type: 'string', default: '12' } } });
if (!values.library || !values.base) throw new Error('usage: bench/read-compare.ts --library DIR --base OTHER_CHECKOUT');
const { readComic: base } = (await import(`${values.base}/src/read/index.ts`)) as { readComic: typeof current };
const paths = listComics(values.library).filter((path) => path.toLowerCase().endsWith('.cbz'));

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const runs: Record<'floor' | 'base' | 'current', number[]> = { floor: [], base: [], current: [] };
for (let round = 0; round < Number(values.rounds); round++) {
  let started = cpu();
  readFloorFiles(paths);
  const floor = (cpu() - started) / paths.length;
  started = cpu();
  for (const path of paths) await base(path);
  const before = (cpu() - started) / paths.length;
  started = cpu();
  for (const path of paths) await current(path);
  const after = (cpu() - started) / paths.length;
  if (round === 0) continue; // warm-up: page cache and JIT
  runs.floor.push(floor);
  runs.base.push(before);
  runs.current.push(after);
}
const min = (values: number[]): number => Math.min(...values);
console.log(`${paths.length} CBZs; CPU µs per file over ${runs.floor.length} rounds`);
for (const [name, figures] of Object.entries(runs)) {
  console.log(`${name.padEnd(8)} min ${min(figures).toFixed(1).padStart(6)}  median ${middleOf(figures).toFixed(1).padStart(6)}  min / floor ${(min(figures) / min(runs.floor)).toFixed(2)}x`);
}
console.log(`current / base: ${(min(runs.current) / min(runs.base)).toFixed(2)} (min), ${(middleOf(runs.current) / middleOf(runs.base)).toFixed(2)} (median)`);
