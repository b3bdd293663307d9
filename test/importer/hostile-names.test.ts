import { readFileSync, renameSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { runCli } from '../cli/run-cli';
import { buildPdf, buildSevenZip, buildTar, PAGE_PNGS } from '../../tools/archive-writers';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { testLibrary, writeComic } from '../support/library';

/** A path under `root` whose last part is `name` as raw bytes (Linux takes any bytes but '/' and NUL). */
const bytePath = (root: string, ...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from(`${root}/`), ...parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))]);

/** Writes a CBZ (no ComicInfo) at a byte path: written under a plain name, then renamed. */
function writeCbzAt(root: string, path: Buffer, pages = 2): void {
  const plain = writeComic(root, `.staging-${pages}-${Math.random()}.cbz`, null, { pages });
  renameSync(plain, path);
}

type Db = ReturnType<ReturnType<typeof testLibrary>['open']>;
const rows = (db: Db, sql: string) => db.$client.prepare(sql).all() as Record<string, unknown>[];
const comicsOf = (db: Db) => rows(db, 'SELECT c.id, c.path, c.page_count, s.name series FROM comics c JOIN series s ON s.id = c.series_id ORDER BY c.path');
const failuresOf = (db: Db) => rows(db, 'SELECT path, reason FROM failed_imports ORDER BY path');

