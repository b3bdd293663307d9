import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMetadata, type ComicMetadata } from '../../src/metadata';
import { readComic, type ReadOutcome } from '../../src/read';
import { readComicAt } from '../../src/read/openable-path';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { buildEncryptedPdf } from '../support/encrypted-pdf';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';

// Expected metadata is what the archives themselves say (read with python zipfile, unar, 7zz,
// pdfinfo); only the fields a source states plainly are checked, the cleaning rules have their own tests.
const CAPTAIN_SCIENCE = { series: 'Captain Science', issueNumber: 1, publisher: 'Youthful Adventure Stories', year: 1950, month: 11 };

const cases: Array<[file: string, fileType: string, pageCount: number, metadata: Partial<ComicMetadata>]> = [
  ['comicbox/Captain Science #001.cbz', 'CBZ', 5, { ...CAPTAIN_SCIENCE, title: 'The Beginning; The End', volume: 1950 }],
  ['comicbox/Captain Science #001-cix.cbz', 'CBZ', 5, { ...CAPTAIN_SCIENCE, title: 'The Beginning; The End' }],
  ['comicbox/Captain Science #001-comet.cbz', 'CBZ', 5, { series: 'Captain Science', publisher: 'Bell Features', title: 'The Beginning', year: 1950, month: 12, day: 1 }],
  ['comicbox/Captain Science #001-metron.cbz', 'CBZ', 0, { ...CAPTAIN_SCIENCE, collectionTitle: 'Omnibus', day: 1 }],
  [
    'comicbox/Captain Science #001-cbi.cbr',
    'CBR',
    5,
    {
      ...CAPTAIN_SCIENCE,
      title: 'The Beginning',
      genres: ['Science Fiction'],
      credits: [
        { person: 'Joe Orlando', role: 'Writer' },
        { person: 'Wally Wood', role: 'Penciller' },
      ],
    },
  ],
  ['comicbox/Captain Science #001-cix-cbi.cbr', 'CBR', 5, { ...CAPTAIN_SCIENCE }],
  ['comicbox/Captain Science #001-cix.cbt', 'CBT', 5, { ...CAPTAIN_SCIENCE }],
  ['comicbox/Captain Science #001.cb7', 'CB7', 5, { ...CAPTAIN_SCIENCE }],
  ['comicbox/test_pdf.pdf', 'PDF', 4, { title: 'the tangle of their lives', genres: ['Science Fiction'], credits: [{ person: 'Jon Osterman', role: 'Writer' }] }],
  ['comicbox/test_cix.pdf', 'PDF', 4, { title: 'the tangle of their lives', publisher: 'SmallPub', scanInfo: 'Pages' }],
  ['comicbox/test_pdf_legacy_keywords.pdf', 'PDF', 4, { title: 'the tangle of their lives', publisher: 'SmallPub', scanInfo: 'Pages' }],
  ['comicbox/macos_resource_fork.cbz', 'CBZ', 2, {}],
  ['komga/zip.zip', 'CBZ', 1, {}],
  ['komga/rar4.rar', 'CBR', 3, {}],
  ['komga/rar4-solid.rar', 'CBR', 3, {}],
  ['komga/rar5.rar', 'CBR', 1, {}],
  ['komga/rar5-solid.rar', 'CBR', 3, {}],
  ['komga/7zip.7z', 'CB7', 1, {}],
  ['komga/komga.pdf', 'PDF', 1, {}],
];

describe('readComic on the corpus', { tags: CORPUS_TAG }, () => {
  it.each(cases)('reads %s as %s with %i pages and its own metadata', async (file, fileType, pageCount, metadata) => {
    const path = corpusPath(file);
    const outcome = await readComic(path);
    const comic = expectOk(outcome);
    const stat = statSync(path);
    expect(comic).toMatchObject({ path, fileType, pageCount, size: stat.size, mtime: Math.trunc(stat.mtimeMs), inode: stat.ino });
    expect(comic.fingerprint.startsWith(`${stat.size}:`)).toBe(true);
    expect(comic.metadata).toMatchObject(metadata);
  });

  it('merges multi.cbz with ComicInfo over CoMet over ComicBookInfo, lists unioned', async () => {
    const comic = expectOk(await readComic(corpusPath('comicbox/Captain Science #001 (1950) The Beginning - multi.cbz')));
    // ComicInfo says Youthful Adventure Stories and volume 999; CoMet says Bell Features and volume 1.
    expect(comic.metadata).toMatchObject({ publisher: 'Youthful Adventure Stories', volume: 999 });
    // No ComicInfo series: CoMet's wins over the ComicBookInfo comment's.
    expect(comic.metadata.series).toBe('Captain Science COMET');
    expect(comic.metadata.genres).toEqual(expect.arrayContaining(['Comic Info Genre', 'Science Fiction']));
  });

  it.each(['comicbox/empty.cbz', 'comicbox/Captain Science #001 (1950) The Beginning - nothing.cbz'])(
    'gives %s, which holds nothing, a filename-only record',
    async (file) => {
      const path = corpusPath(file);
      const comic = expectOk(await readComic(path));
      const name = path.split('/').at(-1)!;
      expect(comic).toMatchObject({ pageCount: 0, metadataMtime: undefined });
      expect(comic.metadata).toEqual(buildMetadata([{ kind: 'filename', name }]).metadata);
    },
  );

  it('takes the metadata mtime from the metadata entries', async () => {
    const comic = expectOk(await readComic(corpusPath('comicbox/Captain Science #001.cbz')));
    // Every entry carries DOS time 2026-05-17 21:43:38 (python zipfile's date_time).
    expect(comic.metadataMtime).toBe(Date.UTC(2026, 4, 17, 21, 43, 38));
  });

  it.each([
    ['komga/zip-encrypted.zip', 'encrypted zip: password required'],
    ['komga/rar4-encrypted.rar', 'encrypted RAR: password required'],
    ['komga/rar5-encrypted.rar', 'encrypted RAR: password required'],
    ['komga/7zip-encrypted.7z', 'encrypted 7z: password required'],
  ])('fails %s with a reason that says it is encrypted', async (file, reason) => {
    const path = corpusPath(file);
    const stat = statSync(path);
    expect(await readComic(path)).toEqual({ ok: false, path, reason, size: stat.size, mtime: Math.trunc(stat.mtimeMs) });
  });
});

