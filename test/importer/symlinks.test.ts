import { mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { tempDir, testLibrary, writeComic } from '../support/library';

type Db = ReturnType<ReturnType<typeof testLibrary>['open']>;
const paths = (db: Db) => (db.$client.prepare('SELECT path FROM comics ORDER BY path').pluck().all() as string[]);

describe('symbolic links in the library', () => {
  it('imports a link to a file outside the root where the link stands', async () => {
    const lib = testLibrary();
    const outside = writeComic(tempDir(), 'elsewhere/Saga #1.cbz', { Series: 'Saga', Number: '1' });
    mkdirSync(join(lib.root, 'linked'));
    symlinkSync(outside, join(lib.root, 'linked/Saga #1.cbz'));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.unreadable).toEqual([]);
    expect(paths(db)).toEqual(['linked/Saga #1.cbz']);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
  });

  it('skips a link to a file inside the root, which is imported once under its own path', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Saga/Saga #1.cbz', null);
    symlinkSync(join(lib.root, 'Saga/Saga #1.cbz'), join(lib.root, 'favourite.cbz'));
    symlinkSync('Saga #1.cbz', join(lib.root, 'Saga/relative link.cbz'));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(paths(db)).toEqual(['Saga/Saga #1.cbz']);
  });

  it('imports a link to a file inside the root that the walk does not take (a hidden folder, another extension)', async () => {
    const lib = testLibrary();
    const hidden = writeComic(lib.root, '.stash/Saga #1.cbz', null);
    const renamed = writeComic(lib.root, 'data/saga.bin', null);
    symlinkSync(hidden, join(lib.root, 'from-hidden.cbz'));
    symlinkSync(renamed, join(lib.root, 'from-bin.cbz'));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(paths(db)).toEqual(['from-bin.cbz', 'from-hidden.cbz']);
  });

  it('reports a dangling link and a loop of links, and imports the rest', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'real.cbz', null);
    symlinkSync(join(lib.root, 'nowhere.cbz'), join(lib.root, 'dangling.cbz'));
    symlinkSync('loop-b.cbz', join(lib.root, 'loop-a.cbz'));
    symlinkSync('loop-a.cbz', join(lib.root, 'loop-b.cbz'));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(paths(db)).toEqual(['real.cbz']);
    expect(report.unreadable.toSorted((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'dangling.cbz', reason: 'a symbolic link whose target is gone: fix or remove the link' },
      { path: 'loop-a.cbz', reason: 'a loop of symbolic links: fix or remove the link' },
      { path: 'loop-b.cbz', reason: 'a loop of symbolic links: fix or remove the link' },
    ]);
  });

  it('does not follow links to folders: neither a loop to an ancestor nor a second copy of a subtree', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Saga/Saga #1.cbz', null);
    const outside = tempDir();
    writeComic(outside, 'Other #1.cbz', null);
    symlinkSync(lib.root, join(lib.root, 'Saga/back-to-root'));
    symlinkSync(join(lib.root, 'Saga'), join(lib.root, 'Saga copy'));
    symlinkSync(outside, join(lib.root, 'outside.cbz'));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.unreadable).toEqual([]);
    expect(paths(db)).toEqual(['Saga/Saga #1.cbz']);
    expect(db.$client.prepare('SELECT path FROM folders ORDER BY path').pluck().all()).toEqual(['', 'Saga']);
  });

  it.each([['a full scan', undefined], ['a partial import of the folder (watch mode)', ['DC']]])(
    'removes the comics of a folder replaced by a link to it, as a fresh import would not have them: %s',
    async (_, scope) => {
      const lib = testLibrary();
      writeComic(lib.root, 'DC/Batman 001.cbz', null);
      writeComic(lib.root, 'Marvel/X-Men 001.cbz', { Series: 'X-Men' });
      const db = lib.open();
      await importLibrary(db, lib.root, { workers: 1 });
      // Moved to another disk and linked back: the file still opens at its stored path, through the link.
      const elsewhere = join(tempDir(), 'DC');
      renameSync(join(lib.root, 'DC'), elsewhere);
      symlinkSync(elsewhere, join(lib.root, 'DC'));
      expect((await importLibrary(db, lib.root, { workers: 1, paths: scope })).comics).toMatchObject({ deleted: 1 });
      expect(paths(db)).toEqual(['Marvel/X-Men 001.cbz']);
    },
  );

  it('applies the same rules to a partial import of a link (watch mode)', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Saga/Saga #1.cbz', null);
    symlinkSync(join(lib.root, 'Saga'), join(lib.root, 'Saga copy'));
    symlinkSync(join(lib.root, 'Saga/Saga #1.cbz'), join(lib.root, 'favourite.cbz'));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    for (const paths of [['Saga copy', 'favourite.cbz'], ['Saga copy/Saga #1.cbz']]) {
      expect((await importLibrary(db, lib.root, { workers: 1, paths })).comics).toMatchObject({ created: 0, deleted: 0 });
    }
    expect(paths(db)).toEqual(['Saga/Saga #1.cbz']);
  });
});
