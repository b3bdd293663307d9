import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../src/archive';
import { ArchiveFile } from '../../src/archive/file';
import { open7z, openWith7Zip } from '../../src/archive/sevenzip';
import { readSevenZipHeader, unpackFolder } from '../../src/archive/sevenzip-header';
import { createRng } from '../../tools/prng';
import { buildSevenZip, PAGE_PNG } from '../../tools/archive-writers';
import { CORPUS_DIR, CORPUS_TAG } from '../support/corpus';
import { assemble, craftOneBlock, craftSevenZip, sevenZipNumber, type CraftedFile } from '../support/sevenzip-craft';
import { useTempDir } from '../support/temp-dir';

/*
 * The 7z header and small blocks are read in JavaScript (sevenzip-header.ts, lzma.ts) instead of
 * by 7-Zip in wasm. Everything they read must be what 7-Zip reads: each test compares the two.
 */

const dir = useTempDir();

/** Bytes that do not compress, as a scanned page's. */
function noise(length: number, seed: number): Buffer {
  const random = createRng(seed);
  return Buffer.from(Array.from({ length }, () => random.int(0, 255)));
}

const COMIC_INFO = `<?xml version="1.0"?>\n<ComicInfo><Series>Phantom Lady</Series><Number>3</Number><Summary>${'A story told twice. '.repeat(40)}</Summary></ComicInfo>`;
const ENTRIES = [
  { name: '001.png', data: PAGE_PNG },
  { name: '002.jpg', data: noise(3000, 1) },
  { name: 'Ünïcode/页 3.jpg', data: noise(2000, 2) },
  { name: 'empty.txt', data: '' },
  { name: 'ComicInfo.xml', data: COMIC_INFO },
  { name: 'big/004.jpg', data: noise(40 * 1024, 3) },
];

/** 7-Zip's own listing and bytes, or its reason, for the same file. */
async function outcome(open: () => Promise<Archive>): Promise<unknown> {
  let archive: Archive;
  try {
    archive = await open();
  } catch (error) {
    return { failed: (error as Error).message };
  }
  const files: Record<string, string> = {};
  for (const entry of archive.entries) {
    if (entry.isDirectory) continue;
    files[entry.name] = await archive.read(entry.name).then(
      (bytes) => `${bytes.length}:${bytes.toString('base64')}`,
      (error: Error) => `failed: ${error.message}`,
    );
  }
  await archive.close();
  return { entries: archive.entries, files };
}

/** open7z itself, for copies cut too short for openArchive to know them as 7z. */
async function ours(path: string): Promise<unknown> {
  const file = ArchiveFile.open(path);
  try {
    return await outcome(() => open7z(file));
  } finally {
    file.close();
  }
}
const sevenZips = (path: string) => outcome(() => openWith7Zip(path, '7z'));

function headerOf(path: string) {
  const file = ArchiveFile.open(path);
  try {
    return readSevenZipHeader(file);
  } finally {
    file.close();
  }
}

