/**
 * The covers scenario: a library of CBZs whose pages are realistic JPEGs (about 1800 x 2700,
 * with noise so they compress like scans, ~880 KiB), imported, then covers made from scratch.
 * Usage: node --import tsx bench/covers.ts [--count N] [--workers N] [--dir DIR] [--code DIR]
 *
 * Prints covers per second of `generateCovers` (wall time of the call, after the import) and its
 * CPU time per cover, all threads. CPU is what counts on a shared machine: 2000 / (CPU ms per
 * cover) is what 2 idle cores would give. A cover run pays a fixed start-up (worker threads
 * loading sharp and the archive readers, through tsx when run from source): a run of `workers`
 * comics first measures it, and "marginal" is the CPU per cover without it.
 * `--code DIR` runs another checkout's src/ (e.g. an older commit, `git archive <commit>` into
 * DIR with node_modules linked) on the same library and the same method, for a before/after.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import sharp, { type OverlayOptions } from 'sharp';
import { writeCbz } from '../tools/archive-writers';

const { values } = parseArgs({ options: { count: { type: 'string' }, workers: { type: 'string' }, dir: { type: 'string' }, code: { type: 'string' } } });
const count = Number(values.count ?? 300);
const workers = Number(values.workers ?? availableParallelism());
const dir = values.dir ?? join(tmpdir(), `longbox-bench-covers-${count}`);
const code = resolve(values.code ?? join(import.meta.dirname, '..'));
const root = join(dir, 'library');
/** Bumped when the generated pages change, so an older library is made again. */
const LIBRARY_VERSION = 2;
const PAGE = { width: 1800, height: 2700, channels: 3 } as const;

type Longbox = typeof import('../src/index');
const { generateCovers, importLibrary } = (await import(pathToFileURL(join(code, 'src/index.ts')).href)) as Longbox;

/** A few distinct noisy page images, as pixels: generating each costs more than a cover. */
async function basePages(kinds: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let i = 0; i < kinds; i++) {
    const noise = { type: 'gaussian' as const, mean: 120 + i * 10, sigma: 40 };
    pages.push(await sharp({ create: { ...PAGE, background: '#808080', noise } }).blur(1.2).raw().toBuffer());
  }
  return pages;
}

const jpeg = (pixels: Buffer, composite: OverlayOptions[] = []) => sharp(pixels, { raw: PAGE }).composite(composite).jpeg({ quality: 85 }).toBuffer();

/**
 * Every comic's cover page is its own image (a block of a colour of its own on one of the base
 * pages): real covers differ, so no two covers share a file and every write is a new file.
 */
async function generate(): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const bases = await basePages(8);
  const inner = await Promise.all(bases.map((pixels) => jpeg(pixels)));
  for (let i = 0; i < count; i++) {
    const colour = { r: (i * 37) % 256, g: (i * 101) % 256, b: (i * 211) % 256 };
    const block = await sharp({ create: { width: 240, height: 120, channels: 3, background: colour } }).png().toBuffer();
    const cover = await jpeg(bases[i % bases.length]!, [{ input: block, left: 60 + ((i * 13) % 1400), top: 60 + ((i * 29) % 2400) }]);
    // Three pages per comic are enough: only the cover is decoded.
    const pages = [cover, inner[(i + 1) % inner.length]!, inner[(i + 2) % inner.length]!];
    writeCbz(join(root, `c${i}.cbz`), pages.map((data, p) => ({ name: `${String(p).padStart(3, '0')}.jpg`, data })));
  }
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ count, version: LIBRARY_VERSION }));
}

function generated(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')) as { count: number; version: number };
    return manifest.count === count && manifest.version === LIBRARY_VERSION;
  } catch {
    return false;
  }
}

/**
 * CPU ms of the main thread alone (Linux: /proc/self/task/<pid>/stat, in clock ticks of 10 ms),
 * or undefined elsewhere: the pool's side of the work (planning, messaging, row writes).
 */
function mainThreadCpuMs(): number | undefined {
  try {
    // Fields after the parenthesised name: state is 3rd, utime 14th and stime 15th of the line.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Imports `library` into a fresh database, then times a cover run from scratch. */
async function coverRun(name: string, library: string) {
  const dbPath = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  rmSync(`${dbPath}-covers`, { recursive: true, force: true });
  await importLibrary(dbPath, library);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMs();
  const report = await generateCovers(dbPath, { workers });
  const ms = performance.now() - started;
  // CPU of every thread of the process: on a machine shared with other work, wall time says less.
  const cpu = process.cpuUsage(cpuBefore);
  const mainAfter = mainThreadCpuMs();
  const mainMs = mainBefore === undefined || mainAfter === undefined ? undefined : mainAfter - mainBefore;
  return { report, ms, cpuMs: (cpu.user + cpu.system) / 1000, mainMs, dbPath };
}

/** The first comic's cover: its size and dimensions show what a change of encoder did. */
function sampleCover(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT path, width, height FROM covers ORDER BY comic_id LIMIT 1').get() as { path: string; width: number; height: number };
    return `${row.width} x ${row.height}, ${readFileSync(join(`${dbPath}-covers`, row.path)).length} bytes`;
  } finally {
    db.close();
  }
}

if (!generated()) await generate();
const startupLibrary = join(dir, 'startup');
rmSync(startupLibrary, { recursive: true, force: true });
mkdirSync(startupLibrary);
for (let i = 0; i < workers; i++) copyFileSync(join(root, `c${i}.cbz`), join(startupLibrary, `c${i}.cbz`));

const loadBefore = loadavg()[0]!;
const startup = await coverRun('startup', startupLibrary);
const run = await coverRun('bench', root);
const loadAfter = loadavg()[0]!;
const { made, failed } = run.report;
const perCover = run.cpuMs / Math.max(1, made);
const marginal = (run.cpuMs - startup.cpuMs) / Math.max(1, made - startup.report.made);
const cores = availableParallelism();
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  [
    `code: ${code}`,
    `covers: ${made} made, ${failed} failed in ${(run.ms / 1000).toFixed(2)} s = ${Math.round((made * 1000) / run.ms)} covers/s wall (${workers} workers, load ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)} on ${cores} cores)`,
    `CPU per cover, all threads: ${perCover.toFixed(1)} ms with start-up (${Math.round((cores * 1000) / perCover)}/s on ${cores} idle cores), ` +
      `${marginal.toFixed(1)} ms marginal (${Math.round((cores * 1000) / marginal)}/s); start-up ${Math.round(startup.cpuMs)} ms CPU for ${startup.report.made} covers` +
      (run.mainMs === undefined ? '' : `; main thread ${(run.mainMs / Math.max(1, made)).toFixed(1)} ms per cover`),
    `sample cover ${sampleCover(run.dbPath)}; cover page ~${Math.round(readFileSync(join(root, 'c0.cbz')).length / 3 / 1024)} KiB; peak RSS ${rss} MiB`,
  ].join('\n'),
);