describe('readComic on hostile input', () => {
  const dir = useTempDir();

  it('reads a .cbr that is really a zip as a CBZ', { tags: CORPUS_TAG }, async () => {
    const path = join(dir, 'really-a-zip.cbr');
    copyFileSync(corpusPath('comicbox/Captain Science #001.cbz'), path);
    expect(expectOk(await readComic(path)).fileType).toBe('CBZ');
  });

  it('fails a multi-volume RAR whose name is not UTF-8 by asking to rename its parts, not for a volume named by a descriptor', { tags: CORPUS_TAG }, async () => {
    // All three parts sit beside each other under Latin-1 names; unrar can follow none of them.
    for (const part of [1, 2, 3]) {
      copyFileSync(corpusPath(`peers/rarfile/rar3-vols.part${part}.rar`), Buffer.concat([Buffer.from(`${dir}/vols`), Buffer.from([0xe9]), Buffer.from(`.part${part}.rar`)]));
    }
    const outcome = await readComicAt(join(dir, 'vols\\xe9.part1.rar'));
    expect(outcome).toMatchObject({ ok: false, reason: 'a volume of a multi-volume RAR whose name is not valid UTF-8: rename its parts to read it' });
  });

  it('fails a zero-byte file with its size', async () => {
    const path = join(dir, 'zero.cbz');
    writeFileSync(path, '');
    expect(await readComic(path)).toMatchObject({ ok: false, path, reason: 'not a comic archive: the file is empty', size: 0 });
  });

  it('fails a password-protected PDF with a reason that says so', async () => {
    const path = join(dir, 'Locked #1.pdf');
    writeFileSync(path, buildEncryptedPdf('secret'));
    expect(await readComic(path)).toMatchObject({ ok: false, reason: 'encrypted PDF: password required' });
  });

  it('fails a missing file without a stat', async () => {
    const path = join(dir, 'missing.cbz');
    expect(await readComic(path)).toEqual({ ok: false, path, reason: 'cannot read file: the file is gone (moved or deleted while longbox was reading)' });
  });

  it('fails a missing file whose name is not UTF-8 with the same reason', async () => {
    const path = join(dir, 'missing\\xe9.cbz');
    expect(await readComicAt(path)).toEqual({ ok: false, path, reason: 'cannot read file: the file is gone (moved or deleted while longbox was reading)' });
  });

  it('fails a folder named like a comic', async () => {
    expect(await readComic(dir)).toMatchObject({ ok: false, reason: 'not a comic archive: not a regular file' });
  });

  it('fails a FIFO named like a comic without waiting for a writer', async () => {
    const path = join(dir, 'Pipe #1.cbz');
    execFileSync('mkfifo', [path]);
    expect(await readComic(path)).toMatchObject({ ok: false, path, reason: 'not a comic archive: not a regular file' });
  });

  it('skips a metadata entry over the cap with a warning and keeps the comic', async () => {
    const path = join(dir, 'Big Info #3.cbz');
    writeFileSync(path, buildZip([{ name: '01.jpg', data: Buffer.from('x') }, { name: 'ComicInfo.xml', data: Buffer.alloc(5000, ' '), method: 'deflate' }]));
    const outcome = await readComic(path, { maxEntryBytes: 1000 });
    expect(expectOk(outcome).pageCount).toBe(1);
    expect(outcome.ok && outcome.warnings).toContain('skipped ComicInfo.xml: entry too large: ComicInfo.xml is 5000 bytes, the limit is 1000');
  });
});

function expectOk(outcome: ReadOutcome) {
  if (!outcome.ok) throw new Error(`expected a comic, got: ${outcome.reason}`);
  return outcome.comic;
}
