import { copyFileSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LongboxDb, migrate } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { canonicalDump } from '../support/dump';
import { tempDir, testLibrary, writeComic } from '../support/library';

/*
 * Each case leaves the folder in a state a fresh import knows how to read; the database that
 * lived through the change must end where that fresh import ends, and stay there.
 */
const pluck = (db: LongboxDb, sql: string) => db.$client.prepare(sql).pluck().all();

async function freshImportOf(root: string): Promise<LongboxDb> {
  const db = testLibrary().open();
  await importLibrary(db, root, { workers: 1 });
  return db;
}

/** Stops an import right after its create phase committed, as a SIGKILL there would leave it. */
function killedAfterCreate(created: () => boolean): AbortSignal {
  const signal = new AbortController().signal;
  signal.throwIfAborted = () => {
    if (created()) throw new Error('killed');
  };
  return signal;
}

/** a/x.cbz copied to b/x.cbz and the original deleted (a new inode), imported; then both dumps. */
async function copiedElsewhereThenImported(db: LongboxDb, root: string) {
  mkdirSync(join(root, 'b'));
  copyFileSync(join(root, 'a/x.cbz'), join(root, 'b/x.cbz'));
  rmSync(join(root, 'a'), { recursive: true });
  await importLibrary(db, root, { workers: 1 });
  return { dump: canonicalDump(db.$client), expected: canonicalDump((await freshImportOf(root)).$client) };
}

