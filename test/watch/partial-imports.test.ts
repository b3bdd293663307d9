import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { canonicalDump } from '../support/dump';
import { testLibrary, writeComic } from '../support/library';

describe('incremental imports of touched paths, as the watcher runs them', () => {
  it('end in the same database as a fresh import of the folder', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/b/x.cbz', { Series: 'X', Characters: ['Hero'] });
    writeComic(lib.root, 'a/y.cbz', { Series: 'Y' });
    writeComic(lib.root, 'c/z.cbz', { Series: 'Z', Characters: ['Villain'] });
    const db = lib.open();
    const partial = (paths: string[]) => importLibrary(db, lib.root, { workers: 1, paths });
    await importLibrary(db, lib.root, { workers: 1 });
    const ids = () => db.$client.prepare('SELECT id FROM comics ORDER BY id').pluck().all();
    const before = ids();

    renameSync(join(lib.root, 'a'), join(lib.root, 'd'));
    await partial(['a', 'd']);
    mkdirSync(join(lib.root, 'e'));
    renameSync(join(lib.root, 'd/b/x.cbz'), join(lib.root, 'e/x2.cbz'));
    await partial(['d/b/x.cbz', 'e']);
    expect(ids()).toEqual(before);
    rmSync(join(lib.root, 'c'), { recursive: true });
    await partial(['c']);
    writeComic(lib.root, 'd/y.cbz', { Series: 'Y2', Characters: ['Other'] }, { mtime: new Date('2030-01-01') });
    await partial(['d/y.cbz']);

    const fresh = testLibrary().open();
    await importLibrary(fresh, lib.root, { workers: 1 });
    expect(canonicalDump(db.$client)).toEqual(canonicalDump(fresh.$client));
  });
});
