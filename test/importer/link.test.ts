import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { testLibrary, writeComic } from '../support/library';

describe('link phase', () => {
  it('links every comic of a chunk to exactly its own tags, new and shared ones', async () => {
    const lib = testLibrary();
    // Tags requested out of order over the chunk: each comic's new one and one they all share.
    const count = 71;
    for (let i = 0; i < count; i++) writeComic(lib.root, `c${String(i).padStart(3, '0')}.cbz`, { Series: 'S', Number: String(i), Tags: [`own ${i}`, 'shared'] }, { pages: 1 });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });

    const linked = db.$client
      .prepare(`SELECT c.path, group_concat(t.name, '|') AS tags FROM comics c JOIN comic_tags ct ON ct.comic_id = c.id
        JOIN tags t ON t.id = ct.tag_id GROUP BY c.id ORDER BY c.path`)
      .all() as { path: string; tags: string }[];
    expect(linked).toHaveLength(count);
    for (const [i, { path, tags }] of linked.entries()) {
      expect(path).toBe(`c${String(i).padStart(3, '0')}.cbz`);
      expect(tags.split('|').sort()).toEqual([`own ${i}`, 'shared']);
    }
  });
});
