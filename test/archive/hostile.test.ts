import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { python } from '../support/python';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';
import { expectEveryCutReadable } from './cut-copies';

const dir = useTempDir();
const write = (name: string, data: Buffer | string): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

describe('refusing what cannot be read', () => {
  it.each([
    ['zip', 'komga/zip-encrypted.zip', 'encrypted zip: password required'],
    ['RAR4 (file data)', 'komga/rar4-encrypted.rar', 'encrypted RAR: password required'],
    ['RAR5 (headers too)', 'komga/rar5-encrypted.rar', 'encrypted RAR: password required'],
    ['7z', 'komga/7zip-encrypted.7z', 'encrypted 7z: password required'],
  ])('says an encrypted %s needs a password', { tags: CORPUS_TAG }, async (_format, file, reason) => {
    await expect(openArchive(corpusPath(file))).rejects.toThrow(reason);
  });

  it('says a zero-byte file is empty', async () => {
    await expect(openArchive(write('zero.cbz', ''))).rejects.toThrow('not a comic archive: the file is empty');
  });

  it('says a file with an unknown signature is not a comic archive', async () => {
    await expect(openArchive(write('notes.cbz', 'just some text\n'))).rejects.toThrow('not a comic archive: unknown file signature');
  });

  it('says a missing file cannot be read', async () => {
    await expect(openArchive(join(dir, 'missing.cbz'))).rejects.toThrow('cannot read file: the file is gone (moved or deleted while longbox was reading)');
  });

  it.each([
    ['bzip2', Buffer.from('BZh91AY&SY'), 'unsupported tar compression: bzip2'],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0]), 'unsupported tar compression: zstd'],
  ])('names an unsupported %s compression', async (name, bytes, reason) => {
    await expect(openArchive(write(`comic.${name}.cbt`, bytes))).rejects.toThrow(reason);
  });

  it('says a tar whose header checksum is wrong is damaged', async () => {
    python(TAR_OF_ONE_FILE, join(dir, 'ok.tar'));
    const tar = readFileSync(join(dir, 'ok.tar'));
    tar[0] = tar[0]! ^ 0x20; // a flipped bit in the name: still ustar by its magic, no longer by its checksum
    const path = write('damaged.cbt', tar);
    await expect(openArchive(path)).rejects.toThrow('damaged tar: header checksum mismatch');
  });

  it('says an entry whose stored checksum does not match is damaged', async () => {
    const zip = buildZip([{ name: 'ComicInfo.xml', data: Buffer.from('<ComicInfo/>') }]);
    const firstDataByte = 30 + 'ComicInfo.xml'.length;
    zip[firstDataByte] = zip[firstDataByte]! ^ 0xff;
    const archive = await openArchive(write('crc.cbz', zip));
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('damaged zip: ComicInfo.xml does not match its recorded size and checksum');
  });

  it('names an unsupported zip compression method', async () => {
    const zip = buildZip([{ name: 'ComicInfo.xml', data: Buffer.from('<ComicInfo/>') }]);
    for (const at of [8, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10]) zip.writeUInt16LE(12, at);
    const archive = await openArchive(write('bzip2-entry.cbz', zip));
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('unsupported zip compression: ComicInfo.xml uses bzip2');
  });
});

