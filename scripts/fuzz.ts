/**
 * The long fuzz run: `npm run fuzz -- --runs 5000 --seed 11 [--out dir] [--no-corpus] [--only rar]`.
 * Mutates our generated archives and, when ../shared/corpus is present, corpus archives of every
 * format, reads each mutant on a reader thread and reports every case that broke a promise:
 * a throw, a hang past the per-file timeout, a crash, memory past the bound, an unreadable reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusPath } from '../test/support/corpus';
import { runFuzz } from '../tools/fuzz/run';
import { corpusSeeds, generatedSeeds } from '../tools/fuzz/seeds';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '11' },
    out: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    /** Only seeds of this format (zip, tar, compressed-tar, 7z, rar, pdf): a long run aimed at one reader. */
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(seed)) {
  console.error('usage: npm run fuzz -- --runs N --seed S [--out dir] [--no-corpus] [--only FORMAT]');
  process.exit(2);
}
const dir = values.out ?? mkdtempSync(join(tmpdir(), 'longbox-fuzz-'));
const seeds = [...(await generatedSeeds()), ...(values['no-corpus'] ? [] : corpusSeeds(corpusPath))].filter((seed) => values.only === undefined || seed.format === values.only);
if (seeds.length === 0) {
  console.error(`no seeds of format ${values.only}`);
  process.exit(2);
}
console.log(`fuzzing ${runs} cases from ${seeds.length} seeds (seed ${seed}) in ${dir}`);

const started = process.hrtime.bigint();
const report = await runFuzz({
  runs,
  seed,
  seeds,
  dir,
  onCase(index, label, problem) {
    if (problem) console.log(`FINDING case ${index} (${label}): ${problem}`);
    else if ((index + 1) % 100 === 0) console.log(`${index + 1} cases`);
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
writeFileSync(join(dir, 'report.json'), `${JSON.stringify({ runs, seed, seeds: seeds.map((s) => s.name), seconds, ...report }, null, 2)}\n`);
console.log(`${report.cases} cases in ${seconds.toFixed(0)} s: ${report.read} read, ${report.failed} failed with a reason, ${report.findings.length} findings`);
for (const [reason, count] of Object.entries(report.reasons).sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${reason}`);
console.log(`report: ${join(dir, 'report.json')}`);
process.exitCode = report.findings.length === 0 ? 0 : 1;
