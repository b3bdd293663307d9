import { cpSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { importLibrary } from '../../src/importer/import-library';
import { openPage, storedPages } from '../../src/pages';
import { readComic } from '../../src/read';
import { buildZip, makePng, writeCb7, writeCbt, writeCbz, writePdf } from '../../tools/archive-writers';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { testLibrary } from '../support/library';
import { SHELL_STUB, windowsStub } from '../support/zip-stubs';

/** Distinct pages: each PNG has its own size and colour, so serving the wrong one shows. */
const page = (i: number) => makePng(2 + i, 3, [i * 20, 0, 0]);
const ENTRIES = [
  { name: 'p10.png', data: page(10) },
  { name: 'p2.png', data: page(2) },
  { name: 'ComicInfo.xml', data: '<ComicInfo><Series>S</Series><Pages><Page Image="1" Type="FrontCover"/></Pages></ComicInfo>' },
  { name: 'notes.txt', data: 'not a page' },
  { name: 'p1.png', data: page(1) },
];
const READING_ORDER = ['p1.png', 'p2.png', 'p10.png'];

describe('page lists of every format', () => {
  it.each([
    ['zip', (path: string) => writeCbz(path, ENTRIES), 'a.cbz'],
    ['tar', (path: string) => writeCbt(path, ENTRIES), 'a.cbt'],
    ['7z', (path: string) => writeCb7(path, ENTRIES), 'a.cb7'],
  ] as const)('lists the pages of a %s in reading order with their sizes and the FrontCover', async (_, write, name) => {
    const lib = testLibrary();
    const path = join(lib.root, name);
    await write(path);
    const outcome = await readComic(path);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.comic.pages.map((p) => p.entry)).toEqual(READING_ORDER);
    expect(outcome.comic.pages.map((p) => p.size)).toEqual([page(1).length, page(2).length, page(10).length]);
    expect(outcome.comic.pages[1]!.kind).toBe('FrontCover');
    expect(outcome.comic.pageCount).toBe(3);
  });

  it('lists every image page of a RAR (peers/cbconvert/test.cbr)', { tags: CORPUS_TAG }, async () => {
    const outcome = await readComic(corpusPath('peers/cbconvert/test.cbr'));
    if (!outcome.ok) throw new Error(outcome.reason);
    const archive = await openArchive(corpusPath('peers/cbconvert/test.cbr'));
    const images = archive.entries.filter((entry) => /\.(jpe?g|png|gif|webp)$/i.test(entry.name)).length;
    await archive.close();
    expect(outcome.comic.pages.length).toBe(images);
    expect(outcome.comic.pageCount).toBe(outcome.comic.pages.length);
  });

  it('numbers the pages of a PDF, with no entry', async () => {
    const lib = testLibrary();
    const path = join(lib.root, 'a.pdf');
    writePdf(path, { pages: 3 });
    const outcome = await readComic(path);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.comic.pages).toEqual([{ mediaType: 'image/png' }, { mediaType: 'image/png' }, { mediaType: 'image/png' }]);
  });
});

