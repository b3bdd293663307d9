import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SevenZip from '7z-wasm';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { isVolumeOf } from '../../src/archive/rar';
import { readComic } from '../../src/read';
import { buildPdf, buildSevenZip, buildTar, buildZip, makePng, PAGE_PNG } from '../../tools/archive-writers';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { useTempDir } from '../support/temp-dir';

/*
 * The archives other projects keep in their test suites (../shared/corpus/peers), each next to a
 * generated archive with the same trait where our writers can make one. The peer files carry the
 * corpus tag (skipped when the corpus is absent); the generated ones run everywhere.
 */
const dir = useTempDir();
const write = (name: string, data: Buffer | string): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const peer = (file: string) => corpusPath(`peers/${file}`);

const pageCount = async (path: string) => {
  const outcome = await readComic(path);
  return outcome.ok ? outcome.comic.pageCount : outcome.reason;
};
const reason = async (path: string) => {
  const outcome = await readComic(path);
  return outcome.ok ? `read, ${outcome.comic.pageCount} pages` : outcome.reason;
};

/** A tar header field rewritten in the old style: the number right-aligned behind spaces, then a space and NUL. */
function oldStyleNumber(header: Buffer, at: number, width: number, value: number): void {
  header.write(`${value.toString(8).padStart(width - 2, ' ')} \0`, at, width, 'latin1');
}

function withChecksum(header: Buffer, oldStyle: boolean): void {
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += header[i]!;
  if (oldStyle) oldStyleNumber(header, 148, 8, sum);
  else header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
}

describe('tar headers', () => {
  it.each(['sharpcompress/Tar.tar', 'sharpcompress/Tar.ContainsRar.tar'])('reads old-style numbers padded with leading spaces (%s)', { tags: CORPUS_TAG }, async (file) => {
    const archive = await openArchive(peer(file));
    expect(archive.format).toBe('tar');
    expect(archive.entries.length).toBeGreaterThan(0);
    await archive.close();
  });

  it('reads old-style numbers padded with leading spaces (generated)', async () => {
    const tar = buildTar([{ name: '01.png', data: PAGE_PNG }]);
    const header = tar.subarray(0, 512);
    oldStyleNumber(header, 124, 12, PAGE_PNG.length);
    withChecksum(header, true);
    const archive = await openArchive(write('old-style.cbt', tar));
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['01.png', PAGE_PNG.length]]);
    expect(await archive.read('01.png')).toEqual(PAGE_PNG);
    await archive.close();
  });

  it('reads an all-zero tar as a valid empty comic (sharpcompress/Tar.Empty.tar)', { tags: CORPUS_TAG }, async () => {
    expect(await pageCount(peer('sharpcompress/Tar.Empty.tar'))).toBe(0);
  });

  it('reads an all-zero tar as a valid empty comic, like an empty zip (generated)', async () => {
    expect(await pageCount(write('zeros.cbt', Buffer.alloc(10240)))).toBe(0);
    expect(await pageCount(write('empty.cbz', buildZip([])))).toBe(0);
  });

  it('still calls a file that only looks like a tar not a comic archive (sharpcompress/false.positive.tar)', { tags: CORPUS_TAG }, async () => {
    expect(await reason(peer('sharpcompress/false.positive.tar'))).toBe('not a comic archive: unknown file signature');
  });

  it('says a tar whose first header has a negative size is damaged (libarchive/test_read_format_tar_V_negative_size.tar)', { tags: CORPUS_TAG }, async () => {
    expect(await reason(peer('libarchive/test_read_format_tar_V_negative_size.tar'))).toBe('damaged tar: a header gives an impossible entry size');
  });

  it('says a tar whose first header has a negative size is damaged (generated)', async () => {
    const tar = buildTar([{ name: '01.png', data: PAGE_PNG }]);
    tar.fill(0xff, 124, 136); // GNU base-256 with the sign bit set: -1
    withChecksum(tar.subarray(0, 512), false);
    expect(await reason(write('negative.cbt', tar))).toBe('damaged tar: a header gives an impossible entry size');
  });

  it('says a pax header with a negative size is damaged instead of walking back forever (libarchive/test_read_format_tar_invalid_pax_size.tar)', { tags: CORPUS_TAG }, async () => {
    expect(await reason(peer('libarchive/test_read_format_tar_invalid_pax_size.tar'))).toBe('damaged tar: a pax header gives an impossible entry size');
  });

  it('says a pax header with a negative size is damaged instead of walking back forever (generated)', async () => {
    const pax = buildTar([{ name: 'PaxHeaders/01.png', data: '14 size=-1536\n' }, { name: '01.png', data: PAGE_PNG }]);
    pax[156] = 'x'.charCodeAt(0);
    withChecksum(pax.subarray(0, 512), false);
    expect(await reason(write('pax-negative.cbt', pax))).toBe('damaged tar: a pax header gives an impossible entry size');
  });
  it('reads a hard-linked page (GNU tar stores a second name so) as the bytes of the entry it names', async () => {
    const page2 = makePng(3, 4, [9, 9, 9]);
    const tar = buildTar([{ name: './01.png', data: PAGE_PNG }, { name: './02.png', data: page2 }, { name: './03.png', data: '', hardLinkTo: './02.png' }]);
    const archive = await openArchive(write('hard-link.cbt', tar));
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['./01.png', PAGE_PNG.length], ['./02.png', page2.length], ['./03.png', page2.length]]);
    expect(await archive.read('./03.png')).toEqual(page2);
    expect(await archive.read('./02.png')).toEqual(page2);
    await archive.close();
    expect(await pageCount(write('hard-link-comic.cbt', tar))).toBe(3);
  });

  it('reads names whole in a GNU header, whose times sit where POSIX keeps a name prefix (tar -G)', async () => {
    const archive = await openArchive(write('gnu.cbt', buildTar([{ name: './01.png', data: PAGE_PNG }], { gnu: true })));
    expect(archive.entries.map((entry) => entry.name)).toEqual(['./01.png']);
    await archive.close();
  });
});

