// `npm run bench:startup`: how long the installed `longbox` command takes to start, measured on the
// compiled package (dist/, built first unless --no-build) as a shell would run it, each figure the
// median of --runs runs, next to a bare `node -e ''` measured in the same rounds (so a busy
// machine shows up in the baseline as well). Where /usr/bin/time exists, the CPU time (user +
// system) of each run is given too: a shared machine stretches wall time far more than CPU time.
//   longbox --help                              target <= 0.25 s
//   longbox stats on the sample database (30 comics)
//   longbox import <5,000 comics>, no change    target <= 0.4 s
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureSampleLibrary } from '../sample/generate';
import { REPO_ROOT } from './lib/child';
import { ensureLibrary } from './lib/libraries';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    count: { type: 'string', default: '5000' },
    libraries: { type: 'string', default: join(REPO_ROOT, 'bench', 'libraries') },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const count = Number(values.count);
const BIN = join(REPO_ROOT, 'bin', 'longbox.js');

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Run {
  wall: number;
  /** User + system CPU seconds, when /usr/bin/time is there. */
  cpu?: number;
}

function run(args: readonly string[]): Run {
  const [program, argv] = hasTime ? [TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, [...args]];
  const start = process.hrtime.bigint();
  const result = spawnSync(program, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(result.stderr);
  return cpu ? { wall, cpu: Number(cpu[1]) + Number(cpu[2]) } : { wall };
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

if (!values['no-build']) {
  console.log('building dist/ (npm run build)...');
  const build = spawnSync('npm', ['run', 'build', '--silent', '--', '--quiet'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}
const work = mkdtempSync(join(tmpdir(), 'longbox-startup-'));
try {
  const sampleDb = join(work, 'sample.sqlite');
  const largeDb = join(work, 'large.sqlite');
  run([BIN, 'import', await ensureSampleLibrary(), '--db', sampleDb]);
  const large = ensureLibrary(values.libraries, { profile: 'realistic', count, seed: 1 }, console.log);
  console.log(`first import of ${count} comics (not measured)...`);
  run([BIN, 'import', large, '--db', largeDb]);

  const commands: [string, string[], number | undefined][] = [
    ["node -e ''", ['-e', ''], undefined],
    ['longbox --help', [BIN, '--help'], 0.25],
    ['longbox stats (30 comics)', [BIN, 'stats', '--db', sampleDb], undefined],
    [`longbox import, ${count.toLocaleString('en-US')} comics, no change`, [BIN, 'import', large, '--db', largeDb], 0.4],
  ];
  const times = commands.map((): Run[] => []);
  const loadBefore = loadavg()[0]!;
  for (let round = 0; round < runs; round++) commands.forEach(([, args], index) => times[index]!.push(run(args)));
  const loadAfter = loadavg()[0]!;

  console.log(`\n${process.version}, median of ${runs} runs, load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}\n`);
  console.log('| command | median | min | median CPU (user+sys) | target |\n|---|---:|---:|---:|---:|');
  commands.forEach(([name, , target], index) => {
    const wall = times[index]!.map((time) => time.wall);
    const cpu = times[index]!.flatMap((time) => (time.cpu === undefined ? [] : [time.cpu]));
    const status = target === undefined ? '' : `${target} s ${median(wall) <= target ? 'met' : 'NOT met'}`;
    const cpuText = cpu.length > 0 ? `${median(cpu).toFixed(2)} s` : 'n/a';
    console.log(`| ${name} | ${median(wall).toFixed(3)} s | ${Math.min(...wall).toFixed(3)} s | ${cpuText} | ${status} |`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
