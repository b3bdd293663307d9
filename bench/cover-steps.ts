import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import sharp, { type OutputInfo } from 'sharp';
import { coverOptionsSchema } from '../src/covers/options';
import { type CoverJob, makeCover } from '../src/covers/make-cover';
import { readStoredPage } from '../src/pages/read-page';
import { openArchive } from '../src/archive';
import { writeCbz } from '../tools/archive-writers';
import { middleOf } from './lib/median';

/**
 * node --import tsx bench/cover-steps.ts [--library DIR] [--limit 60] [--rounds 3]
 *
 * What each step of making one cover costs, in CPU ms per cover, on one thread (sharp set up as
 * in a cover worker: libvips on one thread, no cache). Every step runs over the cover pages of
 * the library bench/covers.ts generates (default: its 600-comic one) in a loop of its own, after
 * an untimed warm-up round; the median of the rounds is printed. The pool's cost (worker start-up,
 * messaging, the main thread's writes) is the whole run's CPU per cover (bench/covers.ts) less
 * makeCover here.
 */
const { values } = parseArgs({
  options: { library: { type: 'string' }, limit: { type: 'string', default: '60' }, rounds: { type: 'string', default: '3' } },
});
const library = values.library ?? join(tmpdir(), 'longbox-bench-covers-600', 'library');
const paths = readdirSync(library)
  .filter((name) => name.endsWith('.cbz'))
  .slice(0, Number(values.limit))
  .map((name) => join(library, name));
const rounds = Number(values.rounds);
/** A decode without shrink-on-load costs several covers: a few pages show it. */
const full = Math.min(10, paths.length);
const out = join(tmpdir(), `longbox-cover-steps-${process.pid}`);
const settings = { ...coverOptionsSchema.parse({}), coversDir: out };
const box = { width: settings.width, height: settings.height, fit: 'inside' as const, withoutEnlargement: true };
const input = { limitInputPixels: settings.maxInputPixels, failOn: 'error' as const };

sharp.concurrency(1);
sharp.cache(false);

const jobs: CoverJob[] = paths.map((path) => {
  const { size, mtimeMs } = statSync(path);
  return { comicId: 1, file: { path, size, mtime: Math.trunc(mtimeMs) }, page: { entry: '000.jpg', mediaType: 'image/jpeg' }, pageIndex: 0 };
});

/**
 * readStoredPage opens each comic afresh: its central directory is read and parsed per cover. Each
 * cover is another comic's, so nothing could be reused; these steps show what it costs, on the
 * bench's 3-page CBZs and on one of 200 pages (a directory of ~12 KiB).
 */
const bigDir = join(tmpdir(), `longbox-cover-steps-big-${process.pid}`);
mkdirSync(bigDir, { recursive: true });
const bigCbz = join(bigDir, 'big.cbz');
writeCbz(bigCbz, Array.from({ length: 200 }, (_, i) => ({ name: `Some Series 001 (2026)/page-${String(i).padStart(3, '0')}.jpg`, data: Buffer.alloc(64, i) })));
const openAndFind = async (path: string, entry: string): Promise<void> => {
  const archive = await openArchive(path);
  try {
    if (!archive.entries.some((candidate) => candidate.name === entry)) throw new Error(`no ${entry} in ${path}`);
  } finally {
    await archive.close();
  }
};

const cpu = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const results = new Map<string, number[]>();
async function step(name: string, items: number, run: () => Promise<unknown>): Promise<void> {
  const started = cpu();
  await run();
  results.set(name, [...(results.get(name) ?? []), (cpu() - started) / 1000 / items]);
}
async function each<T>(items: readonly T[], run: (item: T, index: number) => unknown): Promise<void> {
  for (const [index, item] of items.entries()) await run(item, index);
}

for (let round = 0; round <= rounds; round++) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pages: Buffer[] = [];
  const pixels: { data: Buffer; info: OutputInfo }[] = [];
  const webps: Buffer[] = [];
  await step('read the page out of the CBZ (stat, open, directory, read, CRC, stat)', jobs.length, () =>
    each(jobs, async (job) => {
      const read = await readStoredPage(job.file, job.page, 0);
      if (!read.ok) throw new Error(read.reason);
      pages.push(read.data);
    }),
  );
  await step('  of which: open + read and parse the central directory, find the entry (no page read)', jobs.length, () =>
    each(jobs, (job) => openAndFind(job.file.path, '000.jpg')),
  );
  await step('  the same on a 200-page CBZ', jobs.length, () => each(jobs, () => openAndFind(bigCbz, 'Some Series 001 (2026)/page-100.jpg')));
  await step('JPEG header only (sharp metadata)', pages.length, () => each(pages, (page) => sharp(page, input).metadata()));
  await step('JPEG decode + resize, shrink-on-load (to pixels)', pages.length, () =>
    each(pages, async (page) => pixels.push(await sharp(page, input).rotate().resize(box).raw().toBuffer({ resolveWithObject: true }))),
  );
  await step('  the same with fastShrinkOnLoad: false (a smaller shrink on load; 10 pages)', full, () =>
    each(pages.slice(0, full), (page) => sharp(page, input).rotate().resize({ ...box, fastShrinkOnLoad: false }).raw().toBuffer()),
  );
  await step('  a full decode, no resize (10 pages)', full, () => each(pages.slice(0, full), (page) => sharp(page, input).raw().toBuffer()));
  for (const effort of [0, 2, 4]) {
    await step(`WebP encode of the ${box.width} x ${box.height} pixels, effort ${effort}`, pixels.length, () =>
      each(pixels, async ({ data, info }) => {
        const webp = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).webp({ quality: settings.quality, effort }).toBuffer();
        if (effort === settings.effort) webps.push(webp);
      }),
    );
  }
  await step(`decode + resize + encode, one sharp pipeline (effort ${settings.effort})`, pages.length, () =>
    each(pages, (page) => sharp(page, input).rotate().resize(box).webp({ quality: settings.quality, effort: settings.effort }).toBuffer()),
  );
  await step('SHA-256 of the WebP', webps.length, () => each(webps, (webp) => createHash('sha256').update(webp).digest('hex')));
  await step('write to a temp name + rename', webps.length, () =>
    each(webps, (webp, i) => {
      writeFileSync(join(out, '.tmp'), webp);
      renameSync(join(out, '.tmp'), join(out, `${i}.webp`));
    }),
  );
  await step('a job through structured clone (what postMessage copies, both ways)', jobs.length, () => each(jobs, (job) => deserialize(serialize(job))));
  await step('makeCover, whole (what a worker does per job)', jobs.length, () =>
    each(jobs, async (job) => {
      const outcome = await makeCover(job, settings);
      if (!outcome.ok) throw new Error(outcome.reason);
    }),
  );
}
rmSync(out, { recursive: true, force: true });
rmSync(bigDir, { recursive: true, force: true });

console.log(`${jobs.length} cover pages of ${library}, ${rounds} rounds after a warm-up, load ${loadavg()[0]!.toFixed(1)}`);
console.log('| step | CPU ms/cover |\n|---|---|');
for (const [name, list] of results) console.log(`| ${name} | ${middleOf(list.slice(1)).toFixed(2)} |`);
