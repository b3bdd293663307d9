import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { buildEncryptedPdf } from '../support/encrypted-pdf';
import { useTempDir } from '../support/temp-dir';

// Expected values from poppler's pdfinfo (-isodates, -meta) and pdfdetach -list.
describe('PDF details', () => {
  const dir = useTempDir();

  it('reads the page count, the Info dictionary and the XMP packet', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(corpusPath('comicbox/test_pdf.pdf'));
    expect(archive.pdf?.pageCount).toBe(4);
    expect(archive.pdf?.info).toMatchObject({
      Title: 'the tangle of their lives',
      Subject: 'Science Fiction',
      Keywords: 'd,e,f',
      Author: 'Jon Osterman',
      Creator: 'Pages',
      Producer: 'comicbox dev',
      CreationDate: "D:19700101000000+00'00'",
      ModDate: "D:20251121031114+00'00'",
    });
    expect(archive.pdf?.xmp).toMatch(/^<\?xpacket begin=.*<x:xmpmeta/s);
    expect(archive.entries).toEqual([]);
    await archive.close();
  });

  it('hands over ComicInfo XML that an old tagger stored in Info/Keywords', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(corpusPath('comicbox/test_pdf_legacy_keywords.pdf'));
    expect(archive.pdf?.info.Keywords).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ComicInfo /);
    await archive.close();
  });

  it('counts the pages of a one-page PDF', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(corpusPath('komga/komga.pdf'));
    expect(archive.pdf?.pageCount).toBe(1);
    await archive.close();
  });

  it('says a password-protected PDF needs a password', async () => {
    const path = join(dir, 'locked.pdf');
    writeFileSync(path, buildEncryptedPdf('secret'));
    await expect(openArchive(path)).rejects.toThrow('encrypted PDF: password required');
  });

  it('opens a PDF encrypted with an empty user password (owner restrictions only)', async () => {
    const path = join(dir, 'restricted.pdf');
    writeFileSync(path, buildEncryptedPdf(''));
    const archive = await openArchive(path);
    expect(archive.pdf?.pageCount).toBe(1);
    await archive.close();
  });

  it('says a PDF with a broken structure is damaged', async () => {
    const path = join(dir, 'broken.pdf');
    writeFileSync(path, '%PDF-1.7\nthis is not a pdf body\n');
    await expect(openArchive(path)).rejects.toThrow(/^damaged PDF: /);
  });
});
