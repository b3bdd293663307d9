import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type CoverProgress, coversDirOf, generateCovers } from '../../src/covers';
import { importLibrary } from '../../src/importer/import-library';
import { makePng, writeCbz, writePdf } from '../../tools/archive-writers';
import { runCli } from '../cli/run-cli';
import { runSupportChild } from '../support/child';
import { testLibrary } from '../support/library';

const jpeg = (width: number, height: number, red: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 80, b: 40 } } }).jpeg().toBuffer();

async function writeJpegComic(path: string, red: number, comicInfo?: string) {
  const entries = [
    { name: '01.jpg', data: await jpeg(600, 900, red) },
    { name: '02.jpg', data: await jpeg(900, 600, 255 - red) },
  ];
  writeCbz(path, comicInfo === undefined ? entries : [...entries, { name: 'ComicInfo.xml', data: comicInfo }]);
}

type Row = { path: string; file: string; width: number; height: number; page_index: number; mtime: number };
const coverRows = (db: ReturnType<ReturnType<typeof testLibrary>['open']>) =>
  db.$client.prepare('SELECT c.path, v.path AS file, v.width, v.height, v.page_index, v.mtime FROM covers v JOIN comics c ON c.id = v.comic_id ORDER BY c.path').all() as Row[];
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.webp') || name.includes('.tmp-')).sort() : []);

/** A library of one comic (a.cbz, portrait pages), imported, with its cover made. */
async function comicWithCover() {
  const lib = testLibrary();
  const path = join(lib.root, 'a.cbz');
  await writeJpegComic(path, 10);
  const db = lib.open();
  await importLibrary(db, lib.root, { workers: 1 });
  await generateCovers(db, { workers: 1 });
  return { lib, db, path };
}

