import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer';
import { holdsAtLeast, prepareStoredStats } from '../../src/importer/queries/stored-comics';
import { testLibrary, writeComic } from '../support/library';

describe('holdsAtLeast', () => {
  // It decides whether a full scan walks on two threads (src/walk/split-walk.ts).
  it('says whether a library holds at least so many comics', async () => {
    const lib = testLibrary();
    for (const name of ['a/1.cbz', 'a/2.cbz', 'b/3.cbz']) writeComic(lib.root, name, null);
    const db = lib.open();
    const { libraryId } = await importLibrary(db, lib.root, { workers: 1 });
    const client = db.$client;
    expect([1, 2, 3, 4].map((count) => holdsAtLeast(client, libraryId, count))).toEqual([true, true, true, false]);
    expect(holdsAtLeast(client, libraryId + 1, 1)).toBe(false);
  });
});

describe('prepareStoredStats', () => {
  // A rescan reads every comic's stat: from the index alone, no comic row is visited. A column
  // added to the query but not to the index would quietly bring those visits back. 300 comics, so
  // that the import's PRAGMA optimize leaves statistics the planner uses, as in a real library.
  async function libraryOf300() {
    const lib = testLibrary();
    for (let i = 0; i < 300; i++) writeComic(lib.root, `${i % 3}/${i}.cbz`, null);
    const db = lib.open();
    const { libraryId } = await importLibrary(db, lib.root, { workers: 1 });
    const plan = (scoped: boolean) =>
      (db.$client.prepare(`EXPLAIN QUERY PLAN ${prepareStoredStats(db.$client, scoped).source}`).all(scoped ? { library: libraryId, path: '1' } : [libraryId]) as { detail: string }[]).map(
        (step) => step.detail,
      );
    return { plan };
  }

  it("reads a whole library's stats in path order from the change-detection index alone, without a sort", async () => {
    const { plan } = await libraryOf300();
    expect(plan(false)).toEqual([expect.stringMatching(/^SEARCH comics USING COVERING INDEX comics_change_idx /)]);
  });

  it("reads a scope's stats from the change-detection index alone", async () => {
    const { plan } = await libraryOf300();
    const reads = plan(true).filter((step) => /^(SEARCH|SCAN) comics/.test(step));
    expect(reads.length).toBeGreaterThan(0);
    for (const step of reads) expect(step).toMatch(/USING COVERING INDEX comics_change_idx /);
  });
});
