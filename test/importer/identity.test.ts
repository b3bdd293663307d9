import { copyFileSync, mkdirSync, realpathSync, renameSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LongboxDb } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { relocateLibrary } from '../../src/importer/relocate-library';
import { testLibrary, writeComic } from '../support/library';

/*
 * Apps built on longbox hang their own rows on comics.id. These tests keep such a table of their
 * own (bookmarks, with a real foreign key) and check it survives what people do to files.
 */
function addBookmarks(db: LongboxDb) {
  db.$client.exec(`CREATE TABLE IF NOT EXISTS bookmarks (id integer primary key, comic_id integer NOT NULL REFERENCES comics(id) ON DELETE CASCADE, page integer)`);
  db.$client.exec(`DELETE FROM bookmarks; INSERT INTO bookmarks (comic_id, page) SELECT id, id * 10 FROM comics`);
  return () => db.$client.prepare(`SELECT c.path, b.page FROM bookmarks b JOIN comics c ON c.id = b.comic_id ORDER BY b.page`).all();
}

const info = (series: string, number: string) => ({ Series: series, Number: number, Publisher: 'Ace', Characters: 'Hero' });

async function library(files: Record<string, ReturnType<typeof info>>) {
  const lib = testLibrary();
  for (const [path, fields] of Object.entries(files)) writeComic(lib.root, path, fields, { mtime: new Date('2024-01-01') });
  const db = lib.open();
  await importLibrary(db, lib.root, { workers: 1 });
  return { ...lib, db, bookmarks: addBookmarks(db) };
}

const ids = (db: LongboxDb) => db.$client.prepare('SELECT path, id FROM comics ORDER BY path').all();

