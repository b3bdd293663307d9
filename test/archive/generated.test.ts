import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { type ArchiveEntry, PAGE_PNG, writeCb7, writeCbt, writeCbz, writePdf } from '../../tools/archive-writers';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';
import { archiveContract } from './archive-contract';
import { expectEveryCutReadable } from './cut-copies';

/*
 * What the corpus tests prove about zip, tar, 7z and PDF, on archives our own writers make (the
 * writers are checked against python's zipfile/tarfile, 7-Zip and pdf.js in test/tools), so a
 * clone without ../shared/corpus still covers every format it can generate. RAR has no writer:
 * it is covered by the corpus alone.
 */

const dir = useTempDir();
const COMIC_INFO = '<?xml version="1.0"?>\n<ComicInfo><Series>Plastic Man</Series><Number>1</Number></ComicInfo>\n';
const ENTRIES: ArchiveEntry[] = [
  { name: 'page-001.png', data: PAGE_PNG },
  { name: 'ComicInfo.xml', data: COMIC_INFO },
];
const FILES = [['page-001.png', PAGE_PNG.length], ['ComicInfo.xml', Buffer.byteLength(COMIC_INFO)]] as const;
const SAMPLE = { name: 'ComicInfo.xml', md5: createHash('md5').update(COMIC_INFO).digest('hex') };
const COMMENT = '{"ComicBookInfo/1.0":{"series":"Plastic Man"}}';

const cbz = join(dir, 'comic.cbz');
writeCbz(cbz, ENTRIES, { comment: COMMENT });
const cbt = join(dir, 'comic.cbt');
writeCbt(cbt, ENTRIES);
const cb7 = join(dir, 'comic.cb7');
await writeCb7(cb7, ENTRIES);
const pdf = join(dir, 'comic.pdf');
writePdf(pdf, { pages: 3, info: { Title: 'Plastic Man 1' } });

const write = (name: string, data: Buffer | string): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

describe('generated CBZ', () => {
  const comment = Buffer.from(COMMENT);
  archiveContract({ path: cbz, format: 'zip', files: FILES, sample: SAMPLE, comment: { length: comment.length, md5: createHash('md5').update(comment).digest('hex') } });
});
describe('generated CBT', () => archiveContract({ path: cbt, format: 'tar', files: FILES, sample: SAMPLE }));
// 7-Zip groups a solid archive's files by extension, so its archive order is not the order given.
describe('generated CB7', () => archiveContract({ path: cb7, format: '7z', files: [...FILES].reverse(), sample: SAMPLE }));
describe('generated PDF', () => {
  archiveContract({ path: pdf, format: 'pdf', files: [] });

  it('reads the page count and the Info dictionary', async () => {
    const archive = await openArchive(pdf);
    expect(archive.pdf?.pageCount).toBe(3);
    expect(archive.pdf?.info.Title).toBe('Plastic Man 1');
    await archive.close();
  });
});

describe('generated CBZ entries away from the ends the reader keeps', () => {
  // Pages of random bytes (they do not deflate) put the middle entry 64 KiB from either end, so
  // it is read from disk, not from the 16 KiB and 64 KiB the reader keeps of the file's ends.
  const filler = (seed: number) => Buffer.from(Array.from({ length: 80 * 1024 }, (_, i) => (i * 2654435761 + seed) >>> 24));
  const xml = Buffer.from(COMIC_INFO.repeat(40));

  it.each([
    ['a local extra field as long as the central one', 0],
    ['a local extra field longer than the room read with the header', 3000],
  ])('reads a deflated and a stored entry with %s', async (_, extraLength) => {
    const localExtra = Buffer.alloc(extraLength);
    if (extraLength > 0) {
      localExtra.writeUInt16LE(0xcafe, 0);
      localExtra.writeUInt16LE(extraLength - 4, 2);
    }
    const path = write(`middle-${extraLength}.cbz`, buildZip([
      { name: '01.png', data: filler(1) },
      { name: 'ComicInfo.xml', data: xml, method: 'deflate', localExtra },
      { name: '02.png', data: PAGE_PNG, localExtra },
      { name: '03.png', data: filler(2) },
    ]));
    const archive = await openArchive(path);
    expect((await archive.read('ComicInfo.xml')).equals(xml)).toBe(true);
    expect((await archive.read('02.png')).equals(PAGE_PNG)).toBe(true);
    await archive.close();
  });

  it('reads an entry whose local header lies across the start of the kept tail, byte by byte', async () => {
    // The reader keeps the file's last 65,577 bytes (as far back as the end record can start).
    // The last page's length moves ComicInfo.xml's 43-byte header across that start: wholly
    // before it, cut by it, and at it, with the data inside the kept bytes.
    const tailKept = 22 + 0xffff + 20;
    const build = (lastPage: number) =>
      buildZip([{ name: '01.png', data: filler(1) }, { name: 'ComicInfo.xml', data: xml, method: 'deflate' }, { name: '03.png', data: filler(2).subarray(0, lastPage) }]);
    const header = 30 + '01.png'.length + filler(1).length;
    const probe = build(60 * 1024);
    for (const shift of [-200, -43, -42, -20, -1, 0, 1, 20]) {
      // header - (size - tailKept) = shift, and the size grows with the last page byte for byte.
      const zip = build(60 * 1024 + header + tailKept - shift - probe.length);
      expect(zip.readUInt32LE(header)).toBe(0x04034b50);
      expect(header - (zip.length - tailKept)).toBe(shift);
      const archive = await openArchive(write(`straddle${shift}.cbz`, zip));
      expect((await archive.read('ComicInfo.xml')).equals(xml)).toBe(true);
      await archive.close();
    }
  });
});

describe('generated archives that cannot be read', () => {
  it('says a zip whose entries carry the encryption flag needs a password', async () => {
    const path = write('encrypted.cbz', buildZip([{ name: 'ComicInfo.xml', data: Buffer.from(COMIC_INFO), encrypted: true }]));
    await expect(openArchive(path)).rejects.toThrow('encrypted zip: password required');
  });

  it('says a zip cut in half is truncated', async () => {
    const whole = readFileSync(cbz);
    const path = write('half.cbz', whole.subarray(0, whole.length >> 1));
    await expect(openArchive(path)).rejects.toThrow('truncated zip: end of central directory not found');
  });

  it.each([cbz, cbt, cb7, pdf])('never fails a damaged copy of %s with anything but a readable LongboxError', async (file) => {
    await expectEveryCutReadable(dir, file);
  });
});
