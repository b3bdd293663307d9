import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import sharp from 'sharp';
import { describeFsError } from '../fs-errors';
import { type PageResult, readStoredPage, type StoredFile } from '../pages/read-page';
import type { ComicPage } from '../schema/comic-page';
import { TEMP_PREFIX } from './covers-dir';
import type { CoverSettings } from './options';

/** One cover to make: the comic's file as stored and its cover page. */
export interface CoverJob {
  comicId: number;
  file: StoredFile;
  page: ComicPage;
  pageIndex: number;
}

/**
 * A failure is `stale` when the comic's file is not what the job was planned from (changed,
 * moved or gone since the import, say on an unmounted disk): not the image's fault, so nothing is
 * recorded, and the comic is planned again once an import has caught up.
 */
export type CoverOutcome = { ok: true; path: string; width: number; height: number } | { ok: false; reason: string; stale?: true };

// Each worker is one of the parallel lanes: libvips' own threads would only compete with them.
sharp.concurrency(1);
sharp.cache(false);

/**
 * Reads the cover page, fits it into the box as WebP, and writes it under a name made of its
 * content hash: first to a temp name, then renamed, so a kill never leaves a half file under a
 * name a row can point at. Never throws: a bad page is an outcome with a reason.
 */
export async function makeCover(job: CoverJob, settings: CoverSettings): Promise<CoverOutcome> {
  return finishCover(job, await readCoverPage(job, settings), settings);
}

/**
 * The first half of makeCover: the cover page's bytes, read on the calling thread. A worker reads
 * the next job's page with it while libvips (on libuv's threads) encodes the current one.
 */
export function readCoverPage(job: CoverJob, settings: CoverSettings): Promise<PageResult> {
  return readStoredPage(job.file, job.page, job.pageIndex, {
    maxBytes: settings.maxPageBytes,
    // A PDF page is drawn at twice the box at most: enough to downscale from, never a huge bitmap.
    pdfMaxPixels: settings.width * settings.height * 4,
    pdfScale: 2,
  });
}

/** The second half of makeCover: the page read by readCoverPage, decoded, encoded and written. */
export async function finishCover(job: CoverJob, read: PageResult, settings: CoverSettings): Promise<CoverOutcome> {
  if (!read.ok) return { ok: false, reason: read.reason, ...(read.code === 'FILE_CHANGED' && { stale: true as const }) };
  let webp: Awaited<ReturnType<typeof resizeToWebp>>;
  try {
    webp = await resizeToWebp(read.data, settings);
  } catch (error) {
    return { ok: false, reason: `cover page ${job.pageIndex} (${job.page.entry ?? 'PDF page'}) is not a usable image: ${imageProblem(error)}` };
  }
  const hash = createHash('sha256').update(webp.data).digest('hex').slice(0, 32);
  const path = `${hash.slice(0, 2)}/${hash}.webp`;
  const written = writeOnce(settings.coversDir, path, hash, webp.data);
  if (!written.ok) return written;
  return { ok: true, path, width: webp.info.width, height: webp.info.height };
}

/**
 * A file already under its content-hashed name holds these very bytes, complete (only a rename
 * puts a file there, and only this run removes files, after its rows are written): an identical
 * cover (a duplicate comic, a shared variant cover) costs no write, and no rename over a file,
 * which ext4 follows with a flush.
 */
function writeOnce(coversDir: string, path: string, hash: string, data: Buffer): { ok: true } | { ok: false; reason: string } {
  const final = join(coversDir, path);
  if (existsSync(final)) return { ok: true };
  const folder = join(coversDir, hash.slice(0, 2));
  const temp = join(folder, `${TEMP_PREFIX}${hash}.${process.pid}.${threadId}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, final);
    return { ok: true };
  } catch (error) {
    rmSync(temp, { force: true });
    return { ok: false, reason: `cannot write the cover: ${describeFsError(error)}` };
  }
}

/** EXIF orientation applied, fitted into the box (never enlarged); huge declared sizes refused unread. */
function resizeToWebp(image: Buffer, settings: CoverSettings) {
  return sharp(image, { limitInputPixels: settings.maxInputPixels, failOn: 'error' })
    .rotate()
    .resize({ width: settings.width, height: settings.height, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: settings.quality, effort: settings.effort })
    .toBuffer({ resolveWithObject: true });
}

/**
 * What was wrong with the image, in words: sharp's own messages name its internals (and libvips
 * prints file offsets), so only the kinds a person can act on are told apart.
 */
function imageProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message)) return 'its declared size is too large to decode safely (a decompression bomb?)';
  if (/unsupported image format/i.test(message)) return 'it is not an image format that can be decoded';
  return 'the image data is damaged';
}
