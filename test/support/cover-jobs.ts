import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { CoverJob } from '../../src/covers/make-cover';
import { coverOptionsSchema, type CoverSettings } from '../../src/covers/options';
import { writeCbz } from '../../tools/archive-writers';

/**
 * Cover jobs on archives written to `dir`, of every kind the cover worker meets: a good page,
 * reads that fail (file gone, not an archive, entry gone) and decodes that fail (text, a truncated
 * JPEG). A good job's page is 40 + n by 60 + n pixels, within the default box, so its cover is
 * that size: an outcome names its job.
 */
export const COVER_JOB_KINDS = ['good', 'fileGone', 'notAnArchive', 'entryGone', 'textPage', 'truncatedJpeg'] as const;
export type CoverJobKind = (typeof COVER_JOB_KINDS)[number];

export function coverSettings(dir: string): CoverSettings {
  const { workers: _workers, coversDir: _coversDir, ...defaults } = coverOptionsSchema.parse({});
  return { ...defaults, coversDir: join(dir, 'covers') };
}

export async function writeCoverJob(dir: string, n: number, kind: CoverJobKind): Promise<CoverJob> {
  const path = join(dir, `${n}-${kind}.cbz`);
  const image = await sharp({ create: { width: 40 + n, height: 60 + n, channels: 3, background: { r: (n * 37) % 256, g: 90, b: 30 } } })
    .jpeg()
    .toBuffer();
  const page = kind === 'textPage' ? Buffer.from('this is not an image at all') : kind === 'truncatedJpeg' ? image.subarray(0, image.length >> 1) : image;
  if (kind === 'notAnArchive') writeFileSync(path, 'this is not a zip archive');
  else writeCbz(path, [{ name: kind === 'entryGone' ? '02.jpg' : '01.jpg', data: page }]);
  const { size, mtimeMs } = statSync(path);
  const file = { path: kind === 'fileGone' ? join(dir, `${n}-never-written.cbz`) : path, size, mtime: Math.trunc(mtimeMs) };
  return { comicId: n, file, page: { entry: '01.jpg', size: page.length, mediaType: 'image/jpeg' }, pageIndex: 0 };
}

/** The outcome a job of this kind must get, as a matcher. */
export function expectedCoverOutcome(n: number, kind: CoverJobKind): unknown {
  const failure = (reason: unknown) => ({ ok: false, reason });
  // The file is not what was imported: nothing to record against the image (see CoverOutcome).
  const stale = (reason: unknown) => ({ ok: false, reason, stale: true });
  switch (kind) {
    case 'good':
      return { ok: true, path: expect.stringMatching(/^([0-9a-f]{2})\/\1[0-9a-f]{30}\.webp$/), width: 40 + n, height: 60 + n };
    case 'fileGone':
      return stale(expect.stringContaining("the comic's file is gone since it was imported"));
    case 'notAnArchive':
      return failure(expect.stringMatching(/^cannot read page 0: /));
    case 'entryGone':
      return stale(expect.stringContaining("the comic's file no longer holds 01.jpg"));
    case 'textPage':
      return failure(expect.stringContaining('is not a usable image: it is not an image format that can be decoded'));
    case 'truncatedJpeg':
      return failure(expect.stringContaining('is not a usable image: the image data is damaged'));
  }
}

/** `count` jobs, every failing kind in turn between good ones: good, fileGone, good, notAnArchive, ... */
export async function mixedCoverJobs(dir: string, count: number): Promise<{ kinds: CoverJobKind[]; jobs: CoverJob[] }> {
  const kinds = Array.from({ length: count }, (_, n): CoverJobKind => (n % 2 === 0 ? 'good' : COVER_JOB_KINDS[1 + ((n >> 1) % (COVER_JOB_KINDS.length - 1))]!));
  return { kinds, jobs: await Promise.all(kinds.map((kind, n) => writeCoverJob(dir, n, kind))) };
}