describe('openPage', () => {
  it('serves every page of every comic of the corpus, byte for byte as the archive holds it', { tags: CORPUS_TAG }, async () => {
    const lib = testLibrary();
    cpSync(corpusPath('comicbox'), join(lib.root, 'comicbox'), { recursive: true });
    cpSync(corpusPath('komga'), join(lib.root, 'komga'), { recursive: true });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const comics = db.$client.prepare('SELECT id, path, file_type AS type, page_count AS pages FROM comics ORDER BY path').all() as { id: number; path: string; type: string; pages: number }[];
    expect(new Set(comics.map((comic) => comic.type))).toEqual(new Set(['CBZ', 'CBR', 'CB7', 'CBT', 'PDF']));
    let served = 0;
    for (const comic of comics) {
      const stored = storedPages(db, comic.id);
      if (!stored.ok) throw new Error(stored.reason);
      expect(stored.pages, comic.path).toHaveLength(comic.pages);
      if (comic.type === 'PDF') {
        const first = await openPage(db, comic.id, 0);
        expect(first.ok && first.data.subarray(1, 4).toString(), comic.path).toBe('PNG');
        served++;
        continue;
      }
      const archive = await openArchive(join(lib.root, comic.path));
      try {
        for (let index = 0; index < stored.pages.length; index++) {
          const result = await openPage(db, comic.id, index);
          if (!result.ok) throw new Error(`${comic.path} page ${index}: ${result.reason}`);
          const entry = stored.pages[index]!.entry!;
          expect(result.data.equals(await archive.read(entry, { maxBytes: 1 << 30 })), `${comic.path} ${entry}`).toBe(true);
          expect(result.mediaType).toBe(stored.pages[index]!.mediaType);
          served++;
        }
      } finally {
        await archive.close();
      }
    }
    expect(served).toBeGreaterThan(comics.length);
  });

  it('serves the pages of a generated zip, tar and 7z in reading order', async () => {
    const lib = testLibrary();
    writeCbz(join(lib.root, 'a.cbz'), ENTRIES);
    writeCbt(join(lib.root, 'a.cbt'), ENTRIES);
    await writeCb7(join(lib.root, 'a.cb7'), ENTRIES);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const ids = db.$client.prepare('SELECT id FROM comics').pluck().all() as number[];
    expect(ids).toHaveLength(3);
    for (const id of ids) {
      const served = await Promise.all([0, 1, 2].map((index) => openPage(db, id, index)));
      expect(served.map((result) => result.ok && result.data)).toEqual([page(1), page(2), page(10)]);
    }
  });

  it('serves the pages of a tar made the usual way (`tar -cf x.cbt -C pages .`), whose entries start with ./', async () => {
    const lib = testLibrary();
    writeCbt(join(lib.root, 'dot.cbt'), [{ name: './', data: '' }, ...ENTRIES.map((entry) => ({ ...entry, name: `./${entry.name}` }))]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const [id] = db.$client.prepare('SELECT id FROM comics WHERE page_count = 3').pluck().all() as number[];
    const served = await Promise.all([0, 1, 2].map((index) => openPage(db, id!, index)));
    expect(served.map((result) => result.ok && result.data)).toEqual([page(1), page(2), page(10)]);
  });

  it.each([
    ['zip', writeCbz, 'twice.cbz'],
    ['tar', writeCbt, 'twice.cbt'],
  ] as const)('lists a name a %s holds twice (appended to in place) as one page, the entry every reader serves', async (_, write, name) => {
    const lib = testLibrary();
    write(join(lib.root, name), [{ name: '01.png', data: page(1) }, { name: '02.png', data: page(2) }, { name: '01.png', data: page(3) }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const { id, pageCount } = db.$client.prepare('SELECT id, page_count AS pageCount FROM comics').get() as { id: number; pageCount: number };
    expect(pageCount).toBe(2);
    const served = await Promise.all([0, 1].map((index) => openPage(db, id, index)));
    expect(served.map((result) => result.ok && result.data)).toEqual([page(1), page(2)]);
  });

  it('serves the pages of a comic whose file name is not valid UTF-8', async () => {
    const lib = testLibrary();
    // A Latin-1 "café #1.cbz": written by its bytes, stored under an escaped display path.
    const name = Buffer.concat([Buffer.from('caf'), Buffer.of(0xe9), Buffer.from(' #1.cbz')]);
    const cbz = join(lib.root, 'utf8.cbz');
    writeCbz(cbz, ENTRIES);
    renameSync(cbz, Buffer.concat([Buffer.from(`${lib.root}/`), name]));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const { id, path } = db.$client.prepare('SELECT id, path FROM comics').get() as { id: number; path: string };
    expect(path).toBe('caf\\xe9 #1.cbz');
    const served = await Promise.all([0, 1, 2].map((index) => openPage(db, id, index)));
    expect(served.map((result) => result.ok && result.data)).toEqual([page(1), page(2), page(10)]);
  });

  it.each([
    ['a Windows self-extractor stub (MZ)', windowsStub()],
    ['a shell-script stub', SHELL_STUB],
  ])('imports and serves the pages of a zip with %s before it', async (_stub, stub) => {
    const lib = testLibrary();
    writeFileSync(join(lib.root, 'sfx.cbz'), Buffer.concat([stub, buildZip(ENTRIES)]));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const comic = db.$client.prepare('SELECT c.id, s.name AS series FROM comics c JOIN series s ON s.id = c.series_id').get() as { id: number; series: string };
    expect(comic.series).toBe('S');
    const served = await Promise.all([0, 1, 2].map((index) => openPage(db, comic.id, index)));
    expect(served.map((result) => result.ok && result.data)).toEqual([page(1), page(2), page(10)]);
  });

  it('refuses to serve a page of a file that changed since the import', async () => {
    const lib = testLibrary();
    const path = join(lib.root, 'a.cbz');
    writeCbz(path, ENTRIES);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const id = db.$client.prepare('SELECT id FROM comics').pluck().get() as number;
    expect((await openPage(db, id, 0)).ok).toBe(true);
    // Rewritten with the pages in another order: serving the stored entry could be the wrong page.
    writeCbz(path, [{ name: 'p1.png', data: page(2) }, { name: 'p2.png', data: page(1) }]);
    utimesSync(path, new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(await openPage(db, id, 0)).toMatchObject({ ok: false, code: 'FILE_CHANGED' });
  });

  it('says a page index or a comic does not exist', async () => {
    const lib = testLibrary();
    writeCbz(join(lib.root, 'a.cbz'), ENTRIES);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const id = db.$client.prepare('SELECT id FROM comics').pluck().get() as number;
    expect(await openPage(db, id, 3)).toMatchObject({ ok: false, code: 'NOT_FOUND', reason: expect.stringContaining('has 3 pages') });
    expect(await openPage(db, id, -1)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await openPage(db, id + 100, 0)).toMatchObject({ ok: false, code: 'NOT_FOUND', reason: expect.stringContaining('no comic') });
    expect(readdirSync(lib.root)).toEqual(['a.cbz']);
  });
});
