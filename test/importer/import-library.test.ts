import { mkdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { canonicalDump } from '../support/dump';
import { testLibrary, writeComic } from '../support/library';

const captain = {
  Title: 'The Beginning',
  Series: 'Captain Science',
  Number: '1',
  Volume: 1950,
  Year: 1950,
  Month: 11,
  Publisher: 'Youthful Magazines',
  Writer: 'Walter Gibson',
  Penciller: 'Wally Wood, Joe Orlando',
  Characters: ['Captain Science', 'Luthor'],
  Genre: 'Science Fiction',
  AgeRating: 'Everyone',
  Summary: 'Space adventure.',
} as const;

const rows = (db: ReturnType<ReturnType<typeof testLibrary>['open']>, sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).all(...params) as Record<string, unknown>[];
const value = (db: ReturnType<ReturnType<typeof testLibrary>['open']>, sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).pluck().get(...params);

describe('importLibrary', () => {
  it('imports comics with their hierarchy, credits, tags, folders and search row', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Youthful/Captain Science/Captain Science #001.cbz', captain);
    writeComic(lib.root, 'loose.cbz', null, { pages: 3 });
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expect(report.comics).toMatchObject({ created: 2, updated: 0, failed: 0, deleted: 0 });
    const comic = rows(db, `SELECT c.*, p.name publisher, s.name series, v.number volume, a.name age_rating
      FROM comics c JOIN publishers p ON p.id = c.publisher_id JOIN series s ON s.id = c.series_id
      JOIN volumes v ON v.id = c.volume_id LEFT JOIN age_ratings a ON a.id = c.age_rating_id WHERE c.path LIKE 'Youthful/%'`)[0]!;
    expect(comic).toMatchObject({
      name: 'The Beginning', issue_number: 1, year: 1950, month: 11, date: '1950-11-01', decade: 1950,
      publisher: 'Youthful Magazines', series: 'Captain Science', volume: 1950, age_rating: 'Everyone',
      page_count: 2, file_type: 'CBZ', reading_direction: 'ltr',
    });
    expect(rows(db, `SELECT p.name person, r.name role FROM comic_credits cc JOIN credits c ON c.id = cc.credit_id
      JOIN credit_persons p ON p.id = c.person_id LEFT JOIN credit_roles r ON r.id = c.role_id ORDER BY 1, 2`)).toEqual([
      { person: 'Joe Orlando', role: 'Penciller' },
      { person: 'Wally Wood', role: 'Penciller' },
      { person: 'Walter Gibson', role: 'Writer' },
    ]);
    expect(rows(db, 'SELECT name FROM characters ORDER BY name')).toEqual([{ name: 'Captain Science' }, { name: 'Luthor' }]);

    const loose = rows(db, `SELECT c.page_count, p.name publisher, i.name imprint, s.name series, v.number volume FROM comics c
      JOIN publishers p ON p.id = c.publisher_id JOIN imprints i ON i.id = c.imprint_id JOIN series s ON s.id = c.series_id
      JOIN volumes v ON v.id = c.volume_id WHERE c.path = 'loose.cbz'`)[0];
    // Without metadata the series comes from the file name.
    expect(loose).toEqual({ page_count: 3, publisher: '', imprint: '', series: 'loose', volume: null });

    expect(rows(db, `SELECT f.path FROM comic_folders cf JOIN folders f ON f.id = cf.folder_id JOIN comics c ON c.id = cf.comic_id
      WHERE c.path LIKE 'Youthful/%' ORDER BY f.path`).map((r) => r.path)).toEqual(['', 'Youthful', 'Youthful/Captain Science']);
    expect(rows(db, `SELECT path, parent_id IS NULL AS is_root FROM folders ORDER BY path`)).toEqual([
      { path: '', is_root: 1 }, { path: 'Youthful', is_root: 0 }, { path: 'Youthful/Captain Science', is_root: 0 },
    ]);
    expect(value(db, 'SELECT count(*) FROM comics_fts')).toBe(2);
    expect(value(db, `SELECT c.path FROM comics_fts JOIN comics c ON c.id = comics_fts.rowid WHERE comics_fts MATCH 'luthor'`)).toBe(
      'Youthful/Captain Science/Captain Science #001.cbz',
    );
  });

  it('writes nothing and opens no archive on a second run without changes', async () => {
    const lib = testLibrary();
    const mtime = new Date('2024-03-01T10:00:00Z');
    const file = writeComic(lib.root, 'a/one.cbz', captain, { mtime });
    writeComic(lib.root, 'two.cbz', { ...captain, Number: '2' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const before = canonicalDump(db.$client);

    // Same size and mtime, unreadable content: opening it would record a failure.
    writeFileSync(file, Buffer.alloc(statSync(file).size, 0x20));
    utimesSync(file, mtime, mtime);
    const changesBefore = value(db, 'SELECT total_changes()');
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expect(value(db, 'SELECT total_changes()')).toBe(changesBefore);
    expect(report.comics).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(canonicalDump(db.$client)).toEqual(before);
  });

  it('imports a comic with a bad field and reports the dropped field as a warning', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'odd.cbz', { ...captain, Month: 13 });
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics.created).toBe(1);
    expect(value(db, 'SELECT month FROM comics')).toBeNull();
    expect(value(db, 'SELECT year FROM comics')).toBe(1950);
    expect(report.warnings.count).toBe(1);
    expect(report.warnings.sample).toEqual([{ path: 'odd.cbz', message: expect.stringMatching(/month/i) }]);
  });

  it('writes nothing when a forced re-read finds the same content', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'one.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const changesBefore = value(db, 'SELECT total_changes()');
    const report = await importLibrary(db, lib.root, { workers: 1, force: true });
    expect(report.comics.updated).toBe(1);
    expect(value(db, 'SELECT total_changes()')).toBe(changesBefore);
  });

  it('finds an existing identifier again, without a duplicate, and takes its newer url', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'one.cbz', { ...captain, Web: 'https://comicvine.gamespot.com/c/4000-145269/' }, { mtime: new Date('2024-01-01') });
    writeComic(lib.root, 'two.cbz', { ...captain, Number: '2', Web: 'https://comicvine.gamespot.com/c/4000-145269/' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(rows(db, 'SELECT key FROM identifiers')).toHaveLength(1);
    const changes = value(db, 'SELECT total_changes()');
    await importLibrary(db, lib.root, { workers: 1, force: true });
    expect(value(db, 'SELECT total_changes()')).toBe(changes);

    writeComic(lib.root, 'one.cbz', { ...captain, Web: 'https://comicvine.gamespot.com/the-beginning/4000-145269/' }, { mtime: new Date('2024-02-01') });
    await importLibrary(db, lib.root, { workers: 1 });
    expect(rows(db, 'SELECT key, url FROM identifiers')).toEqual([
      { key: expect.stringContaining('145269'), url: 'https://comicvine.gamespot.com/the-beginning/4000-145269/' },
    ]);
    expect(value(db, 'SELECT count(*) FROM comic_identifiers')).toBe(2);
  });

  it('keeps the comic id of a modified file and clears what its metadata no longer says', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'one.cbz', captain, { mtime: new Date('2024-01-01') });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const id = value(db, 'SELECT id FROM comics');

    const { AgeRating: _dropped, ...withoutRating } = captain;
    writeComic(lib.root, 'one.cbz', { ...withoutRating, Characters: ['Captain Science'], Title: 'A New Title' }, { mtime: new Date('2024-02-01') });
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expect(report.comics).toMatchObject({ updated: 1, created: 0 });
    expect(rows(db, 'SELECT id, name, age_rating_id FROM comics')).toEqual([{ id, name: 'A New Title', age_rating_id: null }]);
    expect(rows(db, 'SELECT name FROM characters')).toEqual([{ name: 'Captain Science' }]);
    expect(value(db, 'SELECT count(*) FROM age_ratings')).toBe(0);
    expect(value(db, `SELECT count(*) FROM comics_fts WHERE comics_fts MATCH 'luthor'`)).toBe(0);
    expect(value(db, `SELECT count(*) FROM comics_fts WHERE comics_fts MATCH 'title:new'`)).toBe(1);
  });

  it('deletes a vanished comic with its links, search row, orphaned tags and empty folders', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'keep.cbz', { Series: 'Kept', Characters: 'Shared' });
    const gone = writeComic(lib.root, 'deep/er/gone.cbz', { Series: 'Gone', Characters: 'Shared, Only Here', Publisher: 'Gone Inc' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(gone);
    const report = await importLibrary(db, lib.root, { workers: 1 });

    expect(report.comics.deleted).toBe(1);
    expect(rows(db, 'SELECT path FROM comics')).toEqual([{ path: 'keep.cbz' }]);
    expect(rows(db, 'SELECT name FROM characters')).toEqual([{ name: 'Shared' }]);
    expect(rows(db, 'SELECT name FROM series')).toEqual([{ name: 'Kept' }]);
    expect(rows(db, 'SELECT name FROM publishers')).toEqual([{ name: '' }]);
    expect(rows(db, 'SELECT path FROM folders')).toEqual([{ path: '' }]);
    expect(value(db, 'SELECT count(*) FROM comics_fts')).toBe(1);
    expect(value(db, 'SELECT count(*) FROM comic_characters')).toBe(1);
    expect(report.tags.removed).toBeGreaterThanOrEqual(4);
  });

  it('records an unreadable file in failed_imports, updates it, and clears it once the file imports', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'good.cbz', captain);
    const bad = join(lib.root, 'bad.cbz');
    writeFileSync(bad, 'this is not a zip at all');
    const db = lib.open();
    const first = await importLibrary(db, lib.root, { workers: 1 });

    expect(first.comics).toMatchObject({ created: 1, failed: 1 });
    const failure = rows(db, 'SELECT path, reason FROM failed_imports')[0]!;
    expect(failure.path).toBe('bad.cbz');
    expect(String(failure.reason)).toMatch(/\w+/);

    writeFileSync(bad, Buffer.alloc(0));
    utimesSync(bad, new Date('2020-01-01'), new Date('2020-01-01'));
    await importLibrary(db, lib.root, { workers: 1 });
    const again = rows(db, 'SELECT path, size, reason FROM failed_imports')[0]!;
    expect(again.size).toBe(0);

    writeComic(lib.root, 'bad.cbz', captain);
    const fixed = await importLibrary(db, lib.root, { workers: 1 });
    expect(fixed.comics.created).toBe(1);
    expect(value(db, 'SELECT count(*) FROM failed_imports')).toBe(0);
  });

  it('forgets a failure when its file disappears', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'good.cbz', captain);
    writeFileSync(join(lib.root, 'bad.cbz'), 'garbage');
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(join(lib.root, 'bad.cbz'));
    await importLibrary(db, lib.root, { workers: 1 });
    expect(value(db, 'SELECT count(*) FROM failed_imports')).toBe(0);
  });

  it('keeps a stored comic whose file turns unreadable, and records why', async () => {
    const lib = testLibrary();
    const file = writeComic(lib.root, 'one.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    writeFileSync(file, 'broken now');
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics.failed).toBe(1);
    expect(value(db, 'SELECT name FROM comics')).toBe('The Beginning');
    expect(value(db, 'SELECT count(*) FROM failed_imports')).toBe(1);
  });

  it('keeps the comic id when a file is renamed or moved to another folder', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/one.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const id = value(db, 'SELECT id FROM comics');
    renameSync(join(lib.root, 'a'), join(lib.root, 'b'));
    renameSync(join(lib.root, 'b/one.cbz'), join(lib.root, 'b/renamed.cbz'));
    const report = await importLibrary(db, lib.root, { workers: 1 });
    // The file name is a metadata source: a new name is read again (the id stays).
    expect(report.comics).toMatchObject({ moved: 1, created: 0, deleted: 0, updated: 1 });
    expect(rows(db, 'SELECT id, path FROM comics')).toEqual([{ id, path: 'b/renamed.cbz' }]);
    expect(rows(db, `SELECT f.path FROM comic_folders cf JOIN folders f ON f.id = cf.folder_id ORDER BY f.path`).map((r) => r.path)).toEqual(['', 'b']);
    expect(rows(db, 'SELECT path FROM folders ORDER BY path').map((r) => r.path)).toEqual(['', 'b']);
  });

  it('moves a file to another folder under the same name without reading it again', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/one.cbz', captain);
    writeComic(lib.root, 'b/two.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const id = value(db, `SELECT id FROM comics WHERE path = 'a/one.cbz'`);
    renameSync(join(lib.root, 'a/one.cbz'), join(lib.root, 'b/one.cbz'));
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics).toMatchObject({ moved: 1, updated: 0, created: 0, deleted: 0 });
    expect(value(db, `SELECT id FROM comics WHERE path = 'b/one.cbz'`)).toBe(id);
  });

  it('keeps folder ids and comic ids when a whole folder tree is renamed', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Old/Series/one.cbz', captain);
    writeComic(lib.root, 'Old/two.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const before = rows(db, 'SELECT id, path FROM folders ORDER BY id');
    const comicIds = rows(db, 'SELECT id FROM comics ORDER BY id');
    renameSync(join(lib.root, 'Old'), join(lib.root, 'New'));
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics).toMatchObject({ moved: 2, updated: 0, created: 0, deleted: 0 });
    expect(rows(db, 'SELECT id FROM comics ORDER BY id')).toEqual(comicIds);
    expect(rows(db, 'SELECT id, path FROM folders ORDER BY id')).toEqual(
      before.map((folder) => ({ ...folder, path: String(folder.path).replace(/^Old/, 'New') })),
    );
    expect(rows(db, `SELECT f.path FROM comic_folders cf JOIN folders f ON f.id = cf.folder_id JOIN comics c ON c.id = cf.comic_id
      WHERE c.path = 'New/Series/one.cbz' ORDER BY f.path`).map((r) => r.path)).toEqual(['', 'New', 'New/Series']);
  });

  it('leaves everything outside the given paths alone, even a sibling sharing the prefix', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'a/one.cbz', captain);
    writeComic(lib.root, 'ab/two.cbz', captain);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(join(lib.root, 'a/one.cbz'));
    rmSync(join(lib.root, 'ab/two.cbz'));
    const report = await importLibrary(db, lib.root, { workers: 1, paths: ['a', 'a/one.cbz', 'a'] });
    expect(report.comics.deleted).toBe(1);
    expect(rows(db, 'SELECT path FROM comics')).toEqual([{ path: 'ab/two.cbz' }]);
  });

  it('refuses a second import of the same database while one runs, and takes over a stale lock', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'one.cbz', captain);
    const db = lib.open();
    const first = importLibrary(db, lib.root, { workers: 1 });
    await expect(importLibrary(lib.dbPath, lib.root, { workers: 1 })).rejects.toMatchObject({
      code: 'BUSY',
      message: expect.stringContaining('another import of this database is running'),
    });
    await first;
    // A lock file left by a process that died (pid 2**22 + 1 is above Linux's pid range).
    writeFileSync(`${realpathSync(lib.dbPath)}-import.lock`, String(2 ** 22 + 1));
    await expect(importLibrary(db, lib.root, { workers: 1 })).resolves.toMatchObject({ comics: { unchanged: 1 } });
  });

  it('hears an abort while it walks a large folder tree', async () => {
    const lib = testLibrary();
    for (let i = 0; i < 300; i++) mkdirSync(join(lib.root, `empty ${i}`));
    writeComic(lib.root, 'last/one.cbz', captain);
    const db = lib.open();
    const controller = new AbortController();
    const running = importLibrary(db, lib.root, { workers: 1, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(running).rejects.toMatchObject({ code: 'ABORTED' });
    expect(value(db, 'SELECT count(*) FROM comics')).toBe(0);
  });

  it('keeps the chunks committed before an abort, and the next run completes the library with their ids', async () => {
    const lib = testLibrary();
    for (let i = 0; i < 30; i++) writeComic(lib.root, `c${i}.cbz`, { ...captain, Number: String(i) });
    const db = lib.open();
    const controller = new AbortController();
    let abortedAt = 0;
    const aborted = importLibrary(db, lib.root, {
      workers: 1,
      chunkSize: 5,
      signal: controller.signal,
      // Reported once a chunk is committed: stop after the second one.
      onProgress: (p) => {
        if (p.phase === 'read' && p.done >= 10 && p.done < p.total && !controller.signal.aborted) {
          abortedAt = p.done;
          controller.abort();
        }
      },
    });
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    expect(abortedAt).toBeGreaterThanOrEqual(10);
    const committed = new Map(rows(db, 'SELECT path, id FROM comics WHERE mtime >= 0').map((row) => [row.path, row.id]));
    expect(committed.size).toBeGreaterThanOrEqual(abortedAt);
    expect(committed.size).toBeLessThan(30);

    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics).toMatchObject({ unchanged: committed.size, created: 30 - committed.size });
    const after = new Map(rows(db, 'SELECT path, id FROM comics').map((row) => [row.path, row.id]));
    for (const [path, id] of committed) expect(after.get(path)).toBe(id);
    const fresh = testLibrary();
    const freshDb = fresh.open();
    await importLibrary(freshDb, lib.root, { workers: 1 });
    expect(canonicalDump(db.$client)).toEqual(canonicalDump(freshDb.$client));
  });

  it('checkpoints the WAL during a long import, so it stays near its budget instead of growing with the library', async () => {
    const lib = testLibrary();
    // Unique tags make every chunk dirty new index pages, as a large library's does.
    for (let i = 0; i < 240; i++) {
      const Tags = Array.from({ length: 40 }, (_, t) => `tag ${i} ${t} ${'x'.repeat(60)}`).join(', ');
      writeComic(lib.root, `c${String(i).padStart(3, '0')}.cbz`, { ...captain, Number: String(i), Tags });
    }
    const db = lib.open();
    const sizeOf = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    let walMax = 0;
    let dbBefore = -1;
    let dbDuring = 0;
    await importLibrary(db, lib.root, {
      workers: 1,
      chunkSize: 10,
      walBudgetMiB: 1,
      onProgress: (p) => {
        walMax = Math.max(walMax, sizeOf(`${lib.dbPath}-wal`));
        if (dbBefore < 0) dbBefore = sizeOf(lib.dbPath);
        if (p.phase === 'read' && p.done < p.total) dbDuring = Math.max(dbDuring, sizeOf(lib.dbPath));
      },
    });
    expect(value(db, 'SELECT count(*) FROM tags')).toBe(240 * 40);
    // Deferred to the end, the WAL held every page of the ~4 MiB database, many several times.
    expect(sizeOf(lib.dbPath)).toBeGreaterThan(3 * 1024 * 1024);
    expect(walMax).toBeLessThan(2 * 1024 * 1024);
    // Checkpoints copied pages into the database file while the import ran.
    expect(dbDuring).toBeGreaterThan(dbBefore);
  });

  it('does not call an error ABORTED when the abort did not cause it', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'one.cbz', captain);
    const db = lib.open();
    const controller = new AbortController();
    const failing = importLibrary(db, lib.root, {
      workers: 1,
      signal: controller.signal,
      onProgress: () => {
        controller.abort();
        throw new Error('progress handler broke');
      },
    });
    await expect(failing).rejects.toThrow('progress handler broke');
  });
});
