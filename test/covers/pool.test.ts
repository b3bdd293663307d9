import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coverOptionsSchema } from '../../src/covers/options';
import { createCoverPool } from '../../src/covers/pool';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();
const { workers: _workers, coversDir: _coversDir, ...defaults } = coverOptionsSchema.parse({});
const settings = { ...defaults, coversDir: join(dir, 'covers') };
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
});