describe('generateCovers', () => {
  it('makes a WebP within the box for every comic with a page, named by its content, PDFs included', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    await writeJpegComic(join(lib.root, 'b.cbz'), 200);
    writePdf(join(lib.root, 'c.pdf'), { pages: 1 });
    writeCbz(join(lib.root, 'empty.cbz'), [{ name: 'ComicInfo.xml', data: '<ComicInfo/>' }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const report = await generateCovers(db, { workers: 2 });
    expect(report).toMatchObject({ made: 3, failed: 0 });
    const rows = coverRows(db);
    expect(rows.map((row) => row.path)).toEqual(['a.cbz', 'b.cbz', 'c.pdf']);
    const dir = coversDirOf(lib.dbPath);
    for (const row of rows) {
      const data = readFileSync(join(dir, row.file));
      const meta = await sharp(data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', row.width, row.height]);
      expect(row.width <= 320 && row.height <= 480).toBe(true);
      expect(row.file).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{30}\.webp$/);
    }
    expect(rows[0]).toMatchObject({ width: 320, height: 480, page_index: 0 });
  });

  it('changes nothing on a second run with nothing to do', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 1 });
    const dir = coversDirOf(lib.dbPath);
    const before = filesIn(dir).map((file) => [file, statSync(join(dir, file)).mtimeMs]);
    const changes = db.$client.prepare('SELECT total_changes()').pluck().get();
    const report = await generateCovers(db, { workers: 1 });
    expect(report).toMatchObject({ made: 0, failed: 0, removed: 0 });
    expect(db.$client.prepare('SELECT total_changes()').pluck().get()).toBe(changes);
    expect(filesIn(dir).map((file) => [file, statSync(join(dir, file)).mtimeMs])).toEqual(before);
  });

  it('follows changes: a changed comic and a new cover page get a new cover, a deleted comic loses its file, a moved one keeps it', async () => {
    const lib = testLibrary();
    for (const [name, red] of [['a', 10], ['b', 60], ['c', 120], ['d', 180]] as const) await writeJpegComic(join(lib.root, `${name}.cbz`), red);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 2 });
    const before = new Map(coverRows(db).map((row) => [row.path, row]));
    const dir = coversDirOf(lib.dbPath);

    await writeJpegComic(join(lib.root, 'a.cbz'), 30); // changed content
    utimesSync(join(lib.root, 'a.cbz'), new Date(2010, 0, 1), new Date(2010, 0, 1));
    // The second page becomes the FrontCover.
    await writeJpegComic(join(lib.root, 'b.cbz'), 60, '<ComicInfo><Pages><Page Image="1" Type="FrontCover"/></Pages></ComicInfo>');
    utimesSync(join(lib.root, 'b.cbz'), new Date(2010, 0, 1), new Date(2010, 0, 1));
    rmSync(join(lib.root, 'c.cbz'));
    renameSync(join(lib.root, 'd.cbz'), join(lib.root, 'e.cbz'));
    await importLibrary(db, lib.root, { workers: 1 });
    // The import removed c's row by cascade; its file is still there until the cover run.
    expect(existsSync(join(dir, before.get('c.cbz')!.file))).toBe(true);

    const report = await generateCovers(db, { workers: 2 });
    expect(report).toMatchObject({ made: 2, failed: 0, removed: 3 });
    const after = new Map(coverRows(db).map((row) => [row.path, row]));
    expect([...after.keys()]).toEqual(['a.cbz', 'b.cbz', 'e.cbz']);
    expect(after.get('a.cbz')!.file).not.toBe(before.get('a.cbz')!.file);
    expect(after.get('b.cbz')).toMatchObject({ page_index: 1, width: 320, height: 213 });
    expect(after.get('e.cbz')!.file).toBe(before.get('d.cbz')!.file);
    expect(filesIn(dir)).toEqual([...after.values()].map((row) => row.file).sort());
  });

  it('makes a new cover for a comic rewritten with its mtime kept (cp -p, rsync -t), which the import re-reads by its size', async () => {
    const lib = testLibrary();
    const path = join(lib.root, 'a.cbz');
    const kept = new Date(2020, 0, 1);
    await writeJpegComic(path, 10);
    utimesSync(path, kept, kept);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 1 });
    expect(coverRows(db)).toEqual([expect.objectContaining({ width: 320, height: 480 })]);
    // A new version whose first page is landscape, the file a different size, the mtime the same.
    writeCbz(path, [{ name: '01.jpg', data: await jpeg(900, 600, 10) }, { name: 'ComicInfo.xml', data: '<ComicInfo><Series>A</Series></ComicInfo>' }]);
    utimesSync(path, kept, kept);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ updated: 1 });
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 1, removed: 1 });
    expect(coverRows(db)).toEqual([expect.objectContaining({ width: 320, height: 213 })]);
  });

  it('drops the cover of a comic rewritten without an image page, and its file', async () => {
    const { lib, db, path } = await comicWithCover();
    writeCbz(path, [{ name: 'ComicInfo.xml', data: '<ComicInfo><Series>A</Series></ComicInfo>' }]);
    utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1));
    await importLibrary(db, lib.root, { workers: 1 });
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 0, removed: 1 });
    expect(coverRows(db)).toEqual([]);
    expect(filesIn(coversDirOf(lib.dbPath))).toEqual([]);
  });

  it('skips, without recording a failure, comics whose file is gone since the import (an unmounted disk), and makes their covers once it is back', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const away = `${lib.root}-unmounted`;
    renameSync(lib.root, away);
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 0, failed: 0, skipped: 1 });
    expect(db.$client.prepare('SELECT count(*) FROM cover_failures').pluck().get()).toBe(0);
    renameSync(away, lib.root);
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 1, failed: 0, skipped: 0 });
  });

  it('writes an identical cover once: comics with the same cover page share its file, which a later run leaves untouched', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    await writeJpegComic(join(lib.root, 'b.cbz'), 10);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 2 });
    const [a, b] = coverRows(db);
    expect(b!.file).toBe(a!.file);
    const file = join(coversDirOf(lib.dbPath), a!.file);
    const { ino, mtimeMs } = statSync(file);
    await writeJpegComic(join(lib.root, 'c.cbz'), 10);
    await importLibrary(db, lib.root, { workers: 1 });
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 1, removed: 0 });
    expect(coverRows(db).map((row) => row.file)).toEqual([a!.file, a!.file, a!.file]);
    expect(statSync(file)).toMatchObject({ ino, mtimeMs });
  });

  it('encodes with the WebP effort asked for (another effort, another file of the same size) and refuses one out of range', async () => {
    const lib = testLibrary();
    const noisy = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer();
    writeCbz(join(lib.root, 'a.cbz'), [{ name: '01.jpg', data: noisy }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const files: string[] = [];
    for (const effort of [0, 6]) {
      const coversDir = `${lib.dbPath}-covers-effort-${effort}`;
      await generateCovers(db, { workers: 1, effort, coversDir });
      const [row] = coverRows(db);
      expect(row).toMatchObject({ width: 320, height: 480 });
      expect(existsSync(join(coversDir, row!.file))).toBe(true);
      files.push(row!.file);
      db.$client.exec('DELETE FROM covers');
    }
    expect(files[1]).not.toBe(files[0]);
    await expect(generateCovers(db, { effort: 7 })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('makes a cover again when its file was deleted by hand', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 1 });
    rmSync(coversDirOf(lib.dbPath), { recursive: true });
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 1 });
    expect(existsSync(join(coversDirOf(lib.dbPath), coverRows(db)[0]!.file))).toBe(true);
  });

  it('counts a comic once when its cover file was deleted by hand and the comic changed too', async () => {
    const { lib, db, path } = await comicWithCover();
    await writeJpegComic(path, 200);
    utimesSync(path, new Date(2001, 0, 1), new Date(2001, 0, 1));
    await importLibrary(db, lib.root, { workers: 1 });
    rmSync(coversDirOf(lib.dbPath), { recursive: true });
    let last: CoverProgress | undefined;
    expect(await generateCovers(db, { workers: 1, onProgress: (progress) => (last = progress) })).toMatchObject({ made: 1 });
    expect(last).toMatchObject({ done: 1, total: 1 });
  });

  it('records hostile cover pages as failures with a reason, does not retry them, and `longbox failed` lists them', async () => {
    const lib = testLibrary();
    const bomb = makePng(1, 1, [0, 0, 0]);
    // A PNG header declaring 100,000 x 100,000 pixels (a decompression bomb); the IHDR CRC is not
    // what libvips checks first, so patch width and height only.
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    const good = await jpeg(600, 900, 10);
    writeCbz(join(lib.root, 'bomb.cbz'), [{ name: '01.png', data: bomb }]);
    writeCbz(join(lib.root, 'corrupt.cbz'), [{ name: '01.jpg', data: good.subarray(0, good.length >> 1) }]);
    writeCbz(join(lib.root, 'text.cbz'), [{ name: '01.jpg', data: 'this is not an image at all' }]);
    await writeJpegComic(join(lib.root, 'good.cbz'), 10);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const report = await generateCovers(db, { workers: 2 });
    expect(report).toMatchObject({ made: 1, failed: 3 });
    const failures = db.$client.prepare('SELECT c.path, f.reason FROM cover_failures f JOIN comics c ON c.id = f.comic_id ORDER BY c.path').all() as { path: string; reason: string }[];
    expect(failures.map((failure) => failure.path)).toEqual(['bomb.cbz', 'corrupt.cbz', 'text.cbz']);
    expect(failures[0]!.reason).toMatch(/decompression bomb/);
    for (const failure of failures) expect(failure.reason).toMatch(/not a usable image/);
    expect(await generateCovers(db, { workers: 2 })).toMatchObject({ made: 0, failed: 0 });
    db.$client.close();

    const listed = await runCli(['failed', '--db', lib.dbPath]);
    expect(listed.stdout).toContain('bomb.cbz');
    expect(listed.stdout).toMatch(/cover: cover page 0 \(01\.jpg\) is not a usable image/);
  });

  it('stops on an abort, keeping the covers made so far', async () => {
    const lib = testLibrary();
    for (let i = 0; i < 6; i++) await writeJpegComic(join(lib.root, `c${i}.cbz`), i * 30);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const controller = new AbortController();
    const run = generateCovers(db, { workers: 1, signal: controller.signal, onProgress: ({ done }) => done >= 1 && controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
    const kept = coverRows(db).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 6 - kept });
  });

  it('runs from the CLI, alone and after an import', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    const imported = await runCli(['import', lib.root, '--db', lib.dbPath, '--covers']);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/covers +1 made, 0 failed/);
    const again = await runCli(['covers', '--db', lib.dbPath, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ made: 0, failed: 0, removed: 0 });
  });

  it('tells of failed covers as well as failed files after import --covers', async () => {
    const lib = testLibrary();
    await writeJpegComic(join(lib.root, 'a.cbz'), 10);
    writeCbz(join(lib.root, 'bad-page.cbz'), [{ name: '01.jpg', data: Buffer.from('not a jpeg at all') }]);
    writeFileSync(join(lib.root, 'broken.cbz'), 'not a zip');
    const result = await runCli(['import', lib.root, '--db', lib.dbPath, '--covers']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 file could not be imported');
    expect(result.stderr).toContain('1 cover could not be made');
  });

  it('exits 2 with one line and creates nothing when the CLI is given no database', async () => {
    const lib = testLibrary();
    const missing = join(lib.root, 'missing.sqlite');
    const result = await runCli(['covers', '--db', missing]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`longbox: no database at ${missing}; create it with: longbox import <folder> --db ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('leaves no row pointing at a missing or partial file when killed at random moments, and converges', async () => {
    const lib = testLibrary();
    for (let i = 0; i < 24; i++) await writeJpegComic(join(lib.root, `c${i}.cbz`), i * 10);
    await importLibrary(lib.dbPath, lib.root, { workers: 1 });
    for (const afterMs of [0, 40, 120, 300]) await runSupportChild('cover-child.ts', [lib.dbPath], afterMs);
    const db = lib.open();
    const dir = coversDirOf(lib.dbPath);
    for (const row of coverRows(db)) {
      const meta = await sharp(readFileSync(join(dir, row.file))).metadata();
      expect([meta.width, meta.height]).toEqual([row.width, row.height]);
    }
    await generateCovers(db, { workers: 2 });
    const rows = coverRows(db);
    expect(rows).toHaveLength(24);
    expect(filesIn(dir)).toEqual([...new Set(rows.map((row) => row.file))].sort());
  });
});
