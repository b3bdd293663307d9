import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createReadPool, readComic } from '../src/read';
import { generateLibrary } from '../tools/generate-library';
import { readFloorFiles } from './lib/read-floor.mjs';
import { REPO_ROOT } from './lib/child';
import { listComics } from './lib/list-comics';
import { machineInfo } from './lib/machine';
import { resultsStamp } from './lib/results-name';

/**
 * npm run bench:read -- [--library DIR | --files 2000] [--workers 1] [--write-us 150] [--chunk 2000] [--limit N] [--keep] [--out bench/results]
 *
 * Reads a library several ways, each in a child process of its own so each peak RSS is its own:
 * - floor: every archive's metadata bytes (bench/lib/read-floor.mjs: a CBZ's tail and
 *   ComicInfo.xml, inflated; other formats whole), nothing parsed;
 * - inline: readComic on one thread, twice (the first pass warms the page cache and the JIT);
 *   the second is reported as wall and CPU µs per file, per format;
 * - pool: the worker pool with --workers workers and the calling thread idle, files/s and CPU µs
 *   per file over all threads (reading + messaging + the calling thread's handling);
 * - hybrid: the same pool letting the calling thread read CBZs while no result waits (the default);
 * - with a writer: a consumer that, like the importer, spins --write-us µs per comic in chunks
 *   of --chunk (read ahead by the pool meanwhile): 1 worker + the calling thread reading, against
 *   2 workers with the calling thread only writing. Both cores busy, either way: which is faster.
 * CPU figures are the process's user + system time, so they hold on a shared machine better than
 * wall time does. Without --library, --files realistic CBZs are generated into a temporary folder.
 * The report goes to the console and, with the command, date, load average and commit at its
 * head, to `<out>/<date>-bench-read-<library>.txt`.
 */
const { values } = parseArgs({
  options: {
    library: { type: 'string' },
    files: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '1' },
    'write-us': { type: 'string', default: '150' },
    chunk: { type: 'string', default: '2000' },
    limit: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    /** Internal: the one measurement a child process runs. */
    mode: { type: 'string' },
  },
});
const workers = Number(values.workers);
const writeMicros = Number(values['write-us']);
const chunk = Number(values.chunk);

interface PoolMode {
  workers: number;
  readOnCallingThread: boolean;
  writeMicros: number;
}
const POOL_MODES: Record<string, PoolMode> = {
  pool: { workers, readOnCallingThread: false, writeMicros: 0 },
  hybrid: { workers, readOnCallingThread: true, writeMicros: 0 },
  'writer-hybrid': { workers: 1, readOnCallingThread: true, writeMicros },
  'writer-2-workers': { workers: 2, readOnCallingThread: false, writeMicros },
};

if (values.mode) {
  const paths = listComics(values.library!, values.limit === undefined ? Infinity : Number(values.limit));
  const result = values.mode === 'floor' ? measureFloor(paths) : values.mode === 'inline' ? await measureInline(paths) : await measurePool(paths, POOL_MODES[values.mode]!);
  console.log(JSON.stringify(result));
} else {
  const generated = values.library === undefined;
  const library = values.library ?? mkdtempSync(join(tmpdir(), 'longbox-bench-read-'));
  try {
    if (generated) await generateLibrary(library, { profile: 'realistic', count: Number(values.files), seed: 1, formats: ['CBZ'] });
    const started = new Date();
    const loadAtStart = loadavg()[0]!;
    const [floor, inline, ...pools] = ['floor', 'inline', ...Object.keys(POOL_MODES)].map((mode) => runChild(mode, library));
    const lines = report(library, floor as Floor, inline as Inline, pools as Pooled[]);
    console.log(lines.join('\n'));
    saveReport(lines, started, loadAtStart, generated ? `generated-${values.files}` : basename(library));
  } finally {
    if (generated && !values.keep) rmSync(library, { recursive: true, force: true });
  }
}

interface Floor {
  files: number;
  filesPerSecond: number;
  wallMicros: number;
  cpuMicros: number;
}
interface Inline {
  files: number;
  wallMicros: number;
  cpuMicros: number;
  byFormat: Record<string, { files: number; wallMicros: number; cpuMicros: number }>;
  failed: number;
  maxRssMb: number;
}
interface Pooled {
  mode: PoolMode;
  files: number;
  filesPerSecond: number;
  wallMicros: number;
  cpuMicros: number;
  startupMs: number;
  failed: number;
  maxRssMb: number;
}

function runChild(mode: string, library: string): unknown {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, '--library', library, '--workers', String(workers)];
  args.push('--write-us', String(writeMicros), '--chunk', String(chunk));
  if (values.limit !== undefined) args.push('--limit', values.limit);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bench:read ${mode} exited with ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

/** The report with its provenance at its head, as `npm run bench` keeps its results. */
function saveReport(lines: string[], started: Date, loadAtStart: number, libraryName: string): void {
  const path = resolve(REPO_ROOT, values.out, `${resultsStamp(started)}-bench-read-${libraryName}.txt`);
  const head = [
    `# npm run bench:read -- ${process.argv.slice(2).join(' ')}`,
    `# ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadAtStart.toFixed(2)} at start, code ${machineInfo().commit} (from source through tsx)`,
  ];
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, [...head, ...lines, ''].join('\n'));
  console.log(`written: ${path}`);
}

