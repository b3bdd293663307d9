import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_SCENARIOS, type BenchOptions, type BenchProfile, runBench, type ScenarioName } from './lib/bench';
import { REPO_ROOT } from './lib/child';
import { renderMarkdown } from './lib/markdown';
import { resultsStamp } from './lib/results-name';

const USAGE = `usage: npm run bench -- [--count 10000] [--profile realistic|codex|both] [--scenarios ${ALL_SCENARIOS.join(',')}]
       [--ablation-count 2000] [--seed 1] [--workers N] [--chunk-size N] [--out bench/results] [--libraries bench/libraries]
       [--cpu-prof [--cpu-prof-dir DIR]] [--batch-compare N] [--from-source]

Generates each library once (bench/libraries/<profile>-<count>, reused), imports a working copy of it
through the scenarios (each in its own process), measures the floors and the tuning ablation, prints a
markdown table and writes it with a JSON file to <out>/<date>-<profile>-<count>.{md,json}.
--cpu-prof writes V8 CPU profiles of every child process to <cpu-prof-dir, default $TMPDIR/longbox-bench-profiles>/<run>/<scenario>/
(summarise them with: node --import tsx bench/profile-summary.ts <dir>).
--batch-compare N also runs the batch scenario on a realistic library of N comics and reports its ratio to --count's.
The imports run the built package (dist/, built first, as users run it); --from-source runs them from src/ through tsx
instead, with no build (11-16% more CPU: for the tests, and quick comparisons within one run).`;

function fail(message: string): never {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`${flag} must be a whole number >= ${min}, got ${value}`);
  return n;
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    profile: { type: 'string', default: 'both' },
    scenarios: { type: 'string', default: ALL_SCENARIOS.join(',') },
    'ablation-count': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string' },
    'chunk-size': { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
    libraries: { type: 'string', default: 'bench/libraries' },
    'cpu-prof': { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
    'batch-compare': { type: 'string' },
    'from-source': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const profiles: BenchProfile[] = values.profile === 'both' ? ['realistic', 'codex'] : values.profile === 'realistic' || values.profile === 'codex' ? [values.profile] : fail(`unknown profile ${values.profile}`);
const scenarios = values.scenarios.split(',').map((s) => s.trim()).filter(Boolean) as ScenarioName[];
for (const s of scenarios) if (!ALL_SCENARIOS.includes(s)) fail(`unknown scenario ${s}`);
const stamp = resultsStamp(new Date());
const out = resolve(values.out);
const label = `${stamp}-${values.profile}-${values.count}`;
const workers = wholeNumber(values.workers, '--workers', 1);
const chunkSize = wholeNumber(values['chunk-size'], '--chunk-size', 1);

const options: BenchOptions = {
  count: wholeNumber(values.count, '--count', 1)!,
  profiles,
  scenarios,
  seed: wholeNumber(values.seed, '--seed')!,
  ablationCount: wholeNumber(values['ablation-count'], '--ablation-count')!,
  ...(workers ? { workers } : {}),
  ...(chunkSize ? { chunkSize } : {}),
  librariesDir: values.libraries,
  code: values['from-source'] ? 'source' : 'dist',
  ...(values['batch-compare'] ? { batchCompareCount: wholeNumber(values['batch-compare'], '--batch-compare', 1)! } : {}),
  ...(values['cpu-prof'] ? { cpuProfDir: join(resolve(values['cpu-prof-dir'] ?? join(tmpdir(), 'longbox-bench-profiles')), label) } : {}),
  command: process.env.npm_lifecycle_event === 'bench' ? `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim() : ['node --import tsx bench/run.ts', ...process.argv.slice(2)].join(' '),
};

if (options.code === 'dist') {
  // Built from this checkout, so what is measured is what is here.
  console.error('building dist/ (the imports run the built package; --from-source skips this)');
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) fail(`npm run build failed (exit ${build.status ?? build.signal})`);
}

const result = await runBench(options, (line) => console.error(line));
const markdown = renderMarkdown(result);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `${label}.md`), markdown);
writeFileSync(join(out, `${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
console.log(markdown);
console.error(`written: ${join(out, `${label}.md`)} and .json${options.cpuProfDir ? `; CPU profiles in ${options.cpuProfDir}` : ''}`);
const failures = [...result.profiles.flatMap((p) => p.errors), ...(result.ablation?.errors ?? [])];
if (failures.length > 0) {
  console.error(`bench: ${failures.length} scenario process(es) failed; see FAILED in the results`);
  process.exitCode = 1;
}