describe('7z headers and small blocks read without 7-Zip', () => {
  const layouts = [
    { label: "7-Zip's defaults (LZMA2, solid, compressed header)", switches: [] },
    { label: 'LZMA2, not solid (a page of noise is stored as LZMA2 copy chunks)', switches: ['-ms=off'] },
    { label: 'LZMA, not solid', switches: ['-m0=LZMA', '-ms=off'] },
    { label: 'LZMA at the highest level, uncompressed header', switches: ['-m0=LZMA', '-mx=9', '-mhc=off'] },
    { label: 'LZMA with the widest literal context (lc=8, lp=4), not solid', switches: ['-m0=LZMA:lc=8:lp=4', '-ms=off'] },
    { label: 'stored (Copy)', switches: ['-m0=Copy'] },
    { label: 'PPMd, a method only 7-Zip decodes', switches: ['-m0=PPMd'] },
    { label: 'BCJ before LZMA2, two coders', switches: ['-mf=BCJ'] },
  ];

  for (const { label, switches } of layouts) {
    it(`lists and reads every entry as 7-Zip does: ${label}`, async () => {
      const path = join(dir, 'layout.cb7');
      writeFileSync(path, await buildSevenZip(ENTRIES, switches));
      expect(headerOf(path)?.entries).toEqual((await openWith7Zip(path, '7z')).entries);
      expect(await ours(path)).toEqual(await sevenZips(path));
    });
  }

  it('decodes the small entries itself and checks them against their CRCs', async () => {
    for (const switches of [[], ['-ms=off'], ['-m0=LZMA'], ['-m0=LZMA', '-ms=off'], ['-m0=LZMA:lc=8:lp=4', '-ms=off'], ['-m0=Copy']]) {
      const path = join(dir, 'small.cb7');
      writeFileSync(path, await buildSevenZip(ENTRIES.filter((entry) => !entry.name.startsWith('big/')), switches));
      const header = headerOf(path)!;
      const file = ArchiveFile.open(path);
      try {
        header.entries.forEach((entry, index) => {
          const stream = header.streams[index];
          if (stream === undefined) return;
          const block = unpackFolder(file, header.folders[stream.folder]!, stream.offset + stream.size, 1 << 20);
          const expected = ENTRIES.find((candidate) => candidate.name === entry.name)!.data;
          expect(Buffer.from(block.subarray(stream.offset)).equals(Buffer.from(expected)), `${entry.name} with ${switches.join(' ')}`).toBe(true);
        });
      } finally {
        file.close();
      }
    }
  });

  it('leaves an archive with an encrypted block to 7-Zip, which asks for the password', async () => {
    const path = join(dir, 'encrypted.cb7');
    writeFileSync(path, await buildSevenZip(ENTRIES.slice(0, 2), ['-pSecret']));
    expect(headerOf(path)).toBeDefined();
    await expect(openArchive(path)).rejects.toThrow('encrypted 7z: password required');
  });

  it('gives 7-Zip’s outcome for every damaged copy it lists', async () => {
    const whole = await buildSevenZip(ENTRIES.filter((entry) => !entry.name.startsWith('big/')));
    const random = createRng(7);
    const copies: Buffer[] = [];
    for (let length = 0; length < whole.length; length += Math.ceil(whole.length / 12)) copies.push(whole.subarray(0, length));
    for (let i = 0; i < 40; i++) {
      const copy = Buffer.from(whole);
      copy[random.int(0, copy.length - 1)]! ^= 1 << random.int(0, 7);
      copies.push(copy);
    }
    let listedHere = 0;
    for (const [index, copy] of copies.entries()) {
      const path = join(dir, `damaged-${index}.cb7`);
      writeFileSync(path, copy);
      if (headerOf(path) !== undefined) listedHere++;
      expect(await ours(path), `copy ${index}`).toEqual(await sevenZips(path));
    }
    // Flips in the packed data leave the header whole: those copies are listed here, read by 7-Zip.
    expect(listedHere).toBeGreaterThan(5);
  });
});