describe('zip records', () => {
  it('keeps the first zip64 field when a later extra field also holds 0x0001 (sharpcompress/Zip.zip64.compressedonly.zip)', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(peer('sharpcompress/Zip.zip64.compressedonly.zip'));
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['test/test.txt', 15]]);
    expect((await archive.read('test/test.txt')).length).toBe(15);
    await archive.close();
  });

  it('says a zip whose zip64 locator points 2^53 bytes away is damaged, in words', async () => {
    const zip = buildZip([{ name: '01.png', data: PAGE_PNG }]);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(2n ** 53n + 8n, 8);
    locator.writeUInt32LE(1, 16);
    const eocd = zip.length - 22;
    const forged = Buffer.concat([zip.subarray(0, eocd), locator, zip.subarray(eocd)]);
    expect(await reason(write('forged-zip64.cbz', forged))).toBe('damaged zip: the zip64 end record lies past the end of the file');
  });

  it('says a zip whose entry starts 2^53 bytes away is damaged, in words', async () => {
    const zip = buildZip([{ name: 'ComicInfo.xml', data: '<ComicInfo/>' }, { name: '01.png', data: PAGE_PNG }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0x7fffffff, central + 42);
    const archive = await openArchive(write('forged-offset.cbz', zip));
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('damaged zip: ComicInfo.xml starts past the end of the file');
    await archive.close();
  });

  it.each([2, 3])('says a zip cut to %i bytes is not a comic archive', async (length) => {
    const zip = buildZip([{ name: '01.png', data: PAGE_PNG }]);
    expect(await reason(write(`cut-${length}.cbz`, zip.subarray(0, length)))).toBe('not a comic archive: unknown file signature');
  });
});

/** A 7z whose names are encrypted too (7-Zip's -mhe=on), made with 7z-wasm. */
async function encryptedNames7z(): Promise<Buffer> {
  const { FS, callMain } = await SevenZip({ print: () => {}, printErr: () => {} });
  FS.writeFile('/01.png', PAGE_PNG);
  callMain(['a', '-t7z', '-psecret', '-mhe=on', '-bsp0', '-bso0', '/locked.7z', '/01.png']);
  return Buffer.from(FS.readFile('/locked.7z'));
}

describe('7z', () => {
  it('says a 7z with encrypted file names needs a password, not a bare number (libarchive/test_read_format_7zip_encryption_header.7z)', { tags: CORPUS_TAG }, async () => {
    expect(await reason(peer('libarchive/test_read_format_7zip_encryption_header.7z'))).toBe('encrypted 7z: password required');
  });

  it('says a 7z with encrypted file names needs a password, not a bare number (generated)', async () => {
    expect(await reason(write('locked-names.cb7', await encryptedNames7z()))).toBe('encrypted 7z: password required');
  });

  it('reads a healthy 7z after one that made 7-Zip throw', async () => {
    const sevenZip = await buildSevenZip([{ name: '01.png', data: PAGE_PNG }]);
    const healthy = write('healthy.cb7', sevenZip);
    // A zeroed stretch of the header makes 7-Zip throw out of main(): the instance is retired.
    const broken = Buffer.from(sevenZip);
    broken.fill(0, broken.length - 40, broken.length - 20);
    expect(await reason(write('broken.cb7', broken))).toBe('damaged 7z: 7-Zip gave up on its headers or data');
    expect(await pageCount(healthy)).toBe(1);
  });
});

