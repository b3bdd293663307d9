import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer';
import { holdsAtLeast } from '../../src/importer/queries/stored-comics';
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
