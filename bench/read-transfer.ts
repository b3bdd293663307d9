import { parseArgs } from 'node:util';
import { readComic, type ReadOutcome } from '../src/read';
import { decodeOutcomes, encodeOutcomes } from '../src/read/transfer';
import { listComics } from './lib/list-comics';

/**
 * node --import tsx bench/read-transfer.ts --library DIR [--files 2000]
 *
 * What a batch's transfer costs per comic (CPU µs): transfer.ts's encode and decode against the
 * global JSON.stringify and JSON.parse, before and after pdfjs-dist is loaded into the thread (as
 * a reader worker loads it at its first PDF). Its legacy build replaces the global JSON functions
 * with core-js's on Node 20; transfer.ts keeps the engine's.
 */
const { values } = parseArgs({ options: { library: { type: 'string' }, files: { type: 'string', default: '2000' } } });
if (!values.library) throw new Error('usage: bench/read-transfer.ts --library DIR [--files 2000]');
const paths = listComics(values.library, Number(values.files)).filter((path) => path.toLowerCase().endsWith('.cbz'));
const outcomes: ReadOutcome[] = [];
for (const path of paths) outcomes.push(await readComic(path));

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
/** CPU µs per comic of `run` over the batch: the minimum of 5 rounds after a warm-up. */
const perComic = (run: () => unknown): number => {
  const rounds: number[] = [];
  for (let round = 0; round < 6; round++) {
    const started = cpu();
    run();
    if (round > 0) rounds.push((cpu() - started) / outcomes.length);
  }
  return Math.min(...rounds);
};
const measure = (when: string): void => {
  const encoded = encodeOutcomes(outcomes);
  const figures = {
    'transfer.ts encode': perComic(() => encodeOutcomes(outcomes)),
    'transfer.ts decode': perComic(() => decodeOutcomes(encoded)),
    'global JSON.stringify': perComic(() => JSON.stringify(outcomes)),
    'global JSON.parse': perComic(() => JSON.parse(encoded)),
  };
  console.log(`${when}: ${Object.entries(figures).map(([name, us]) => `${name} ${us.toFixed(1)} µs`).join(', ')} per comic (${(encoded.length / outcomes.length).toFixed(0)} bytes)`);
};

console.log(`${outcomes.length} CBZs' outcomes, one batch`);
measure('before pdfjs-dist');
await import('pdfjs-dist/legacy/build/pdf.mjs');
measure('after pdfjs-dist ');