describe('a metadata entry over the byte cap (zip bombs)', () => {
  const HUNDRED_MB = 100 * 1024 * 1024;
  let bomb: { bytes: Buffer; crc: number };
  beforeAll(async () => {
    bomb = await deflateZeros(HUNDRED_MB);
  });

  it('refuses an entry that declares 100 MB before inflating anything', async () => {
    const archive = await openArchive(write('honest-bomb.cbz', buildZip([{ name: 'ComicInfo.xml', deflated: { ...bomb, size: HUNDRED_MB } }])));
    const before = process.memoryUsage().arrayBuffers;
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('entry too large: ComicInfo.xml is 104857600 bytes, the limit is 4194304');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024);
  });

  it('stops inflating at the cap when the entry lies about its size', async () => {
    const lying = buildZip([{ name: 'ComicInfo.xml', deflated: { ...bomb, size: 1000 } }]);
    const archive = await openArchive(write('lying-bomb.cbz', lying));
    const before = process.memoryUsage().arrayBuffers;
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('entry too large: ComicInfo.xml inflates past the limit of 4194304 bytes');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(HUNDRED_MB / 4);
  });

  it.each([0, 1, 64, 65535])('says an entry declaring %i bytes that inflates past the cap is too large', async (declared) => {
    const archive = await openArchive(write(`lying-${declared}.cbz`, buildZip([{ name: 'ComicInfo.xml', deflated: { ...bomb, size: declared } }])));
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('entry too large: ComicInfo.xml inflates past the limit of 4194304 bytes');
  });

  it.each([1, 2, 70_000])('says a small deflated entry holding %i bytes more than it declares is damaged', async (more) => {
    const data = Buffer.alloc(1000 + more, 'a');
    const archive = await openArchive(write(`longer-${more}.cbz`, buildZip([{ name: 'ComicInfo.xml', data, method: 'deflate', declaredSize: 1000 }])));
    await expect(archive.read('ComicInfo.xml')).rejects.toThrow('damaged zip: ComicInfo.xml does not match its recorded size and checksum');
  });

  it('honours a smaller cap given by the caller', async () => {
    const archive = await openArchive(write('small.cbz', buildZip([{ name: 'ComicInfo.xml', data: Buffer.alloc(2048, 'a'), method: 'deflate' }])));
    await expect(archive.read('ComicInfo.xml', { maxBytes: 1024 })).rejects.toThrow('entry too large');
    await expect(archive.read('ComicInfo.xml', { maxBytes: 2048 })).resolves.toHaveLength(2048);
  });
});

describe('zip variants', () => {
  it('detects a .cbr that is really a zip by its bytes', { tags: CORPUS_TAG }, async () => {
    const path = write('really-a-zip.cbr', readFileSync(corpusPath('komga/zip.zip')));
    const archive = await openArchive(path);
    expect(archive.format).toBe('zip');
    expect(archive.entries.map((entry) => entry.name)).toEqual(['komga.png']);
  });

  it('reads a zip whose entry names are UTF-8 (flag bit 11)', async () => {
    const path = join(dir, 'utf8.cbz');
    python(`import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z: z.writestr('日本語/ページ01.jpg', b'x')`, path);
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual(['日本語/ページ01.jpg']);
  });

  it('reads a zip whose entry names are CP437 (legacy, flag off)', async () => {
    // The name bytes come from python's cp437 codec, independent of our decode table.
    const name = 'Café Ñoño ½/página ÿ£ƒ.jpg';
    const raw = Buffer.from(python(`import sys; sys.stdout.write(sys.argv[1].encode('cp437').hex())`, name), 'hex');
    const path = write('cp437.cbz', buildZip([{ name: raw, utf8: false, data: Buffer.from('x') }]));
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual([name]);
    await expect(archive.read(name)).resolves.toEqual(Buffer.from('x'));
  });

  it('reads UTF-8 names a Unix zipper wrote without the flag (Info-ZIP on Linux), and CP437 from DOS tools', async () => {
    const name = 'Ünïcode 01.jpg';
    const path = write('unix-utf8.cbz', buildZip([
      { name: Buffer.from(name, 'utf8'), utf8: false, data: Buffer.from('x') },
      // The same bytes from a DOS tool are CP437 (0xC3 is ├ there).
      { name: Buffer.from(name, 'utf8'), utf8: false, host: 0, data: Buffer.from('y') },
    ]));
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual([name, '├£n├»code 01.jpg']);
    await expect(archive.read(name)).resolves.toEqual(Buffer.from('x'));
  });

  it('prefers the Info-ZIP unicode path field over a legacy name it matches', async () => {
    const path = write('unicode-path.cbz', buildZip([{ name: Buffer.from('caf?.jpg'), unicodePath: 'café.jpg', data: Buffer.from('x') }]));
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual(['café.jpg']);
  });

  it('reads a zip64 archive through its zip64 end records and extra fields', async () => {
    const comicInfo = Buffer.from('<ComicInfo><Series>Zip64</Series></ComicInfo>');
    const path = write('zip64.cbz', buildZip([{ name: 'p/01.jpg', data: Buffer.alloc(100, 1) }, { name: 'ComicInfo.xml', data: comicInfo, method: 'deflate' }], { zip64: true, comment: 'c' }));
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['p/01.jpg', 100], ['ComicInfo.xml', comicInfo.length]]);
    await expect(archive.read('ComicInfo.xml')).resolves.toEqual(comicInfo);
    expect(archive.comment).toBe('c');
  });

  it('reads a zip with more than 65535 entries (python writes the zip64 end record)', async () => {
    const path = join(dir, 'many.cbz');
    python(`import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n  for i in range(65540): z.writestr(f'{i:05}.jpg', b'')\n  z.writestr('ComicInfo.xml', b'<ComicInfo/>')`, path);
    const archive = await openArchive(path);
    expect(archive.entries).toHaveLength(65541);
    await expect(archive.read('ComicInfo.xml')).resolves.toEqual(Buffer.from('<ComicInfo/>'));
  });
});

