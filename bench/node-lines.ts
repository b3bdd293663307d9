import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installPacked, packLongbox } from '../test/package/packed-app';
import { betterSqlite3For, fetchNode } from '../scripts/node-toolchain';
import { REPO_ROOT } from './lib/child';
import { machineInfo } from './lib/machine';
import { resultsStamp } from './lib/results-name';
import type { ScenarioResult } from './lib/scenario-job';

/**
 * node --import tsx bench/node-lines.ts --library DIR [--lines 20,22,24] [--rounds 3] [--db FILE] [--out bench/results]
 *
 * One import of DIR under each Node line, the lines alternated round by round, so that their
 * figures come from the same minutes of this shared machine. Each line runs the packed package
 * installed as an application installs it (test/package/packed-app.ts): the machine's own Node
 * with the repository's better-sqlite3; other lines fetched from the npm registry with
 * better-sqlite3 built for them, as `npm run check:node` does (cached in ~/.cache/longbox, a
 * minute or more per line the first time). Each import is bench/scenario.mjs in a process of its
 * own, with importLibrary's defaults: a fresh database, or with --db a copy of that database
 * made once per line (so every run after the first is a rescan of what the first left; the
 * first also applies any pending migration). Prints wall, CPU (every thread) and peak RSS per
 * run and writes them, with the command and machine, to
 * `<out>/<date>-<time>-node-lines-<library>.txt`, also when a run fails midway.
 */
const USAGE = 'usage: node --import tsx bench/node-lines.ts --library DIR [--lines 20,22,24] [--rounds 3] [--db FILE] [--out bench/results]';
const { values } = parseArgs({
  options: {
    library: { type: 'string' },
    lines: { type: 'string', default: '20,22,24' },
    rounds: { type: 'string', default: '3' },
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const majors = [...new Set(values.lines.split(',').map(Number))];
const rounds = Number(values.rounds);
if (!values.library || majors.some((major) => !Number.isInteger(major) || major < 20) || !Number.isInteger(rounds) || rounds < 1) {
  console.error(USAGE);
  process.exit(2);
}
const library = resolve(values.library);
const ownMajor = Number(process.versions.node.split('.')[0]);

interface NodeLine {
  major: number;
  node: string;
  module: string;
  db: string;
  runs: ScenarioResult[];
}

const started = new Date();
const loadAtStart = loadavg()[0]!;
const report: string[] = [];
const say = (text: string) => {
  console.log(text);
  report.push(text);
};
const dir = mkdtempSync(join(tmpdir(), 'longbox-bench-node-lines-'));
try {
  const tarball = packLongbox(dir);
  const nodeLines = majors.map((major) => installLine(major, tarball));
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const nodeLine of nodeLines) say(`round ${round}, Node ${nodeLine.major}: ${figures([importOnce(nodeLine)])}`);
    }
  } finally {
    say('');
    for (const nodeLine of nodeLines) {
      const version = spawnSync(nodeLine.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
      say(`Node ${nodeLine.major} (${version}), ${nodeLine.runs.length} runs: ${nodeLine.runs.length > 0 ? figures(nodeLine.runs) : 'none'}`);
    }
    save();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The packed package installed for Node `major`, with its own copy of --db if given. */
function installLine(major: number, tarball: string): NodeLine {
  const nodeDir = major === ownMajor ? undefined : fetchNode(major);
  const node = nodeDir ? join(nodeDir, 'bin', 'node') : process.execPath;
  const folder = join(dir, `node${major}`);
  mkdirSync(folder);
  const app = installPacked(folder, tarball, nodeDir ? { linkOverrides: { 'better-sqlite3': betterSqlite3For(nodeDir) } } : {});
  const db = join(folder, 'library.sqlite');
  if (values.db) copyFileSync(values.db, db);
  return { major, node, module: join(app, 'node_modules', 'longbox', 'dist', 'index.js'), db, runs: [] };
}

function importOnce(nodeLine: NodeLine): ScenarioResult {
  if (!values.db) rmSync(nodeLine.db, { force: true });
  const result = join(dir, 'result.json');
  // A run that wrote nothing must not be read as the one before it.
  rmSync(result, { force: true });
  const job = { module: nodeLine.module, db: nodeLine.db, root: library, options: {}, result };
  const run = spawnSync(nodeLine.node, [join(REPO_ROOT, 'bench', 'scenario.mjs'), JSON.stringify(job)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the import failed under Node ${nodeLine.major}:\n${run.stderr}`);
  const outcome = JSON.parse(readFileSync(result, 'utf8')) as ScenarioResult;
  nodeLine.runs.push(outcome);
  return outcome;
}

/** Wall s, CPU s and peak RSS MiB of some runs, each as the range the runs span. */
function figures(runs: readonly ScenarioResult[]): string {
  const range = (pick: (run: ScenarioResult) => number, digits: number) => {
    const all = runs.map(pick);
    const [low, high] = [Math.min(...all), Math.max(...all)].map((value) => value.toFixed(digits));
    return low === high ? low : `${low}-${high}`;
  };
  return `wall ${range((run) => run.wallMs / 1000, 2)} s, CPU ${range((run) => run.cpuMs / 1000, 2)} s, peak RSS ${range((run) => run.peakRssKiB / 1024, 0)} MiB`;
}

function save(): void {
  const machine = machineInfo();
  const head = [
    `# longbox bench, Node lines, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- command: \`node --import tsx bench/node-lines.ts ${process.argv.slice(2).join(' ')}\``,
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.os}; longbox ${machine.commit}`,
    `- load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0]!.toFixed(2)}`,
    `- import workers: importLibrary's default (${Math.max(1, availableParallelism() - 1)} here)`,
    `- ${values.db ? `a copy of ${basename(values.db)} per line, imported again each round` : 'a fresh database each run'}`,
    '',
  ];
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${resultsStamp(started)}-node-lines-${basename(library)}.txt`);
  writeFileSync(file, `${[...head, ...report].join('\n')}\n`);
  console.log(`written: ${file}`);
}
