import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { testLibrary, writeComic } from '../support/library';

/** Every table a comic points at, directly or through another row: what cleanup judges. */
const referenceTables = [
  'age_ratings', 'characters', 'countries', 'credit_persons', 'credit_roles', 'credits', 'genres', 'identifiers', 'identifier_sources',
  'imprints', 'languages', 'locations', 'original_formats', 'publishers', 'reprints', 'scan_infos', 'series', 'series_groups', 'stories',
  'story_arc_numbers', 'story_arcs', 'taggers', 'tags', 'teams', 'universes', 'volumes',
];

type Db = ReturnType<ReturnType<typeof testLibrary>['open']>;
const referenceRows = (db: Db) => referenceTables.reduce((sum, table) => sum + (db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0);
const names = (db: Db, table: string) => db.$client.prepare(`SELECT name FROM ${table} ORDER BY name`).pluck().all();

/** Two comics sharing some rows; `deep/er/gone.cbz` alone uses the rest, and is then deleted. */
async function libraryLosingAComic() {
  const lib = testLibrary();
  writeComic(lib.root, 'keep.cbz', { Series: 'Kept', Characters: 'Shared', Writer: 'Shared Writer', Genre: 'Drama' });
  const gone = writeComic(lib.root, 'deep/er/gone.cbz', {
    Series: 'Gone', Volume: 1990, Characters: 'Shared, Only Here', Publisher: 'Gone Inc', Writer: 'Shared Writer', Penciller: 'Only Penciller',
    Genre: 'Drama, Horror', AgeRating: 'Teen',
  });
  const db = lib.open();
  await importLibrary(db, lib.root, { workers: 1 });
  rmSync(gone);
  return { lib, db, before: referenceRows(db) };
}

function expectOnlyTheKeptComicsRows(db: Db) {
  expect(names(db, 'characters')).toEqual(['Shared']);
  expect(names(db, 'genres')).toEqual(['Drama']);
  expect(names(db, 'series')).toEqual(['Kept']);
  expect(names(db, 'publishers')).toEqual(['']);
  expect(names(db, 'credit_persons')).toEqual(['Shared Writer']);
  expect(names(db, 'credit_roles')).toEqual(['Writer']);
  expect(names(db, 'age_ratings')).toEqual([]);
  expect(db.$client.prepare('SELECT path FROM folders').pluck().all()).toEqual(['']);
}

describe('cleanup', () => {
  it('removes, on a full scan, the reference rows and folders only a vanished comic used, and counts the rows of every reference table in tags.removed', async () => {
    const { lib, db, before } = await libraryLosingAComic();
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expectOnlyTheKeptComicsRows(db);
    expect(report.tags.removed).toBe(before - referenceRows(db));
  });

  it('removes the same rows in a scoped import of the vanished file, counted the same way', async () => {
    const { lib, db, before } = await libraryLosingAComic();
    const report = await importLibrary(db, lib.root, { workers: 1, paths: ['deep/er/gone.cbz'] });

    expect(report.comics.deleted).toBe(1);
    expectOnlyTheKeptComicsRows(db);
    expect(report.tags.removed).toBe(before - referenceRows(db));
  });
});

describe('folders.removed', () => {
  const folderPaths = (db: Db) => db.$client.prepare('SELECT path FROM folders ORDER BY path').pluck().all();

  /** Comics in a/b/c and a/d beside one at the root, imported; then the whole a/ tree is deleted on disk. */
  async function libraryLosingATree() {
    const lib = testLibrary();
    writeComic(lib.root, 'keep.cbz', null);
    writeComic(lib.root, 'a/b/c/one.cbz', null);
    writeComic(lib.root, 'a/b/c/two.cbz', null);
    writeComic(lib.root, 'a/d/three.cbz', null);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(folderPaths(db)).toEqual(['', 'a', 'a/b', 'a/b/c', 'a/d']);
    rmSync(join(lib.root, 'a'), { recursive: true });
    return { lib, db };
  }

  // Four rows go (a, a/b, a/b/c, a/d): the DELETE itself reaches only a, the ON DELETE CASCADE of
  // parent_id takes the three below it first.
  it('counts every folder of a deleted tree on a full scan, the sub-folders the cascade removed included', async () => {
    const { lib, db } = await libraryLosingATree();
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expect(report.comics.deleted).toBe(3);
    expect(folderPaths(db)).toEqual(['']);
    expect(report.folders.removed).toBe(4);
  });

  it('counts every folder of a deleted tree in a scoped import of the tree, as a watch batch runs it', async () => {
    const { lib, db } = await libraryLosingATree();
    const report = await importLibrary(db, lib.root, { workers: 1, paths: ['a'] });

    expect(report.comics.deleted).toBe(3);
    expect(folderPaths(db)).toEqual(['']);
    expect(report.folders.removed).toBe(4);
  });
});

describe('the sweep', () => {
  /** A library of one comic, imported, and a genre no comic uses, written by hand: only a sweep removes it. */
  async function importedWithAnUnusedRow() {
    const lib = testLibrary();
    writeComic(lib.root, 'keep.cbz', { Series: 'Kept', Genre: 'Drama' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    db.$client.prepare("INSERT INTO genres (name) VALUES ('Unused')").run();
    return { lib, db };
  }

  it('is skipped by a full scan that changes nothing after a finished one, and runs again on the next change', async () => {
    const { lib, db } = await importedWithAnUnusedRow();

    const unchanged = await importLibrary(db, lib.root, { workers: 1 });
    expect(unchanged.tags.removed).toBe(0);
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);

    writeComic(lib.root, 'new.cbz', { Series: 'New' });
    const changed = await importLibrary(db, lib.root, { workers: 1 });
    expect(changed.comics.created).toBe(1);
    expect(changed.tags.removed).toBe(1);
    expect(names(db, 'genres')).toEqual(['Drama']);
  });

  it('runs on a forced import even when nothing changed', async () => {
    const { lib, db } = await importedWithAnUnusedRow();

    const forced = await importLibrary(db, lib.root, { workers: 1, force: true });
    expect(forced.tags.removed).toBe(1);
    expect(names(db, 'genres')).toEqual(['Drama']);
  });

  /** A library of one comic, imported, and an empty folder to become a second library of the same database. */
  async function besideAnotherLibrary() {
    const lib = testLibrary();
    writeComic(lib.root, 'keep.cbz', { Series: 'Kept', Genre: 'Drama' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    return { lib, db, other: testLibrary() };
  }

  /** Aborts the next import of `db` inside its delete phase, which commits; the cleanup after it never starts. */
  function abortInsideTheDeletePhase(db: Db) {
    const controller = new AbortController();
    db.$client.function('abort_import', () => (controller.abort(), 0));
    db.$client.exec('CREATE TEMP TRIGGER abort_on_delete AFTER DELETE ON comics BEGIN SELECT abort_import(); END');
    return { signal: controller.signal, done: () => db.$client.exec('DROP TRIGGER abort_on_delete') };
  }

  it('is still owed after a run killed between its changes and its cleanup, so the next run sweeps with nothing to write', async () => {
    const { lib, db } = await importedWithAnUnusedRow();
    rmSync(join(lib.root, 'keep.cbz'));
    writeComic(lib.root, 'other.cbz', { Series: 'Other' });
    const abort = abortInsideTheDeletePhase(db);
    await expect(importLibrary(db, lib.root, { workers: 1, signal: abort.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    abort.done();
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);

    const next = await importLibrary(db, lib.root, { workers: 1 });
    expect(next.comics).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 1 });
    expect(names(db, 'genres')).toEqual([]);
    expect(next.tags.removed).toBeGreaterThanOrEqual(3);
  });

  it('is owed before any statement commits when phase transactions are off, so a phase that fails half-way still leaves it', async () => {
    const { lib, db } = await importedWithAnUnusedRow();
    const owed = () => db.$client.prepare('SELECT sweep_owed FROM libraries').pluck().get();
    expect(owed()).toBe(0);
    writeComic(lib.root, 'a.cbz', { Series: 'A' });
    writeComic(lib.root, 'b.cbz', { Series: 'B' });
    // Without a transaction each insert commits alone: the first comic stays, the second fails.
    let inserted = 0;
    db.$client.function('fail_second_insert', () => {
      if (++inserted === 2) throw new Error('the disk is full');
      return 0;
    });
    db.$client.exec('CREATE TEMP TRIGGER fail_on_insert AFTER INSERT ON comics BEGIN SELECT fail_second_insert(); END');
    await expect(importLibrary(db, lib.root, { workers: 1, tuning: { phaseTransactions: false } })).rejects.toThrow('the disk is full');
    db.$client.exec('DROP TRIGGER fail_on_insert');

    expect(db.$client.prepare("SELECT count(*) FROM comics WHERE path IN ('a.cbz', 'b.cbz')").pluck().get()).toBe(1);
    expect(owed()).toBe(1);
  });

  it('is left owed by a scoped import, and paid by the next full scan though it changes nothing', async () => {
    const { lib, db } = await importedWithAnUnusedRow();
    writeComic(lib.root, 'keep.cbz', { Series: 'Kept', Genre: 'Drama', Number: '2' });
    const scoped = await importLibrary(db, lib.root, { workers: 1, paths: ['keep.cbz'] });
    expect(scoped.comics.updated).toBe(1);
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);

    const full = await importLibrary(db, lib.root, { workers: 1 });
    expect(full.comics).toMatchObject({ updated: 0, unchanged: 1 });
    expect(names(db, 'genres')).toEqual(['Drama']);
  });

  it('is not owed when only a folder changed, not a comic', async () => {
    const { lib, db } = await importedWithAnUnusedRow();
    writeFileSync(join(lib.root, 'notes.txt'), 'not a comic');
    utimesSync(lib.root, new Date(), new Date(Date.now() + 5000));
    const changes = () => db.$client.prepare('SELECT total_changes()').pluck().get() as number;
    const before = changes();
    await importLibrary(db, lib.root, { workers: 1 });
    // The root folder's stats were written (so something changed), and still no sweep is owed.
    expect(changes()).toBeGreaterThan(before);
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);
    await importLibrary(db, lib.root, { workers: 1 });
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);
  });

  it("is paid by any library's full scan while another library of the database owes one", async () => {
    const { lib, db, other } = await besideAnotherLibrary();
    writeComic(other.root, 'elsewhere.cbz', { Series: 'Elsewhere' });
    await importLibrary(db, other.root, { workers: 1 });
    db.$client.prepare("INSERT INTO genres (name) VALUES ('Unused')").run();
    // The other library's run changes something and is killed before its cleanup: it owes.
    rmSync(join(other.root, 'elsewhere.cbz'));
    writeComic(other.root, 'new.cbz', { Series: 'New' });
    const abort = abortInsideTheDeletePhase(db);
    await expect(importLibrary(db, other.root, { workers: 1, signal: abort.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    abort.done();

    const unchanged = await importLibrary(db, lib.root, { workers: 1 });
    expect(unchanged.comics).toMatchObject({ created: 0, updated: 0, deleted: 0, unchanged: 1 });
    expect(names(db, 'genres')).toEqual(['Drama']);
    expect(names(db, 'series')).not.toContain('Elsewhere');
  });

  it('pays the debt of a library that cannot scan (its root is gone), so later full scans of the others skip the sweep', async () => {
    const { lib, db, other } = await besideAnotherLibrary();
    writeComic(other.root, 'stays.cbz', { Series: 'Stays' });
    const gone = writeComic(other.root, 'gone.cbz', { Series: 'Elsewhere' });
    await importLibrary(db, other.root, { workers: 1 });
    // The other library's run deletes a comic and is killed before its cleanup: it owes a sweep.
    // A folder of it that no comic uses, written by hand, is what only a sweep removes. Then its
    // root goes (an unmounted share), so none of its own runs can pay.
    rmSync(gone);
    const abort = abortInsideTheDeletePhase(db);
    await expect(importLibrary(db, other.root, { workers: 1, signal: abort.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    abort.done();
    const otherId = db.$client.prepare('SELECT id FROM libraries ORDER BY id DESC LIMIT 1').pluck().get();
    db.$client
      .prepare("INSERT INTO folders (library_id, parent_id, path, name, sort_name, mtime, size) SELECT library_id, id, 'empty', 'empty', 'empty', 0, 0 FROM folders WHERE library_id = ? AND path = ''")
      .run(otherId);
    rmSync(other.root, { recursive: true });
    await expect(importLibrary(db, other.root, { workers: 1 })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    const owed = () => db.$client.prepare('SELECT sweep_owed FROM libraries ORDER BY id').pluck().all();
    const otherFolders = () => db.$client.prepare('SELECT path FROM folders WHERE library_id = ? ORDER BY path').pluck().all(otherId);
    expect(owed()).toEqual([0, 1]);

    const paying = await importLibrary(db, lib.root, { workers: 1 });
    expect(names(db, 'series')).toEqual(['Kept', 'Stays']);
    expect(otherFolders()).toEqual(['']);
    expect(paying.folders.removed).toBe(1);
    expect(owed()).toEqual([0, 0]);

    // Nothing is owed now: a full scan that changes nothing leaves even an unused row alone.
    db.$client.prepare("INSERT INTO genres (name) VALUES ('Unused')").run();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(names(db, 'genres')).toEqual(['Drama', 'Unused']);
  });

  it("leaves the folders of a library whose killed run created comics it never linked, and still imports the others", async () => {
    const { lib, db, other } = await besideAnotherLibrary();
    writeComic(other.root, 'sub/deeper/new.cbz', { Series: 'New' });
    // Killed between create and link: the comic row points at its folder (folder_id), and no
    // comic_folders row lists the folder yet. The run owes a sweep.
    const controller = new AbortController();
    db.$client.function('abort_import', () => (controller.abort(), 0));
    db.$client.exec('CREATE TEMP TRIGGER abort_on_insert AFTER INSERT ON comics BEGIN SELECT abort_import(); END');
    await expect(importLibrary(db, other.root, { workers: 1, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    db.$client.exec('DROP TRIGGER abort_on_insert');
    const otherFolders = () => db.$client.prepare("SELECT f.path FROM folders f JOIN libraries l ON l.id = f.library_id WHERE l.path <> ? ORDER BY f.path").pluck().all(lib.root);
    expect(otherFolders()).toEqual(['', 'sub', 'sub/deeper']);

    const sweeping = await importLibrary(db, lib.root, { workers: 1 });
    expect(sweeping.comics.unchanged).toBe(1);
    expect(otherFolders()).toEqual(['', 'sub', 'sub/deeper']);
    // The other library's next run finishes its comic.
    const finished = await importLibrary(db, other.root, { workers: 1 });
    expect(finished.comics.updated + finished.comics.created).toBe(1);
    expect(names(db, 'series')).toEqual(['Kept', 'New']);
  });

  it('leaves the folders of comics a killed run never linked when a scoped import after it fails to read its file', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'sub/deeper/a.cbz', { Series: 'A' });
    const db = lib.open();
    migrate(db);
    // Killed between create and link: the comic points at its folders, none lists it yet.
    const controller = new AbortController();
    db.$client.function('abort_import', () => (controller.abort(), 0));
    db.$client.exec('CREATE TEMP TRIGGER abort_on_insert AFTER INSERT ON comics BEGIN SELECT abort_import(); END');
    await expect(importLibrary(db, lib.root, { workers: 1, signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
    db.$client.exec('DROP TRIGGER abort_on_insert');
    writeFileSync(join(lib.root, 'broken.cbz'), 'not a zip');

    const scoped = await importLibrary(db, lib.root, { workers: 1, paths: ['broken.cbz'] });
    expect(scoped.comics.failed).toBe(1);
    const full = await importLibrary(db, lib.root, { workers: 1 });
    expect(full.comics.updated + full.comics.created).toBe(1);
    expect(names(db, 'series')).toEqual(['A']);
  });
});
