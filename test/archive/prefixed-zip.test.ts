import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { makePng } from '../../tools/archive-writers';
import { createRng } from '../../tools/prng';
import { python, pythonJson } from '../support/python';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';
import { SHELL_STUB, windowsStub } from '../support/zip-stubs';

/*
 * A zip with bytes before it: a self-extractor's stub, a script, data a tool prepended. Its head
 * names no format; its end records at the tail say where the zip starts, and every offset it
 * stores counts from there. Python's zipfile reads each of these files too: the oracle that they
 * are what real readers accept.
 */

const dir = useTempDir();
const write = (name: string, data: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const COMIC_INFO = Buffer.from('<?xml version="1.0"?>\n<ComicInfo><Series>Self-Extracting Man</Series><Number>1</Number></ComicInfo>\n');
const rng = createRng(7);
/** Larger than the 16 KiB each end of the file the reader keeps: it is read from the middle of the file. */
const BIG_PAGE = Buffer.from(Array.from({ length: 48 * 1024 }, () => rng.int(0, 255)));
const PAGES: ReadonlyArray<readonly [string, Buffer]> = [['01.png', makePng(3, 2, [200, 0, 0])], ['02.jpg', BIG_PAGE], ['03.png', makePng(2, 5, [0, 0, 200])]];
const ENTRIES = [...PAGES.map(([name, data]) => ({ name, data })), { name: 'ComicInfo.xml', data: COMIC_INFO }];

const cbz = buildZip(ENTRIES);
const zip64 = buildZip(
  ENTRIES.map((entry) => ({ ...entry, method: entry.name === 'ComicInfo.xml' ? ('deflate' as const) : ('store' as const) })),
  { zip64: true },
);

/** What python's zipfile lists, and ComicInfo.xml as it reads it. */
function pythonReads(path: string): { names: string[]; comicInfo: string } {
  return pythonJson(
    `import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1]) as z:\n  print(json.dumps({'names': z.namelist(), 'comicInfo': z.read('ComicInfo.xml').decode()}))`,
    path,
  );
}

async function expectWholeComic(path: string): Promise<void> {
  expect(pythonReads(path)).toEqual({ names: ENTRIES.map((entry) => entry.name), comicInfo: COMIC_INFO.toString() });
  const archive = await openArchive(path);
  expect(archive.format).toBe('zip');
  expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual(ENTRIES.map((entry) => [entry.name, entry.data.length]));
  expect(await archive.read('ComicInfo.xml')).toEqual(COMIC_INFO);
  for (const [name, data] of PAGES) expect((await archive.read(name, { maxBytes: 1 << 20 })).equals(data)).toBe(true);
  await archive.close();
}

describe('zips with bytes before them', () => {
  it('reads the pages and ComicInfo.xml of a zip with a Windows self-extractor stub (MZ) before it', async () => {
    await expectWholeComic(write('windows-sfx.cbz', Buffer.concat([windowsStub(), cbz])));
  });

  it('reads the pages and ComicInfo.xml of a zip with a shell-script stub before it', async () => {
    await expectWholeComic(write('shell-sfx.cbz', Buffer.concat([SHELL_STUB, cbz])));
  });

  it('reads a zip64 zip behind a stub, whose zip64 locator offset leaves the stub out like every other offset', async () => {
    await expectWholeComic(write('zip64-sfx.cbz', Buffer.concat([windowsStub(), zip64])));
  });

  it('reads a zip whose offsets already count the stub (python appending to a script, or zip -A on a self-extractor)', async () => {
    const path = write('appended.cbz', SHELL_STUB);
    python(
      `import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'a') as z:\n  for name, data in zip(sys.argv[2::2], sys.argv[3::2]): z.writestr(name, bytes.fromhex(data))`,
      path,
      ...ENTRIES.flatMap((entry) => [entry.name, entry.data.toString('hex')]),
    );
    await expectWholeComic(path);
  });

  it('reads a zip behind data that starts with a local header signature', async () => {
    await expectWholeComic(write('local-header-first.cbz', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60), cbz])));
  });

  it('says a stubbed zip whose entry starts past the end of the file is damaged', async () => {
    const forged = Buffer.concat([windowsStub(), cbz]);
    const central = forged.indexOf(Buffer.from('PK\x01\x02', 'latin1'), forged.length - 300);
    forged.writeUInt32LE(forged.length, central + 42);
    const archive = await openArchive(write('entry-past-end.cbz', forged));
    await expect(archive.read('01.png')).rejects.toThrow('damaged zip: 01.png starts past the end of the file');
  });

  it('says a zip whose end record counts bytes the file no longer holds is damaged', async () => {
    // Its first 100 bytes lost, the rest behind a local header signature: the offsets reach before the file's start.
    const frontCut = Buffer.concat([Buffer.from('PK\x03\x04'), cbz.subarray(100)]);
    await expect(openArchive(write('front-cut.cbz', frontCut))).rejects.toThrow("damaged zip: the central directory's recorded offset and size do not fit before its end record");
  });

  it('says a prefixed zip64 zip whose zip64 end record is missing is damaged', async () => {
    const prefixed = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60), zip64]);
    prefixed.write('XX', prefixed.lastIndexOf(Buffer.from('PK\x06\x06', 'latin1')), 'latin1');
    await expect(openArchive(write('zip64-no-record.cbz', prefixed))).rejects.toThrow('damaged zip: zip64 end of central directory record not found');
  });
});

/** An end record (22 bytes, no comment) claiming `count` entries in `size` bytes at `offset`. */
function endRecord(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

describe('files with a stray end-of-central-directory signature near their end', () => {
  const text = Buffer.from('Notes on the zip format.\n'.repeat(200));
  it.each([
    ['in running text', Buffer.concat([text, Buffer.from('The end record starts with PK\x05\x06, then sizes and offsets.\n', 'latin1')])],
    ['in a record pointing at bytes that are no central directory', Buffer.concat([text, endRecord(1, 46, 100)])],
    ['in a record claiming more bytes than lie before it', Buffer.concat([text, endRecord(1, 46, text.length)])],
    ['in the record of an empty zip', Buffer.concat([windowsStub(), endRecord(0, 0, 0)])],
  ])('still says the file is no comic archive when the signature is %s', async (_where, bytes) => {
    await expect(openArchive(write('stray.cbz', bytes))).rejects.toThrow('not a comic archive: unknown file signature');
  });
});