describe('7z headers 7-Zip reads otherwise, written byte by byte with their CRCs right', () => {
  const A_TIME = 132223000000000000n;
  const files: CraftedFile[] = [
    { name: 'a.txt', data: 'hello', filetime: A_TIME },
    { name: 'b.xml', data: '<ComicInfo/>', filetime: A_TIME },
    { name: 'e.txt', data: '', filetime: A_TIME },
  ];
  const write = (name: string, bytes: Buffer): string => {
    const path = join(dir, `${name}.cb7`);
    writeFileSync(path, bytes);
    return path;
  };

  it('reads a plain crafted archive itself, as 7-Zip does (the cases below differ in one thing)', async () => {
    for (const solid of [false, true]) {
      const path = write(`plain-${solid}`, craftSevenZip(files, { solid }));
      expect(headerOf(path)).toBeDefined();
      expect(await ours(path)).toEqual(await sevenZips(path));
    }
  });

  const refused: Record<string, Buffer> = {
    'bytes after the names': craftSevenZip(files, { namesPad: [0x41, 0x00] }),
    'padding that is not zeros': craftSevenZip(files, { fileProperties: [0x19, 0x02, 0xab, 0xcd] }),
    'a creation time cut short': craftSevenZip(files, { fileProperties: [0x12, 0x01, 0x07] }),
    'a start position cut short': craftSevenZip(files, { fileProperties: [0x18, 0x01, 0x07] }),
    'empty streams listed twice': craftSevenZip(files, { fileProperties: [0x0e, 0x01, 0x20] }),
    'pack sizes given again after the blocks': craftSevenZip(files, { afterStreams: [0x06, ...sevenZipNumber(0), ...sevenZipNumber(2), 0x09, ...sevenZipNumber(5), ...sevenZipNumber(12), 0x00] }),
    'a solid block without its files’ sizes': craftSevenZip(files, { solid: true, noSubstreamSizes: true }),
    'a name with a line break': craftSevenZip([{ name: 'a\nb.txt', data: 'x' }]),
    'an empty name': craftSevenZip([{ name: '', data: 'x' }]),
    'two entries of one name': craftSevenZip([{ name: 'p.jpg', data: 'first' }, { name: 'p.jpg', data: 'second' }]),
  };
  for (const [label, bytes] of Object.entries(refused)) {
    it(`leaves a header with ${label} to 7-Zip`, async () => {
      const path = write(label.replaceAll(' ', '-'), bytes);
      expect(headerOf(path)).toBeUndefined();
      expect(await ours(path)).toEqual(await sevenZips(path));
    });
  }
  it('reads a stored block whose packed size is not its unpacked size as 7-Zip does', async () => {
    const path = write('padded', craftSevenZip(files, { packPadding: 3 }));
    const outcome = (await ours(path)) as { files: Record<string, string> };
    expect(outcome.files['a.txt']).toMatch(/^failed: /);
    expect(outcome).toEqual(await sevenZips(path));
  });

  it('calls a file with the folder attribute a folder, as 7-Zip does', async () => {
    // 7-Zip prints a hidden folder's attributes as "HD ...": its listing is read for the D anywhere.
    const path = write('attributes', craftSevenZip([{ name: 'd', data: '', attributes: 0x10 }, { name: 'h', attributes: 0x12 }, { name: 'f.txt', data: 'x', attributes: 0x20 }]));
    expect(headerOf(path)!.entries.map((entry) => entry.isDirectory)).toEqual([true, true, false]);
    expect((await openWith7Zip(path, '7z')).entries.map((entry) => entry.isDirectory)).toEqual([true, true, false]);
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('reads a folder without attributes as a folder, where 7-Zip lists a file that then extracts as a folder', async () => {
    const path = write('bare-folder', craftSevenZip([{ name: 'dir' }, { name: 'dir/a.txt', data: 'hello' }]));
    expect(headerOf(path)!.entries.map((entry) => entry.isDirectory)).toEqual([true, false]);
    const archive = await openWith7Zip(path, '7z');
    expect(archive.entries.map((entry) => entry.isDirectory)).toEqual([false, false]);
    await expect(archive.read('dir')).rejects.toThrow('entry not found: dir');
    // The folder it extracted is cleared away: the same 7-Zip instance goes on reading.
    expect((await archive.read('dir/a.txt')).toString()).toBe('hello');
  });

  it('lists the same times as 7-Zip in a time zone other than UTC', async () => {
    const path = write('zone', craftSevenZip(files));
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(new Date(0).getTimezoneOffset()).toBe(-540);
      expect(await ours(path)).toEqual(await sevenZips(path));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('keeps a byte order mark that starts a name, and a backslash, as 7-Zip does', async () => {
    const path = write('bom', craftSevenZip([{ name: '\ufeffa.txt', data: 'x' }, { name: 'b\\c.txt', data: 'y' }]));
    expect(headerOf(path)!.entries.map((entry) => entry.name)).toEqual(['\ufeffa.txt', 'b\\c.txt']);
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('lists no time where 7-Zip prints none: 0, and the year 10000 on', async () => {
    const path = write('times', craftSevenZip([
      { name: 'zero.txt', data: 'x', filetime: 0n },
      { name: 'far.txt', data: 'x', filetime: 2650467744000000000n },
      { name: 'near.txt', data: 'x', filetime: 2650467743990000000n },
      { name: 'old.txt', data: 'x', filetime: 116444736000000000n - 12345n },
    ]));
    // Before 1970, a time between two milliseconds is the earlier one, as its printed form says.
    expect(headerOf(path)!.entries.map((entry) => entry.mtime)).toEqual([undefined, undefined, 253402300799000, -2]);
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('says a file is damaged, as 7-Zip does, when a file before it in its block fails its CRC', async () => {
    const path = write('earlier-crc', craftSevenZip(files, { solid: true, wrongCrcOf: 0 }));
    const outcome = (await ours(path)) as { files: Record<string, string> };
    expect(outcome.files['b.xml']).toMatch(/^failed: damaged 7z/);
    expect(outcome).toEqual(await sevenZips(path));
  });

  it('leaves a header whose own CRC is wrong to 7-Zip, even when it unpacks', async () => {
    // Enough names for 7-Zip to compress the header.
    const whole = await buildSevenZip(Array.from({ length: 30 }, (_, i) => ({ name: `page-${i}.txt`, data: 'hello' })));
    const start = 32 + Number(whole.readBigUInt64LE(12));
    const encoded = Buffer.from(whole.subarray(start));
    expect(encoded[0]).toBe(0x17);
    // The encoded header ends with its block's CRC and two ends of lists.
    encoded[encoded.length - 3]! ^= 0x01;
    const path = write('header-crc', assemble(whole.subarray(32, start), encoded));
    expect(headerOf(path)).toBeUndefined();
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('leaves a block whose matches reach past its declared dictionary to 7-Zip', async () => {
    const page = noise(6000, 9).toString('latin1');
    const whole = await buildSevenZip([{ name: 'a.bin', data: Buffer.from(page + page, 'latin1') }], ['-m0=LZMA:d=64k', '-mhc=off']);
    const start = 32 + Number(whole.readBigUInt64LE(12));
    const header = Buffer.from(whole.subarray(start));
    // LZMA's coder: id 03 01 01, then 5 bytes of properties, the last four the dictionary size.
    const at = header.indexOf(Buffer.from([0x23, 0x03, 0x01, 0x01, 0x05])) + 6;
    expect(header.readUInt32LE(at)).toBeGreaterThan(6000);
    header.writeUInt32LE(4096, at);
    const path = write('dictionary', assemble(whole.subarray(32, start), header));
    expect(((await ours(path)) as { files: Record<string, string> }).files['a.bin']).toMatch(/^failed: damaged 7z/);
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('leaves packed data that runs into the header to 7-Zip', async () => {
    const path = write('into-header', craftSevenZip(files, { packSizeExtra: 4 }));
    expect(headerOf(path)).toBeUndefined();
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('leaves links to 7-Zip, a Windows reparse point or a Unix symlink', async () => {
    for (const attributes of [0x420, (0xa1ff << 16) | 0x8020]) {
      const path = write(`link-${attributes}`, craftSevenZip([{ name: 'a.txt', data: 'target.txt', attributes }, { name: 'b.txt', data: 'b' }]));
      expect(headerOf(path)).toBeUndefined();
      expect(await ours(path)).toEqual(await sevenZips(path));
    }
  });

  it('says a symlink 7-Zip extracts is a link, and its 7-Zip goes on reading', async () => {
    const path = write('symlink', craftSevenZip([{ name: 'a.txt', data: 'nowhere.txt', attributes: (0xa1ff << 16) | 0x8020 }, { name: 'b.txt', data: 'b' }]));
    const archive = await openWith7Zip(path, '7z');
    await expect(archive.read('a.txt')).rejects.toThrow('unsupported 7z: a.txt is a link, not a file');
    // A dangling link left in 7-Zip's output folder made every later extraction fail.
    const ppmd = join(dir, 'after-link.cb7');
    writeFileSync(ppmd, await buildSevenZip([{ name: 'c.txt', data: 'still reading' }], ['-m0=PPMd']));
    expect((await (await openWith7Zip(ppmd, '7z')).read('c.txt')).toString()).toBe('still reading');
  });

  it('leaves a stream whose last match runs past the block’s declared end to 7-Zip', async () => {
    const data = Buffer.from(`abcabcabc${'x'.repeat(300)}`);
    for (const method of ['LZMA', 'LZMA2']) {
      const stream = await packedStream(data, method);
      const cut = data.subarray(0, data.length - 2);
      const packed = Buffer.from(stream.packed);
      // LZMA2's first chunk says how much it unpacks to: made to end where the block now ends.
      if (method === 'LZMA2') packed.writeUInt16BE(packed.readUInt16BE(1) - 2, 1);
      const path = write(`overrun-${method}`, craftOneBlock('a.txt', packed, stream.method, stream.properties, cut));
      expect(((await ours(path)) as { files: Record<string, string> }).files['a.txt'], method).toMatch(/^failed: /);
      expect(await ours(path)).toEqual(await sevenZips(path));
    }
  });

  it('leaves an LZMA2 block whose last chunk holds more than the block to 7-Zip', async () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(20));
    const stream = await packedStream(data, 'LZMA2');
    const path = write('long-chunk', craftOneBlock('a.txt', stream.packed, stream.method, stream.properties, data.subarray(0, data.length - 7)));
    expect(((await ours(path)) as { files: Record<string, string> }).files['a.txt']).toMatch(/^failed: /);
    expect(await ours(path)).toEqual(await sevenZips(path));
  });

  it('reads a header of many files and many padding properties in time linear in its size', () => {
    // Counting the empty streams once per property took 13 s for 80,000 of each: for a million it
    // would run for half an hour, past this suite's timeout. Read once, it takes well under a second.
    const count = 1_000_000;
    const padding = Buffer.alloc(2 * count);
    for (let i = 0; i < count; i++) padding[2 * i] = 0x19;
    const raw = Buffer.concat([Buffer.from([0x01, 0x05, ...sevenZipNumber(count)]), padding, Buffer.from([0x00, 0x00])]);
    const path = write('padding', assemble(Buffer.alloc(0), raw));
    expect(headerOf(path)).toBeUndefined(); // no names: 7-Zip's to judge
  });
});

describe('the last bytes of a packed stream', () => {
  it('gives 7-Zip’s outcome when one of them is flipped, in a block or in the packed header', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(60);
    let flipped = 0;
    for (const switches of [['-m0=LZMA', '-ms=off', '-mhc=off'], ['-ms=off', '-mhc=off'], []]) {
      const whole = await buildSevenZip([{ name: 'a.txt', data: text }, { name: 'b.txt', data: text.toUpperCase() }], switches);
      const path = join(dir, 'tail.cb7');
      writeFileSync(path, whole);
      // A block's stream, or (with a compressed header) the header's own, which ends where the header starts.
      const ends = switches.includes('-mhc=off')
        ? headerOf(path)!.folders.map((folder) => folder.packOffset + folder.packSize)
        : [32 + Number(whole.readBigUInt64LE(12))];
      for (const end of ends) {
        for (let back = 1; back <= 5; back++) {
          const copy = Buffer.from(whole);
          copy[end - back]! ^= 0x01;
          writeFileSync(path, copy);
          expect(await ours(path), `${switches.join(' ')}: byte ${back} before ${end}`).toEqual(await sevenZips(path));
          flipped++;
        }
      }
    }
    expect(flipped).toBe(25);
  });
});

describe('7z archives other projects made', () => {
  const archives = (): string[] =>
    ['comicbox', 'komga', 'peers']
      .flatMap((folder) => (readdirSync(join(CORPUS_DIR, folder), { recursive: true, encoding: 'utf8' }) as string[]).map((name) => join(CORPUS_DIR, folder, name)))
      .filter((path) => /\.(7z|cb7)$/i.test(path))
      .sort();

  it('lists and reads each as 7-Zip does, without 7-Zip wherever its header allows', { tags: CORPUS_TAG }, async () => {
    let listedHere = 0;
    for (const path of archives()) {
      if (headerOf(path) !== undefined) listedHere++;
      const expected = await sevenZips(path);
      const actual = await ours(path);
      // An encrypted header is told from its bytes before either reader runs (open7z), where 7-Zip
      // alone only says it gave up.
      if ('failed' in (expected as object) && (actual as { failed?: string }).failed === 'encrypted 7z: password required') continue;
      expect(actual, path).toEqual(expected);
    }
    expect(listedHere).toBeGreaterThanOrEqual(15);
  });
});

/** 7-Zip's own LZMA or LZMA2 stream for `data`, with its coder's id and properties. */
async function packedStream(data: Buffer, method: string): Promise<{ packed: Buffer; method: number[]; properties: Uint8Array }> {
  const path = join(dir, `packed-${method}.cb7`);
  writeFileSync(path, await buildSevenZip([{ name: 'a.txt', data }], [`-m0=${method}`, '-mhc=off']));
  const [folder] = headerOf(path)!.folders;
  const [coder] = folder!.coders;
  const bytes = readFileSync(path).subarray(folder!.packOffset, folder!.packOffset + folder!.packSize);
  return { packed: Buffer.from(bytes), method: [...Buffer.from(coder!.method, 'hex')], properties: coder!.properties };
}
