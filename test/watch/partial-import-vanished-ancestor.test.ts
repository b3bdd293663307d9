// An import with `paths` naming a file whose ancestor folders are gone must delete the file's
// comic, not report the folders as unreadable (which protects the comics under them).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { testLibrary, writeComic } from '../support/library';

describe('an import of a path whose folders vanished', () => {
  it('deletes the comic and reports nothing unreadable', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/b/x.cbz', null);
    writeComic(lib.root, 'keep.cbz', null);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(join(lib.root, 'a'), { recursive: true });

    const report = await importLibrary(db, lib.root, { workers: 1, paths: ['a/b/x.cbz'] });

    expect(report.unreadable).toEqual([]);
    expect(report.comics.deleted).toBe(1);
    expect(db.$client.prepare('SELECT path FROM comics').pluck().all()).toEqual(['keep.cbz']);
  });
});