describe('file names that are not valid UTF-8', () => {
  it('imports a Latin-1 name under its escaped display path, reads the name as windows-1252, and changes nothing on a rerun', async () => {
    const lib = testLibrary();
    writeCbzAt(lib.root, bytePath(lib.root, 'caf', [0xe9], ' #1.cbz'), 3);
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.unreadable).toEqual([]);
    expect(report.comics).toMatchObject({ created: 1, failed: 0 });
    expect(comicsOf(db)).toEqual([{ id: expect.any(Number), path: 'caf\\xe9 #1.cbz', page_count: 3, series: 'café' }]);
    expect(failuresOf(db)).toEqual([]);

    const changes = db.$client.prepare('SELECT total_changes()').pluck();
    const before = changes.get();
    const rerun = await importLibrary(db, lib.root, { workers: 1 });
    expect(rerun.comics).toMatchObject({ created: 0, updated: 0, unchanged: 1, deleted: 0, failed: 0 });
    expect(changes.get()).toBe(before);
  });

  it('keeps the comic id when such a file is renamed or rewritten, and deletes it when it is gone', async () => {
    const lib = testLibrary();
    const first = bytePath(lib.root, [0xc0, 0xaf], ' old.cbz');
    writeCbzAt(lib.root, first);
    // A second comic, so deleting the first is not an emptied root (which the import refuses).
    writeComic(lib.root, 'keep.cbz', null);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const [{ id }] = comicsOf(db) as [{ id: number }];

    const renamed = bytePath(lib.root, 'new ', [0xff], '.cbz');
    renameSync(first, renamed);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ moved: 1, deleted: 0, created: 0 });
    expect(comicsOf(db)).toEqual([expect.objectContaining({ path: 'keep.cbz' }), expect.objectContaining({ id, path: 'new \\xff.cbz' })]);

    writeCbzAt(lib.root, renamed, 5);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ updated: 1, created: 0, deleted: 0 });
    expect(comicsOf(db).find((comic) => comic.id === id)).toMatchObject({ path: 'new \\xff.cbz', page_count: 5 });

    rmSync(renamed);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ deleted: 1 });
    expect(comicsOf(db).map((comic) => comic.path)).toEqual(['keep.cbz']);
  });

  it('walks a folder whose name is not UTF-8 and imports every format under it', async () => {
    const lib = testLibrary();
    const folder = bytePath(lib.root, 'Sc', [0xe8], 'nes');
    mkdirSync(folder);
    const noel = (extension: string) => Buffer.concat([folder, Buffer.from('/no'), Buffer.of(0xeb), Buffer.from(`l.${extension}`)]);
    writeCbzAt(lib.root, noel('cbz'));
    writeFileSync(noel('cbt'), buildTar([{ name: '01.png', data: PAGE_PNGS[0]! }, { name: '02.png', data: PAGE_PNGS[1]! }]));
    writeFileSync(noel('pdf'), buildPdf({ pages: 2 }));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.unreadable).toEqual([]);
    expect(failuresOf(db)).toEqual([]);
    expect(comicsOf(db).map((comic) => comic.path)).toEqual(['Sc\\xe8nes/no\\xebl.cbt', 'Sc\\xe8nes/no\\xebl.cbz', 'Sc\\xe8nes/no\\xebl.pdf']);
    expect(rows(db, 'SELECT path FROM folders ORDER BY path').map((row) => row.path)).toEqual(['', 'Sc\\xe8nes']);
  });

  // We have no RAR writer, so the RAR comes from the corpus.
  it('walks a folder whose name is not UTF-8 and imports a RAR under it (comicbox/Captain Science #001-cix-cbi.cbr)', { tags: CORPUS_TAG }, async () => {
    const lib = testLibrary();
    const folder = bytePath(lib.root, 'Sc', [0xe8], 'nes');
    mkdirSync(folder);
    writeFileSync(Buffer.concat([folder, Buffer.from('/no'), Buffer.of(0xeb), Buffer.from('l.cbr')]), readFileSync(corpusPath('comicbox/Captain Science #001-cix-cbi.cbr')));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.unreadable).toEqual([]);
    expect(failuresOf(db)).toEqual([]);
    expect(comicsOf(db).map((comic) => comic.path)).toEqual(['Sc\\xe8nes/no\\xebl.cbr']);
    expect(rows(db, 'SELECT path FROM folders ORDER BY path').map((row) => row.path)).toEqual(['', 'Sc\\xe8nes']);
  });

  it('records a 7z under such a name as a failure that asks to rename it', async () => {
    const lib = testLibrary();
    writeFileSync(bytePath(lib.root, 'caf', [0xe9], '.cb7'), await buildSevenZip([{ name: '01.png', data: PAGE_PNGS[0]! }]));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    expect(failuresOf(db)).toEqual([{ path: 'caf\\xe9.cb7', reason: 'cannot read a 7z archive whose name is not valid UTF-8: rename it' }]);
  });

  it('imports names holding U+FFFD itself or the UTF-8 bytes of a surrogate', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'caf\uFFFD.cbz', null);
    writeCbzAt(lib.root, bytePath(lib.root, 'half ', [0xed, 0xa0, 0x80], '.cbz'));
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect([report.unreadable, failuresOf(db)]).toEqual([[], []]);
    expect(comicsOf(db).map((comic) => comic.path)).toEqual(['caf\uFFFD.cbz', 'half \\xed\\xa0\\x80.cbz']);
  });

  it('keeps a valid name spelled like an escape, and reports the other file, asking to rename it', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'caf\\xe9.cbz', null, { pages: 1 });
    writeCbzAt(lib.root, bytePath(lib.root, 'caf', [0xe9], '.cbz'), 4);
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(comicsOf(db)).toEqual([expect.objectContaining({ path: 'caf\\xe9.cbz', page_count: 1 })]);
    expect(report.unreadable).toEqual([{ path: 'caf\\xe9.cbz', reason: 'its name is not valid UTF-8 and reads like the name of another file here: rename it' }]);
  });

  it('imports only the given escaped path in a partial import', async () => {
    const lib = testLibrary();
    writeCbzAt(lib.root, bytePath(lib.root, 'a', [0xe9], '.cbz'));
    writeComic(lib.root, 'b.cbz', null);
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 1, paths: ['a\\xe9.cbz'] });
    expect(report.comics.created).toBe(1);
    expect(comicsOf(db).map((comic) => comic.path)).toEqual(['a\\xe9.cbz']);
  });

  it('imports it through the CLI and lists a failing one with its display path', async () => {
    const lib = testLibrary();
    writeCbzAt(lib.root, bytePath(lib.root, 'caf', [0xe9], ' #1.cbz'));
    writeFileSync(bytePath(lib.root, 'bad', [0xe9], '.cbz'), 'not a zip');
    const result = await runCli(['import', lib.root, '--db', lib.dbPath, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.comics).toMatchObject({ created: 1, failed: 1 });
    const failed = await runCli(['failed', '--db', lib.dbPath, '--json']);
    expect(JSON.parse(failed.stdout)).toEqual([expect.objectContaining({ path: 'bad\\xe9.cbz', reason: 'not a comic archive: unknown file signature' })]);
    const rerun = await runCli(['import', lib.root, '--db', lib.dbPath, '--json']);
    expect(JSON.parse(rerun.stdout).comics).toMatchObject({ created: 0, unchanged: 1, stillFailed: 1 });
    expect(statSync(lib.dbPath).size).toBeGreaterThan(0);
  });
});
