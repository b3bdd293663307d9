import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installPacked, packLongbox } from '../test/package/packed-app';
import { betterSqlite3For, fetchNode } from '../scripts/node-lines';
import { REPO_ROOT } from './lib/child';
import { machineInfo } from './lib/machine';
import { resultsStamp } from './lib/results-name';
import type { ScenarioResult } from './lib/scenario-job';

/**
 * node --import tsx bench/node-lines.ts --library DIR [--lines 20,22,24] [--rounds 3] [--db FILE] [--out bench/results]
 *
 * One import of DIR under each Node line, the lines alternated round by round, so that their
 * figures come from the same minutes of this shared machine. Each line runs the packed package
 * installed as an application installs it (as `npm run check:node` does): the machine's own Node
 * with the repository's better-sqlite3, other lines fetched from the npm registry with
 * better-sqlite3 built for them (cached in ~/.cache/longbox, a minute or more per line the first
 * time). Each import is bench/scenario.mjs in a process of its own: a fresh database, or with
 * --db a copy of that database made once per line (so every run after the first is a rescan of
 * what the first left; the first also applies any pending migration). Prints wall, CPU (every
 * thread) and peak RSS per run and writes them, with the command and machine, to
 * `<out>/<date>-node-lines-<library>.txt`.
 */
const { values } = parseArgs({
  options: {
    library: { type: 'string' },
    lines: { type: 'string', default: '20,22,24' },
    rounds: { type: 'string', default: '3' },
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
if (!values.library) {
  console.error('usage: node --import tsx bench/node-lines.ts --library DIR [--lines 20,22,24] [--rounds 3] [--db FILE] [--out bench/results]');
  process.exit(2);
}
const library = resolve(values.library);
const majors = values.lines.split(',').map(Number);
const rounds = Number(values.rounds);
const ownMajor = Number(process.versions.node.split('.')[0]);

interface Line {
  major: number;
  node: string;
  module: string;
  db: string;
  runs: ScenarioResult[];
}

const started = new Date();
const loadAtStart = loadavg()[0]!;
const dir = mkdtempSync(join(tmpdir(), 'longbox-bench-node-lines-'));
try {
  const tarball = packLongbox(dir);
  const lines: Line[] = majors.map((major) => {
    const nodeDir = major === ownMajor ? undefined : fetchNode(major);
    const node = nodeDir ? join(nodeDir, 'bin', 'node') : process.execPath;
    const folder = join(dir, `node${major}`);
    mkdirSync(folder);
    const app = installPacked(folder, tarball, nodeDir ? { linkOverrides: { 'better-sqlite3': betterSqlite3For(nodeDir) } } : {});
    const db = join(folder, 'library.sqlite');
    if (values.db) copyFileSync(values.db, db);
    return { major, node, module: join(app, 'node_modules', 'longbox', 'dist', 'index.js'), db, runs: [] };
  });
  const report: string[] = [];
  const say = (line: string) => {
    console.log(line);
    report.push(line);
  };
  for (let round = 1; round <= rounds; round++) {
    for (const line of lines) {
      if (!values.db) rmSync(line.db, { force: true });
      const result = join(dir, 'result.json');
      const job = { module: line.module, db: line.db, root: library, options: {}, result };
      const run = spawnSync(line.node, [join(REPO_ROOT, 'bench', 'scenario.mjs'), JSON.stringify(job)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`the import failed under Node ${line.major}:\n${run.stderr}`);
      const outcome = JSON.parse(readFileSync(result, 'utf8')) as ScenarioResult;
      line.runs.push(outcome);
      say(`round ${round}, Node ${line.major}: ${figures([outcome])}`);
    }
  }
  say('');
  for (const line of lines) say(`Node ${line.major} (${spawnSync(line.node, ['--version'], { encoding: 'utf8' }).stdout.trim()}), ${line.runs.length} runs: ${figures(line.runs)}`);
  save(report);
} finally {
  rmSync(dir, { recursive: true, force: true });
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

function save(lines: readonly string[]): void {
  const machine = machineInfo();
  const head = [
    `# longbox bench, Node lines, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- command: \`node --import tsx bench/node-lines.ts ${process.argv.slice(2).join(' ')}\``,
    `- machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.os}; longbox ${machine.commit}`,
    `- load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0]!.toFixed(2)}`,
    `- ${values.db ? `a copy of ${basename(values.db)} per line, imported again each round` : 'a fresh database each run'}`,
    '',
  ];
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${resultsStamp(started)}-node-lines-${basename(library)}.txt`);
  writeFileSync(file, `${[...head, ...lines].join('\n')}\n`);
  console.log(`written: ${file}`);
}