describe('an import converges to what a fresh import gives', () => {
  it('forgets the failure of a broken file that a moved comic overwrote', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'in/x.cbz', { Series: 'X', Number: '1' });
    mkdirSync(join(lib.root, 'out'));
    writeFileSync(join(lib.root, 'out/x.cbz'), 'not a zip at all');
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(pluck(db, 'SELECT path FROM failed_imports')).toEqual(['out/x.cbz']);
    renameSync(join(lib.root, 'in/x.cbz'), join(lib.root, 'out/x.cbz'));
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics.moved).toBe(1);
    expect(pluck(db, 'SELECT path FROM comics')).toEqual(['out/x.cbz']);
    expect(pluck(db, 'SELECT path FROM failed_imports')).toEqual(pluck(await freshImportOf(lib.root), 'SELECT path FROM failed_imports'));
    expect(pluck(db, 'SELECT path FROM failed_imports')).toEqual([]);
  });

  it('forgets the failure of a broken file restored from a backup with its old stat (cp -p, rsync -a)', async () => {
    const lib = testLibrary();
    const file = writeComic(lib.root, 'x.cbz', { Series: 'X', Number: '1' }, { mtime: new Date('2024-01-01') });
    const backup = join(tempDir(), 'x.cbz');
    copyFileSync(file, backup);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    writeFileSync(file, 'damaged');
    await importLibrary(db, lib.root, { workers: 1 });
    expect(pluck(db, 'SELECT path FROM failed_imports')).toEqual(['x.cbz']);
    copyFileSync(backup, file);
    utimesSync(file, new Date('2024-01-01'), new Date('2024-01-01'));
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics.failed).toBe(0);
    expect(pluck(db, 'SELECT path FROM failed_imports')).toEqual([]);
  });

  it('completes a new comic a killed run left unfinished, after its file was copied elsewhere and the original deleted', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/x.cbz', { Series: 'X', Number: '1', Characters: 'Hero' });
    const db = lib.open();
    migrate(db);
    const unfinished = db.$client.prepare('SELECT count(*) FROM comics WHERE mtime = -1').pluck();
    const signal = killedAfterCreate(() => (unfinished.get() as number) > 0);
    await expect(importLibrary(db, lib.root, { workers: 1, signal })).rejects.toThrow('killed');
    expect(db.$client.prepare('SELECT path, mtime FROM comics').all()).toEqual([{ path: 'a/x.cbz', mtime: -1 }]);
    const { dump, expected } = await copiedElsewhereThenImported(db, lib.root);
    expect(dump.comic_pages).toEqual(expected.comic_pages);
    expect(dump.comics_fts).toEqual(expected.comics_fts);
    expect(dump).toEqual({ ...expected, libraries: dump.libraries });
  });

  it('completes a rewritten comic whose re-read a killed run left half-written, after a copy-then-delete', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/x.cbz', { Series: 'X', Number: '1', Characters: 'Hero' }, { mtime: new Date('2024-01-01') });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    // Retagged in place, the file the same size; the re-import stops right after its create phase.
    writeComic(lib.root, 'a/x.cbz', { Series: 'X', Number: '1', Characters: 'Vill' }, { mtime: new Date('2024-02-01') });
    const villain = db.$client.prepare(`SELECT count(*) FROM characters WHERE name = 'Vill'`).pluck();
    const signal = killedAfterCreate(() => (villain.get() as number) > 0);
    await expect(importLibrary(db, lib.root, { workers: 1, signal })).rejects.toThrow('killed');
    const { dump, expected } = await copiedElsewhereThenImported(db, lib.root);
    expect(dump.comic_characters).toEqual(expected.comic_characters);
    expect(dump.comics_fts).toEqual(expected.comics_fts);
  });

  it('deletes the comic of a duplicate replaced by a link to the other copy (rdfind -makesymlinks)', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/Saga #1.cbz', { Series: 'Saga', Number: '1' });
    writeComic(lib.root, 'b/Saga #1.cbz', { Series: 'Saga', Number: '1' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(join(lib.root, 'b/Saga #1.cbz'));
    symlinkSync(join(lib.root, 'a/Saga #1.cbz'), join(lib.root, 'b/Saga #1.cbz'));
    await importLibrary(db, lib.root, { workers: 1 });
    expect(pluck(db, 'SELECT path FROM comics ORDER BY path')).toEqual(pluck(await freshImportOf(lib.root), 'SELECT path FROM comics ORDER BY path'));
    expect(pluck(db, 'SELECT path FROM comics ORDER BY path')).toEqual(['a/Saga #1.cbz']);
  });

  it('deletes the comic of a file replaced by a folder of the same name', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'x.cbz', { Series: 'X', Number: '1' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(join(lib.root, 'x.cbz'));
    writeComic(lib.root, 'x.cbz/inner.cbz', { Series: 'Y', Number: '1' });
    await importLibrary(db, lib.root, { workers: 1 });
    expect(pluck(db, 'SELECT path FROM comics ORDER BY path')).toEqual(['x.cbz/inner.cbz']);
  });

  it('swaps two files of the same size and mtime swapped by name, keeping each id with its content', async () => {
    const lib = testLibrary();
    const mtime = new Date('2024-01-01');
    writeComic(lib.root, 'a.cbz', { Series: 'Alpha', Number: '1' }, { mtime });
    writeComic(lib.root, 'b.cbz', { Series: 'Bravo', Number: '1' }, { mtime });
    expect(statSync(join(lib.root, 'a.cbz')).size).toBe(statSync(join(lib.root, 'b.cbz')).size);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const before = db.$client.prepare('SELECT id, path FROM comics ORDER BY path').all() as { id: number; path: string }[];
    renameSync(join(lib.root, 'a.cbz'), join(lib.root, 'tmp.cbz'));
    renameSync(join(lib.root, 'b.cbz'), join(lib.root, 'a.cbz'));
    renameSync(join(lib.root, 'tmp.cbz'), join(lib.root, 'b.cbz'));
    await importLibrary(db, lib.root, { workers: 1 });
    expect(db.$client.prepare('SELECT c.id, c.path, s.name AS series FROM comics c JOIN series s ON s.id = c.series_id ORDER BY c.path').all()).toEqual([
      { id: before[1]!.id, path: 'a.cbz', series: 'Bravo' },
      { id: before[0]!.id, path: 'b.cbz', series: 'Alpha' },
    ]);
  });
});
