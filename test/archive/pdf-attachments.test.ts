import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { readComic } from '../../src/read/read-comic';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { buildAttachmentPdf, flate, zeroBomb, type AttachmentPdfSpec } from '../../tools/archive-writers/attachment-pdf';
import { useTempDir } from '../support/temp-dir';

const COMIC_INFO = '<?xml version="1.0"?>\n<ComicInfo><Series>Attached</Series><Number>7</Number></ComicInfo>\n';
const MIB = 1024 * 1024;

describe('PDF attachments', () => {
  const dir = useTempDir();
  let written = 0;
  const write = (spec: AttachmentPdfSpec) => {
    const path = join(dir, `attached-${written++}.pdf`);
    writeFileSync(path, buildAttachmentPdf(spec));
    return path;
  };

  it.each([
    ['a classic xref table', { compact: false, kids: false }],
    ['an object stream and a predicted xref stream, the name tree in two levels', { compact: true, kids: true }],
  ])('reads an embedded ComicInfo.xml from %s', async (_layout, layout) => {
    const path = write({ ...layout, attachments: [{ name: 'ComicInfo.xml', ...flate(COMIC_INFO), declaredSize: COMIC_INFO.length }, { name: 'notes.txt', stored: Buffer.from('plain') }] });
    const archive = await openArchive(path);
    expect(archive.entries).toEqual([
      { name: 'ComicInfo.xml', size: COMIC_INFO.length, isDirectory: false },
      { name: 'notes.txt', size: 5, isDirectory: false },
    ]);
    expect((await archive.read('ComicInfo.xml')).toString()).toBe(COMIC_INFO);
    expect((await archive.read('notes.txt')).toString()).toBe('plain');
    await archive.close();

    const read = await readComic(path);
    expect(read.ok && read.comic.metadata).toMatchObject({ series: 'Attached', issueNumber: 7 });
  });

  it('reads the attachment comicbox wrote (agrees with pdfdetach: ComicInfo.xml, 638 bytes)', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(corpusPath('comicbox/test_cix.pdf'));
    expect(archive.entries).toEqual([{ name: 'ComicInfo.xml', size: 638, isDirectory: false }]);
    expect((await archive.read('ComicInfo.xml')).toString()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ComicInfo/);
    await archive.close();
  });

  it('skips an attachment that declares more than the cap, without decoding it', async () => {
    // The data is not Flate at all: decoding it would fail with a different reason.
    const path = write({ attachments: [{ name: 'ComicInfo.xml', stored: Buffer.from('not deflate data'), filter: 'FlateDecode', declaredSize: 5_000_000_000 }] });
    const read = await readComic(path);
    expect(read.ok && read.warnings).toEqual(['skipped ComicInfo.xml: entry too large: ComicInfo.xml is 5000000000 bytes, the limit is 4194304']);
    expect(read.ok && read.comic.pageCount).toBe(1);
  });

  it('stops inflating an attachment that lies about its size at the cap, and imports the comic with a warning', async () => {
    // 1 GiB of zeros in about 1 MiB, declared as 100 bytes: pdf.js would have inflated all of it.
    const path = write({ attachments: [{ name: 'ComicInfo.xml', ...zeroBomb(1024), declaredSize: 100 }] });
    const before = process.memoryUsage();
    const read = await readComic(path);
    const after = process.memoryUsage();
    expect(read.ok && read.warnings).toEqual(['skipped ComicInfo.xml: entry too large: ComicInfo.xml inflates past the limit of 4194304 bytes']);
    // A 1 GiB inflate would have left its buffers behind; the cap keeps the growth to a few MiB.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(256 * MIB);
    expect(after.rss - before.rss).toBeLessThan(512 * MIB);
  });

  it('refuses an uncompressed attachment larger than the cap before reading its data', async () => {
    const path = write({ attachments: [{ name: 'ComicInfo.xml', stored: Buffer.alloc(5 * MIB, 0x20) }] });
    const archive = await openArchive(path);
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('entry too large: ComicInfo.xml is 5242880 bytes, the limit is 4194304');
    await archive.close();
  });

  it('says which attachment uses a filter longbox does not decode', async () => {
    const path = write({ attachments: [{ name: 'ComicInfo.xml', stored: Buffer.from('3C3F786D6C3E>'), filter: 'ASCIIHexDecode' }] });
    const read = await readComic(path);
    expect(read.ok && read.warnings).toEqual(['skipped ComicInfo.xml: unsupported PDF attachment: ComicInfo.xml is encoded with ASCIIHexDecode, which longbox does not decode']);
  });

  /** The PDF with one edit to its text (binary-safe: Latin-1 maps every byte to one character). */
  const patched = (spec: AttachmentPdfSpec, edit: (text: string) => string) => {
    const path = join(dir, `patched-${written++}.pdf`);
    writeFileSync(path, Buffer.from(edit(buildAttachmentPdf(spec).toString('latin1')), 'latin1'));
    return path;
  };
  const attached: AttachmentPdfSpec['attachments'] = [{ name: 'ComicInfo.xml', ...flate(COMIC_INFO) }];

  it.each([
    ['a classic xref table', false],
    ['an xref stream', true],
  ])('finds the attachment by scanning the objects when startxref points nowhere (%s)', async (_layout, compact) => {
    const path = patched({ compact, attachments: attached }, (text) => text.replace(/startxref\n\d+/, 'startxref\n99'));
    const archive = await openArchive(path);
    expect((await archive.read('ComicInfo.xml')).toString()).toBe(COMIC_INFO);
    await archive.close();
  });

  it('reads an attachment whose /Length is wrong up to its endstream, as pdf.js does', async () => {
    const path = patched({ attachments: attached }, (text) => text.replace(/(\/Type \/EmbeddedFile \/Length )\d+/, '$1 3'));
    const archive = await openArchive(path);
    expect((await archive.read('ComicInfo.xml')).toString()).toBe(COMIC_INFO);
    await archive.close();
  });

  it('reads an object stream whose /Length lies inside itself by its endstream, without recursing forever', async () => {
    const path = patched({ compact: true, attachments: attached }, (text) => text.replace(/(\/Type \/ObjStm \/N \d+ \/First \d+ \/Length )\d+/, '$11 0 R'));
    const read = await readComic(path);
    expect(read.ok && { pages: read.comic.pageCount, warnings: read.warnings, series: read.comic.metadata.series }).toEqual({ pages: 1, warnings: [], series: 'Attached' });
  });

  it('says a control character in a filter name as a question mark', async () => {
    const path = patched({ attachments: [{ name: 'ComicInfo.xml', stored: Buffer.from('x'), filter: 'ASCIIHexDecode' }] }, (text) => text.replace('/ASCIIHexDecode', '/#06lateDecode'));
    const read = await readComic(path);
    expect(read.ok && read.warnings).toEqual(['skipped ComicInfo.xml: unsupported PDF attachment: ComicInfo.xml is encoded with ?lateDecode, which longbox does not decode']);
  });
});