describe('comic identity', () => {
  it('keeps bookmarks when a file is renamed in place', async () => {
    const { root, db, bookmarks } = await library({ 'a.cbz': info('A', '1'), 'b.cbz': info('B', '1') });
    const before = bookmarks();
    renameSync(join(root, 'a.cbz'), join(root, 'a (renamed).cbz'));
    await importLibrary(db, root, { workers: 1 });
    expect(bookmarks()).toEqual(before.map((row: any) => (row.path === 'a.cbz' ? { ...row, path: 'a (renamed).cbz' } : row)));
  });

  it('keeps bookmarks when a file moves to another folder', async () => {
    const { root, db, bookmarks } = await library({ 'x/a.cbz': info('A', '1') });
    mkdirSync(join(root, 'y'));
    renameSync(join(root, 'x/a.cbz'), join(root, 'y/a.cbz'));
    await importLibrary(db, root, { workers: 1 });
    expect(bookmarks()).toEqual([{ path: 'y/a.cbz', page: expect.any(Number) }]);
  });

  it('keeps bookmarks when a whole folder tree moves', async () => {
    const { root, db, bookmarks } = await library({ 'Ace/A/1.cbz': info('A', '1'), 'Ace/A/2.cbz': info('A', '2'), 'Ace/B/1.cbz': info('B', '1') });
    const pages = bookmarks().map((row: any) => row.page);
    mkdirSync(join(root, 'Publishers'));
    renameSync(join(root, 'Ace'), join(root, 'Publishers/Ace Comics'));
    const report = await importLibrary(db, root, { workers: 1 });
    expect(report.comics).toMatchObject({ moved: 3, created: 0, deleted: 0 });
    expect(bookmarks().map((row: any) => row.page)).toEqual(pages);
    expect(bookmarks().map((row: any) => row.path)).toEqual(['Publishers/Ace Comics/A/1.cbz', 'Publishers/Ace Comics/A/2.cbz', 'Publishers/Ace Comics/B/1.cbz']);
  });

  // A copy has a new inode: only its size and content fingerprint tie it to the comic of the original.
  for (const [seenBy, paths] of [['a full scan', undefined], ['a watch batch', ['a.cbz', 'copies']]] as const) {
    it(`keeps bookmarks when a file is copied to a new place and the original deleted (new inode), seen by ${seenBy}`, async () => {
      const { root, db, bookmarks } = await library({ 'a.cbz': info('A', '1'), 'b.cbz': info('B', '1') });
      const before = bookmarks();
      mkdirSync(join(root, 'copies'));
      copyFileSync(join(root, 'a.cbz'), join(root, 'copies/a.cbz'));
      rmSync(join(root, 'a.cbz'));
      const report = await importLibrary(db, root, { workers: 1, paths: paths && [...paths] });
      expect(report.comics).toMatchObject({ moved: 1, created: 0, deleted: 0 });
      expect(bookmarks()).toEqual(before.map((row: any) => (row.path === 'a.cbz' ? { ...row, path: 'copies/a.cbz' } : row)));
    });
  }

  it('keeps bookmarks when a file is rewritten in place with new metadata (same path, new inode)', async () => {
    const { root, db, bookmarks } = await library({ 'a.cbz': info('A', '1') });
    const before = bookmarks();
    const temporary = writeComic(root, 'a.cbz.tmp-editor', { ...info('A', '1'), Characters: 'Villain' });
    renameSync(temporary, join(root, 'a.cbz'));
    utimesSync(join(root, 'a.cbz'), new Date('2024-05-01'), new Date('2024-05-01'));
    const report = await importLibrary(db, root, { workers: 1 });
    expect(report.comics).toMatchObject({ updated: 1, created: 0, deleted: 0 });
    expect(bookmarks()).toEqual(before);
    expect(db.$client.prepare('SELECT name FROM characters').pluck().all()).toEqual(['Villain']);
  });

  it('keeps folder rows in step when a folder whose name has an emoji is renamed', async () => {
    const { root, db, bookmarks } = await library({ 'Comics 🦇/Gotham/1.cbz': info('A', '1') });
    const pages = bookmarks().map((row: any) => row.page);
    renameSync(join(root, 'Comics 🦇'), join(root, 'Bat 🦇 Comics'));
    await importLibrary(db, root, { workers: 1 });
    expect(bookmarks().map((row: any) => row.page)).toEqual(pages);
    expect(db.$client.prepare('SELECT path FROM folders ORDER BY path').pluck().all()).toEqual(['', 'Bat 🦇 Comics', 'Bat 🦇 Comics/Gotham']);
  });

  it('treats a symlinked spelling of the root as the same library', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1') });
    const link = `${root}-link`;
    symlinkSync(root, link);
    const report = await importLibrary(db, link, { workers: 1 });
    expect(report.comics).toMatchObject({ unchanged: 1, created: 0 });
    expect(db.$client.prepare('SELECT count(*) FROM libraries').pluck().get()).toBe(1);
  });

  it('keeps every id when the whole library moves and is relocated', async () => {
    const { root, db, bookmarks } = await library({ 'a.cbz': info('A', '1'), 'x/b.cbz': info('B', '1') });
    const before = bookmarks();
    const moved = `${root}-mounted-elsewhere`;
    renameSync(root, moved);
    expect(relocateLibrary(db, root, moved).root).toBe(realpathSync(moved));
    const report = await importLibrary(db, moved, { workers: 1 });
    expect(report.comics).toMatchObject({ unchanged: 2, created: 0, deleted: 0 });
    expect(bookmarks()).toEqual(before);
    expect(db.$client.prepare('SELECT count(*) FROM libraries').pluck().get()).toBe(1);
  });

  it('refuses to relocate onto a folder another library holds, or one that does not exist', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1') });
    const other = `${root}-other`;
    mkdirSync(other);
    writeComic(other, 'b.cbz', info('B', '1'));
    await importLibrary(db, other, { workers: 1 });
    expect(() => relocateLibrary(db, root, other)).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => relocateLibrary(db, root, `${root}-missing`)).toThrow(expect.objectContaining({ code: 'ROOT_UNAVAILABLE' }));
    expect(() => relocateLibrary(db, `${root}-never-imported`, other)).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('swaps the paths of two files swapped by name, keeping both ids', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1'), 'b.cbz': { ...info('B', '22'), Characters: 'Somebody Else, With More Text' } });
    const [a, b] = ids(db) as { id: number }[];
    renameSync(join(root, 'a.cbz'), join(root, 'tmp.cbz'));
    renameSync(join(root, 'b.cbz'), join(root, 'a.cbz'));
    renameSync(join(root, 'tmp.cbz'), join(root, 'b.cbz'));
    await importLibrary(db, root, { workers: 1 });
    expect(ids(db)).toEqual([{ path: 'a.cbz', id: b!.id }, { path: 'b.cbz', id: a!.id }]);
    expect(db.$client.prepare(`SELECT s.name FROM comics c JOIN series s ON s.id = c.series_id WHERE c.path = 'a.cbz'`).pluck().get()).toBe('B');
  });

  it('lets a file moved onto an existing comic\'s path win it; the displaced comic is deleted', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1'), 'b.cbz': { ...info('B', '2'), Characters: 'A Longer List, Of Characters' } });
    const [a] = ids(db) as { id: number }[];
    renameSync(join(root, 'a.cbz'), join(root, 'b.cbz'));
    const report = await importLibrary(db, root, { workers: 1 });
    expect(report.comics).toMatchObject({ moved: 1, deleted: 1, created: 0 });
    expect(ids(db)).toEqual([{ path: 'b.cbz', id: a!.id }]);
    expect(db.$client.prepare('SELECT name FROM series').pluck().all()).toEqual(['A']);
    const again = await importLibrary(db, root, { workers: 1 });
    expect(again.comics).toMatchObject({ moved: 0, deleted: 0, created: 0, updated: 0 });
  });

  it('deletes only the deleted one of two identical copies', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1') });
    copyFileSync(join(root, 'a.cbz'), join(root, 'a copy.cbz'));
    await importLibrary(db, root, { workers: 1 });
    const before = ids(db) as { path: string; id: number }[];
    rmSync(join(root, 'a copy.cbz'));
    const report = await importLibrary(db, root, { workers: 1 });
    expect(report.comics).toMatchObject({ deleted: 1, moved: 0, created: 0 });
    expect(ids(db)).toEqual(before.filter((row) => row.path === 'a.cbz'));
  });

  it('does not pair two identical new copies with one vanished comic', async () => {
    const { root, db } = await library({ 'a.cbz': info('A', '1') });
    copyFileSync(join(root, 'a.cbz'), join(root, 'one.cbz'));
    copyFileSync(join(root, 'a.cbz'), join(root, 'two.cbz'));
    rmSync(join(root, 'a.cbz'));
    const report = await importLibrary(db, root, { workers: 1 });
    expect(report.comics).toMatchObject({ deleted: 1, moved: 0, created: 2 });
  });
});