describe('RAR', () => {
  it('reads a RAR 1.5 with per-file comments through 7-Zip when unrar refuses it', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(peer('rarfile/rar15-comment.rar'));
    expect(archive.format).toBe('rar');
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['FILE1.TXT', 7], ['FILE2.TXT', 8]]);
    expect((await archive.read('FILE2.TXT')).length).toBe(8);
    await archive.close();
  });

  it('reads each file a RAR 5 stores as a copy of another (rar -oi) as that file\'s bytes, from the archive alone', { tags: CORPUS_TAG }, async () => {
    // unrar would open the copy's target by name from the working directory, as if extracted there.
    const archive = await openArchive(peer('rarfile/rar5-dups.rar'));
    const first = await archive.read('stest1.txt');
    expect(first.length).toBe(2048);
    for (const entry of archive.entries.slice(1)) expect(await archive.read(entry.name), entry.name).toEqual(first);
    await archive.close();
  });

  it.each([
    ['/lib/x.part1.rar', '/lib/x.part2.rar', true],
    ['/lib/x.part1.cbr', '/lib/x.part2.cbr', true],
    ['/lib/x.rar', '/lib/x.r00', true],
    ['/lib/x.cbr', '/lib/x.c00', true],
    ['/lib/x.001', '/lib/x.002', true],
    ['/lib/x.r00', '/lib/x.rar', true],
    // What a RAR 5 file copy or hard link makes unrar ask for: its target, by name.
    ['/lib/x.cbr', 'page01.jpg', false],
    ['/lib/x.cbr', '/lib/x.jpg', false],
    ['/lib/x.part1.rar', '/elsewhere/x.part2.rar', false],
  ])('lets unrar open %s\'s neighbour %s only when it is a volume of the set: %s', (archive, asked, allowed) => {
    expect(isVolumeOf(archive, asked)).toBe(allowed);
  });

  it('says a RAR 5 hard link cannot be read, instead of giving an empty page', { tags: CORPUS_TAG }, async () => {
    const archive = await openArchive(peer('rarfile/rar5-hlink.rar'));
    await expect(archive.read('stest2.txt')).rejects.toThrow('unsupported RAR: stest2.txt extracts to 0 bytes, not the 2048 its header gives (a link?)');
    await archive.close();
  });

  it('says a RAR 2.x with comments and a password needs the password', { tags: CORPUS_TAG }, async () => {
    expect(await reason(peer('rarfile/rar202-comment-psw.rar'))).toBe('encrypted RAR: password required');
  });

  it.each([
    ['sharpcompress/Rar5.multi.part01.rar', 'part 1 of a multi-volume RAR: volume Rar5.multi.part02.rar is missing (keep all parts in one folder)'],
    ['sharpcompress/Rar5.multi.part05.rar', 'part 5 of a multi-volume RAR: volume Rar5.multi.part06.rar is missing (keep all parts in one folder)'],
    ['rarfile/rar3-vols.part2.rar', 'part 2 of a multi-volume RAR: volume rar3-vols.part3.rar is missing (keep all parts in one folder)'],
  ])('names the missing volume of a lone RAR volume (%s)', { tags: CORPUS_TAG }, async (file, expected) => {
    const alone = join(dir, `alone-${file.replace(/\W/g, '-')}`);
    mkdirSync(alone);
    const path = join(alone, file.split('/').pop()!);
    copyFileSync(peer(file), path);
    expect(await reason(path)).toBe(expected);
  });
});

describe('PDF', () => {
  it.each(['-1', '-2147483648'])('says a PDF whose page tree counts %s pages is damaged', async (count) => {
    const pdf = buildPdf({ pages: 2 }).toString('latin1').replace(/\/Count \d+/, `/Count ${count}`);
    expect(await reason(write(`count${count}.pdf`, Buffer.from(pdf, 'latin1')))).toBe(`damaged PDF: its page tree gives an impossible page count (${count})`);
  });

  it('reads a healthy PDF after a damaged one', async () => {
    expect(await reason(write('not-really.pdf', '%PDF-1.4\nnothing else'))).toMatch(/^damaged PDF: [A-Za-z]/);
    expect(await pageCount(write('fine.pdf', buildPdf({ pages: 2 })))).toBe(2);
  });
});