function report(library: string, floor: Floor, inline: Inline, pools: Pooled[]): string[] {
  const lines: string[] = [];
  const log = (line: string): number => lines.push(line);
  const us = (value: number): string => `${value.toFixed(0).padStart(6)} µs/file`;
  const times = (value: number, base: number): string => `${(value / base).toFixed(2)}x`;
  const [pool, hybrid, writerHybrid, writerWorkers] = pools as [Pooled, Pooled, Pooled, Pooled];
  log(`${inline.files} comics in ${library}`);
  log(`floor (metadata bytes, 1 thread)               ${us(floor.wallMicros)} wall, ${us(floor.cpuMicros)} CPU`);
  log(
    `readComic inline, 1 thread                     ${us(inline.wallMicros)} wall, ${us(inline.cpuMicros)} CPU (${times(inline.cpuMicros, floor.cpuMicros)} the floor's CPU), peak RSS ${inline.maxRssMb} MB`,
  );
  for (const [format, { files, wallMicros, cpuMicros }] of Object.entries(inline.byFormat)) {
    log(`  ${format.padEnd(4)} ${String(files).padStart(6)} files                            ${us(wallMicros)} wall, ${us(cpuMicros)} CPU`);
  }
  for (const [name, run] of [[`pool, ${workers} worker(s), calling thread idle`, pool], [`pool, ${workers} worker(s) + calling thread`, hybrid]] as const) {
    log(
      `${name.padEnd(46)} ${run.filesPerSecond.toFixed(0).padStart(7)} files/s, ${us(run.cpuMicros)} CPU all threads (${times(run.cpuMicros, inline.cpuMicros)} inline), peak RSS ${run.maxRssMb} MB`,
    );
  }
  log(`pool start-up (first ${workers} files)                ${pool.startupMs.toFixed(0).padStart(7)} ms`);
  log(`with a writer spinning ${writeMicros} µs per comic in chunks of ${chunk}:`);
  for (const [name, run] of [['1 worker + calling thread reading', writerHybrid], ['2 workers, calling thread writing only', writerWorkers]] as const) {
    log(`  ${name.padEnd(44)} ${us(run.wallMicros)} wall, ${run.filesPerSecond.toFixed(0).padStart(7)} files/s`);
  }
  const failed = [inline, ...pools].reduce((sum, run) => sum + run.failed, 0);
  if (failed > 0) log(`failed: ${inline.failed} inline, ${pools.map((run) => run.failed).join('/')} in the pool runs (broken files read as failures, as they should)`);
  return lines;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function maxRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function measureFloor(paths: string[]): Floor {
  readFloorFiles(paths); // warms the page cache
  const cpu = cpuMicros();
  const started = performance.now();
  readFloorFiles(paths);
  const wall = (performance.now() - started) * 1000;
  return { files: paths.length, filesPerSecond: (paths.length * 1e6) / wall, wallMicros: wall / paths.length, cpuMicros: (cpuMicros() - cpu) / paths.length };
}

async function measureInline(paths: string[]): Promise<Inline> {
  for (const path of paths) await readComic(path);
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const format = extname(path).slice(1).toLowerCase();
    groups.set(format, [...(groups.get(format) ?? []), path]);
  }
  const byFormat: Inline['byFormat'] = {};
  let failed = 0;
  const cpu = cpuMicros();
  const started = performance.now();
  // A format at a time, so the clocks are read per group, not per file (each read is a system call).
  for (const [format, group] of groups) {
    const groupCpu = cpuMicros();
    const groupStarted = performance.now();
    for (const path of group) if (!(await readComic(path)).ok) failed++;
    byFormat[format] = { files: group.length, wallMicros: ((performance.now() - groupStarted) * 1000) / group.length, cpuMicros: (cpuMicros() - groupCpu) / group.length };
  }
  const wall = (performance.now() - started) * 1000;
  return { files: paths.length, wallMicros: wall / paths.length, cpuMicros: (cpuMicros() - cpu) / paths.length, byFormat, failed, maxRssMb: maxRssMb() };
}

async function measurePool(paths: string[], mode: PoolMode): Promise<Pooled> {
  readFloorFiles(paths);
  const pool = createReadPool({ workers: mode.workers, readOnCallingThread: mode.readOnCallingThread, readAhead: mode.writeMicros > 0 ? chunk : undefined });
  // Start-up: the first files, through workers even when the list is short; then a whole
  // untimed pass, so the workers' code is as warm as the inline run's.
  const startup = performance.now();
  for await (const _ of pool.read([...paths.slice(0, mode.workers), ...paths.slice(0, 100)])) void _;
  const startupMs = performance.now() - startup;
  for await (const _ of pool.read(paths)) void _;
  let failed = 0;
  let pending = 0;
  const cpu = cpuMicros();
  const started = performance.now();
  for await (const outcome of pool.read(paths)) {
    if (!outcome.ok) failed++;
    if (mode.writeMicros > 0 && ++pending === chunk) {
      spin(pending * mode.writeMicros);
      pending = 0;
    }
  }
  spin(pending * mode.writeMicros);
  const seconds = (performance.now() - started) / 1000;
  const used = cpuMicros() - cpu;
  await pool.close();
  return { mode, files: paths.length, filesPerSecond: paths.length / seconds, wallMicros: (seconds * 1e6) / paths.length, cpuMicros: used / paths.length, startupMs, failed, maxRssMb: maxRssMb() };
}

/** Busy for `micros` µs of this thread's time, as a synchronous write of a chunk would be. */
function spin(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until);
}
