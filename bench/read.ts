import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createReadPool, readComic } from '../src/read';
import { generateLibrary } from '../tools/generate-library';
import { readFloorFiles } from './lib/read-floor.mjs';
import { listComics } from './lib/list-comics';

/**
 * npm run bench:read -- [--library DIR | --files 2000] [--workers 2] [--limit N] [--keep]
 *
 * Reads a library three ways, each in a child process of its own so each peak RSS is its own:
 * - floor: open, read the zip's tail and the ComicInfo.xml bytes, inflate; nothing parsed;
 * - inline: readComic on one thread, twice (the first pass warms the page cache and the JIT);
 *   the second is reported as wall and CPU µs per file, per format;
 * - pool: the worker pool over every file, files/s and the process's peak RSS (workers included).
 * Without --library, --files realistic CBZs are generated into a temporary folder. Per-file
 * overhead, not bytes, dominates a real library: this shows how much reading, parsing, merging
 * and messaging add on top of the bare I/O.
 */
const { values } = parseArgs({
  options: {
    library: { type: 'string' },
    files: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '2' },
    limit: { type: 'string' },
    keep: { type: 'boolean', default: false },
    /** Internal: the one measurement a child process runs. */
    mode: { type: 'string' },
  },
});
const workers = Number(values.workers);

if (values.mode) {
  const paths = listComics(values.library!, values.limit === undefined ? Infinity : Number(values.limit));
  const result = values.mode === 'floor' ? measureFloor(paths) : values.mode === 'inline' ? await measureInline(paths) : await measurePool(paths);
  console.log(JSON.stringify(result));
} else {
  const generated = values.library === undefined;
  const library = values.library ?? mkdtempSync(join(tmpdir(), 'longbox-bench-read-'));
  try {
    if (generated) await generateLibrary(library, { profile: 'realistic', count: Number(values.files), seed: 1, formats: ['CBZ'] });
    report(library, ['floor', 'inline', 'pool'].map((mode) => runChild(mode, library)) as [Floor, Inline, Pooled]);
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
  files: number;
  filesPerSecond: number;
  cpuMicros: number;
  startupMs: number;
  failed: number;
  maxRssMb: number;
}

function runChild(mode: string, library: string): unknown {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--mode', mode, '--library', library, '--workers', String(workers)];
  if (values.limit !== undefined) args.push('--limit', values.limit);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`bench:read ${mode} exited with ${child.status}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!);
}

function report(library: string, [floor, inline, pool]: [Floor, Inline, Pooled]): void {
  const us = (value: number): string => `${value.toFixed(0).padStart(6)} µs/file`;
  console.log(`${inline.files} comics in ${library}; pool: ${workers} workers`);
  console.log(`floor (zip tail + ComicInfo bytes, 1 thread)   ${floor.filesPerSecond.toFixed(0).padStart(7)} files/s (CBZs only)`);
  console.log(`readComic inline, 1 thread                     ${us(inline.wallMicros)} wall, ${us(inline.cpuMicros)} CPU, peak RSS ${inline.maxRssMb} MB`);
  for (const [format, { files, wallMicros, cpuMicros }] of Object.entries(inline.byFormat)) {
    console.log(`  ${format.padEnd(4)} ${String(files).padStart(6)} files                            ${us(wallMicros)} wall, ${us(cpuMicros)} CPU`);
  }
  console.log(
    `pool, ${workers} workers                               ${pool.filesPerSecond.toFixed(0).padStart(7)} files/s, ${us(pool.cpuMicros)} CPU (all threads), peak RSS ${pool.maxRssMb} MB`,
  );
  console.log(`pool start-up (first ${workers} files)                ${pool.startupMs.toFixed(0).padStart(7)} ms`);
  if (inline.failed + pool.failed > 0) console.log(`failed: ${inline.failed} inline, ${pool.failed} in the pool`);
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
  const byFormat: Inline['byFormat'] = {};
  let failed = 0;
  const cpu = cpuMicros();
  const started = performance.now();
  for (const path of paths) {
    const fileStarted = performance.now();
    const fileCpu = cpuMicros();
    const outcome = await readComic(path);
    const format = extname(path).slice(1).toLowerCase();
    const entry = (byFormat[format] ??= { files: 0, wallMicros: 0, cpuMicros: 0 });
    entry.files++;
    entry.cpuMicros += cpuMicros() - fileCpu;
    entry.wallMicros += (performance.now() - fileStarted) * 1000;
    if (!outcome.ok) failed++;
  }
  const wall = (performance.now() - started) * 1000;
  for (const entry of Object.values(byFormat)) {
    entry.wallMicros /= entry.files;
    entry.cpuMicros /= entry.files;
  }
  return { files: paths.length, wallMicros: wall / paths.length, cpuMicros: (cpuMicros() - cpu) / paths.length, byFormat, failed, maxRssMb: maxRssMb() };
}

async function measurePool(paths: string[]): Promise<Pooled> {
  readFloorFiles(paths);
  const pool = createReadPool({ workers });
  const startup = performance.now();
  for await (const _ of pool.read(paths.slice(0, workers))) void _;
  const startupMs = performance.now() - startup;
  let failed = 0;
  const cpu = cpuMicros();
  const started = performance.now();
  for await (const outcome of pool.read(paths)) if (!outcome.ok) failed++;
  const seconds = (performance.now() - started) / 1000;
  const used = cpuMicros() - cpu;
  await pool.close();
  return { files: paths.length, filesPerSecond: paths.length / seconds, cpuMicros: used / paths.length, startupMs, failed, maxRssMb: maxRssMb() };
}