describe('tar variants', () => {
  it('reads a gzip-compressed tar', async () => {
    const path = join(dir, 'comic.tar.gz');
    python(`import io, sys, tarfile\nwith tarfile.open(sys.argv[1], 'w:gz') as t:\n  for name, data in [('p/01.jpg', b'j' * 700), ('ComicInfo.xml', b'<ComicInfo/>')]:\n    info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))`, path);
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => [entry.name, entry.size])).toEqual([['p/01.jpg', 700], ['ComicInfo.xml', 12]]);
    await expect(archive.read('ComicInfo.xml')).resolves.toEqual(Buffer.from('<ComicInfo/>'));
  });

  it.each([
    ['GNU long names', 'tarfile.GNU_FORMAT'],
    ['pax headers', 'tarfile.PAX_FORMAT'],
  ])('reads names past 100 bytes written with %s', async (_label, format) => {
    const longName = `${'long folder name '.repeat(8)}/ComicInfo.xml`;
    const path = join(dir, `long-${format}.cbt`);
    python(`import io, sys, tarfile\nwith tarfile.open(sys.argv[1], 'w', format=${format}) as t:\n  info = tarfile.TarInfo(sys.argv[2]); info.size = 4; t.addfile(info, io.BytesIO(b'abcd'))`, path, longName);
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual([longName]);
    await expect(archive.read(longName)).resolves.toEqual(Buffer.from('abcd'));
  });
});

describe('damaged copies of every corpus archive', { tags: CORPUS_TAG }, () => {
  const corpus = [
    'komga/zip.zip', 'komga/rar4.rar', 'komga/rar5-solid.rar', 'komga/7zip.7z', 'komga/komga.pdf',
    'comicbox/Captain Science #001.cbz', 'comicbox/Captain Science #001-cix-cbi.cbr',
    'comicbox/Captain Science #001.cb7', 'comicbox/Captain Science #001-cix.cbt', 'comicbox/test_cix.pdf',
  ];
  it.each(corpus)('never fails %s with anything but a readable LongboxError', async (file) => {
    await expectEveryCutReadable(dir, corpusPath(file));
  });
});

const TAR_OF_ONE_FILE = `import io, sys, tarfile
with tarfile.open(sys.argv[1], 'w', format=tarfile.USTAR_FORMAT) as t:
  info = tarfile.TarInfo('ComicInfo.xml'); info.size = 4; t.addfile(info, io.BytesIO(b'abcd'))`;

/** Deflates `size` zero bytes a megabyte at a time, so the test never holds the bomb inflated. */
async function deflateZeros(size: number): Promise<{ bytes: Buffer; crc: number }> {
  const { crc32 } = await import('node:zlib');
  const chunk = Buffer.alloc(1024 * 1024);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { bytes: Buffer.concat(parts), crc };
}
