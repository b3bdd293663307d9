// Importer bug (src/importer, reported to its owner, not patched here): an import with `paths`
// that names a file whose ancestor folders are gone keeps the file's comic, and reports the gone
// ancestors as unreadable ("a: not found"). walkLibrary adds every ancestor of a sub-path as a
// folder; a missing one lands in `unreadable`, and isUnderUnreadable then protects every stored
// comic under it from the delete. Expected: the comic is deleted, nothing is reported unreadable.
// The watcher meets it when a batch holds a deep path but not its vanished folder (rare: both
// usually come in one batch); the next full scan repairs it. `it.fails` keeps the suite green
// while the bug stands: turn it into `it` when the importer is fixed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { testLibrary, writeComic } from '../support/library';

describe('an import of a path whose folders vanished', () => {
  it.fails('deletes the comic and reports nothing unreadable', async () => {
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
