import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { problemWith } from '../../tools/fuzz/check';
import { applyCase, fuzzCaseArbitrary } from '../../tools/fuzz/mutations';
import { unreadableReason } from '../../tools/fuzz/readable-reason';
import { FuzzReader } from '../../tools/fuzz/reader';
import { fuzzCases } from '../../tools/fuzz/run';
import { corpusSeeds, generatedSeeds, type Seed } from '../../tools/fuzz/seeds';
import { corpusPath } from '../support/corpus';
import { useTempDir } from '../support/temp-dir';

/*
 * The short fuzz run: seeded mutants of every format (bit flips, truncation, corrupted length,
 * offset and count fields) read as an import reads them. The long run is `npm run fuzz`.
 */
const SEED = 11;
const RUNS = 40;
const dir = useTempDir('longbox-fuzz-');

let seeds: Seed[];
beforeAll(async () => {
  seeds = [...(await generatedSeeds()), ...corpusSeeds(corpusPath)];
});

describe('the readable-reason check', () => {
  it.each([
    'damaged 7z: 266824',
    "damaged RAR: ENOENT: no such file or directory, open '/abs/path/x.part05.rar'",
    'damaged zip: The value of "position" is out of range. It must be >= 0 && <= 9007199254740991',
    'reader crashed: Error: boom\n    at readZip (file:///src/archive/zip.ts:10:5)',
    '266816',
    'unexpected error while reading: x is undefined',
  ])('rejects %j', (reason) => {
    expect(unreadableReason(reason)).toBeDefined();
  });

  it.each(['encrypted 7z: password required', 'part 5 of a multi-volume RAR: volume Rar5.multi.part06.rar is missing (keep all parts in one folder)', 'damaged tar: header checksum mismatch'])(
    'accepts %j',
    (reason) => {
      expect(unreadableReason(reason)).toBeUndefined();
    },
  );
});

describe('fuzzing the readers', () => {
  const reader = new FuzzReader({ timeoutMs: 60_000, heapMb: 1024 });
  afterAll(() => reader.close());

  it('reads every mutant to a comic or a readable reason, without a throw, a hang, a crash or runaway memory', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCaseArbitrary(seeds.length), async (fuzzCase) => {
        const seed = seeds[fuzzCase.seed]!;
        const { bytes, label } = applyCase(seed, fuzzCase.mutations);
        const path = join(dir, `case-${index++}${extname(seed.name)}`);
        writeFileSync(path, bytes);
        expect({ label, problem: problemWith(await reader.read(path)) }).toEqual({ label, problem: undefined });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it('imports a folder of mutants: each file once, in comics or failed_imports, and a rerun changes nothing', async () => {
    const root = join(dir, 'library');
    mkdirSync(root);
    const cases = fuzzCases(seeds, 20, SEED + 1);
    const names = cases.map((fuzzCase, i) => {
      const seed = seeds[fuzzCase.seed]!;
      const name = `mutant-${i}${extname(seed.name)}`;
      writeFileSync(join(root, name), applyCase(seed, fuzzCase.mutations).bytes);
      return name;
    });
    const db = openDatabase(join(dir, 'mutants.sqlite'));
    try {
      const first = await importLibrary(db, root, { workers: 1 });
      const placed = () => {
        const comics = db.$client.prepare('SELECT path FROM comics').pluck().all() as string[];
        const failed = db.$client.prepare('SELECT path, reason FROM failed_imports').all() as Array<{ path: string; reason: string }>;
        return { comics, failed };
      };
      const { comics, failed } = placed();
      expect([...comics, ...failed.map((row) => row.path)].sort()).toEqual([...names].sort());
      expect(failed.filter((row) => unreadableReason(row.reason) !== undefined)).toEqual([]);
      expect(first.comics.created + first.comics.failed).toBe(names.length);

      const rerun = await importLibrary(db, root, { workers: 1 });
      expect(rerun.comics).toMatchObject({ created: 0, updated: 0, moved: 0, deleted: 0, failed: 0, unchanged: comics.length, stillFailed: failed.length });
      expect(placed()).toEqual({ comics, failed });
    } finally {
      db.$client.close();
    }
  });

  it('seeds every format our writers make, so the run needs nothing outside the repository', async () => {
    expect(new Set((await generatedSeeds()).map((seed) => seed.format))).toEqual(new Set(['zip', 'tar', 'compressed-tar', '7z', 'pdf']));
  });
});
