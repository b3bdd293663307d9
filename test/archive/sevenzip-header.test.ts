import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../src/archive';
import { ArchiveFile } from '../../src/archive/file';
import { open7z, openWith7Zip } from '../../src/archive/sevenzip';
import { readSevenZipHeader, unpackFolder } from '../../src/archive/sevenzip-header';
import { createRng } from '../../tools/prng';
import { buildSevenZip, PAGE_PNG } from '../../tools/archive-writers';
import { CORPUS_DIR, CORPUS_TAG } from '../support/corpus';
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
    for (const switches of [[], ['-ms=off'], ['-m0=LZMA'], ['-m0=LZMA', '-ms=off'], ['-m0=Copy']]) {
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
