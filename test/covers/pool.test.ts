import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CoverOutcome } from '../../src/covers/make-cover';
import { createCoverPool } from '../../src/covers/pool';
import { coverSettings, expectedCoverOutcome, mixedCoverJobs } from '../support/cover-jobs';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();
const settings = coverSettings(dir);
const job = (comicId: number) => ({ comicId, file: { path: join(dir, `${comicId}.cbz`), size: 1, mtime: 1 }, page: { entry: '01.jpg', mediaType: 'image/jpeg' }, pageIndex: 0 });

describe('cover pool', () => {
  it('fails the run, storing no outcome, when its worker cannot start (not every comic as a damaged cover)', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('the worker script is missing a module');\n");
    const pool = createCoverPool(settings, 2, undefined, pathToFileURL(broken));
    const outcomes: unknown[] = [];
    try {
      await expect(pool.run([job(1), job(2), job(3)], (_, outcome) => outcomes.push(outcome))).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('the cover worker failed to start: the worker script is missing a module'),
      });
    } finally {
      await pool.close();
    }
    expect(outcomes).toEqual([]);
  });

  it('answers each of 30 jobs once, with its own outcome, on two workers, when reads and decodes fail between good pages', async () => {
    const { kinds, jobs } = await mixedCoverJobs(dir, 30);
    const pool = createCoverPool(settings, 2);
    const answers: [number, CoverOutcome][] = [];
    try {
      await pool.run(jobs, (job, outcome) => answers.push([job.comicId, outcome]));
    } finally {
      await pool.close();
    }
    expect(answers.sort(([a], [b]) => a - b)).toEqual(kinds.map((kind, n) => [n, expectedCoverOutcome(n, kind)]));
  });
});
