import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { type ArchiveEntry, PAGE_PNG, writeCb7, writeCbt, writeCbz, writePdf } from '../../tools/archive-writers';
import { buildComicInfoXml } from '../../tools/comicinfo-xml';
import { testLibrary } from '../support/library';
import { buildZip } from '../support/zip-writer';

/*
 * The importer over every format our writers make, readable and not: the generated counterpart of
 * corpus.test.ts, so a clone without the shared corpus still imports each format end to end.
 */
describe('importing a generated library of every writable format', () => {
  it('imports CBZ, CBT, CB7 and PDF, and records the encrypted, truncated and empty files as failures', async () => {
    const lib = testLibrary();
    const entries = (series: string): ArchiveEntry[] => [
      { name: 'page-001.png', data: PAGE_PNG },
      { name: 'ComicInfo.xml', data: buildComicInfoXml({ Series: series, Number: '1' }) },
    ];
    writeCbz(join(lib.root, 'zip.cbz'), entries('Zip Comics'));
    writeCbt(join(lib.root, 'tar.cbt'), entries('Tar Comics'));
    await writeCb7(join(lib.root, 'seven.cb7'), entries('Seven Comics'));
    writePdf(join(lib.root, 'paper.pdf'), { pages: 2, info: { Title: 'Paper Comics' } });
    writeFileSync(join(lib.root, 'locked.cbz'), buildZip([{ name: 'ComicInfo.xml', data: Buffer.from('<ComicInfo/>'), encrypted: true }]));
    const whole = readFileSync(join(lib.root, 'zip.cbz'));
    writeFileSync(join(lib.root, 'cut.cbz'), whole.subarray(0, whole.length >> 1));
    writeFileSync(join(lib.root, 'empty.cbz'), '');

    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 2 });
    const all = (sql: string) => db.$client.prepare(sql).all() as Record<string, unknown>[];

    expect(report.comics).toMatchObject({ created: 4, failed: 3 });
    expect(all('SELECT file_type FROM comics ORDER BY 1').map((row) => row.file_type)).toEqual(['CB7', 'CBT', 'CBZ', 'PDF']);
    expect(all('SELECT name FROM series ORDER BY 1').map((row) => row.name)).toEqual(expect.arrayContaining(['Seven Comics', 'Tar Comics', 'Zip Comics']));
    expect(all('SELECT path, reason FROM failed_imports ORDER BY path')).toEqual([
      { path: 'cut.cbz', reason: expect.stringMatching(/truncated/) },
      { path: 'empty.cbz', reason: expect.stringMatching(/empty/) },
      { path: 'locked.cbz', reason: expect.stringMatching(/password|encrypted/i) },
    ]);
  });
});
