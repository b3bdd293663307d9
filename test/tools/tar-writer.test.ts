import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_PNG } from '../../tools/archive-writers/page-image';
import { buildTar, writeCbt } from '../../tools/archive-writers/tar';
import { pythonJson } from '../support/python';

const dir = mkdtempSync(join(tmpdir(), 'longbox-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READ_TAR = `
import json, sys, tarfile
with tarfile.open(sys.argv[1], encoding="utf-8", errors="strict") as t:
    print(json.dumps([{"name": m.name, "size": m.size, "mtime": m.mtime, "format": t.format,
                       "data": t.extractfile(m).read().hex()} for m in t.getmembers()]))
`;

interface PyMember {
  name: string;
  size: number;
  mtime: number;
  data: string;
}

describe('writeCbt', () => {
  it('writes a ustar archive that python tarfile lists and reads back byte for byte', () => {
    const path = join(dir, 'basic.cbt');
    const xml = '<ComicInfo><Series>Police Comics</Series></ComicInfo>';
    writeCbt(path, [
      { name: '001.png', data: PAGE_PNG, mtime: new Date(Date.UTC(2020, 1, 2)) },
      { name: 'ComicInfo.xml', data: xml },
    ]);
    const members = pythonJson<PyMember[]>(READ_TAR, path);
    expect(members.map((m) => [m.name, m.size])).toEqual([['001.png', PAGE_PNG.length], ['ComicInfo.xml', xml.length]]);
    expect(Buffer.from(members[0]!.data, 'hex')).toEqual(PAGE_PNG);
    expect(Buffer.from(members[1]!.data, 'hex').toString()).toBe(xml);
    expect(members[0]!.mtime).toBe(Date.UTC(2020, 1, 2) / 1000);
  });

  it('keeps names over 100 bytes through the ustar prefix field', () => {
    const long = `${'Very Long Publisher Name/'.repeat(5)}Series (1940)/ComicInfo.xml`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(100);
    const path = join(dir, 'long.cbt');
    writeCbt(path, [{ name: long, data: 'x' }]);
    expect(pythonJson<PyMember[]>(READ_TAR, path).map((m) => m.name)).toEqual([long]);
  });

  it('writes non-ASCII names as UTF-8', () => {
    const path = join(dir, 'utf8.cbt');
    writeCbt(path, [{ name: 'Été – 001.png', data: PAGE_PNG }]);
    expect(pythonJson<PyMember[]>(READ_TAR, path).map((m) => m.name)).toEqual(['Été – 001.png']);
  });

  it('pads every entry to 512 bytes and ends with two zero blocks', () => {
    const tar = buildTar([{ name: 'a', data: 'abc' }]);
    expect(tar.length).toBe(512 + 512 + 1024);
    expect(tar.subarray(1024).every((b) => b === 0)).toBe(true);
  });

  it.each(['old-gnu', 'pax-0.0', 'pax-0.1', 'pax-1.0'] as const)('writes a sparse member (%s) that python tarfile reads back as the real file, holes as zeros', (format) => {
    // 30 block-aligned segments, as GNU tar stores them: old GNU extension blocks, a two-block PAX 1.0 map.
    const real = Buffer.alloc(100_000);
    const segments: Array<[number, number]> = [];
    for (let i = 0; i < 30; i++) {
      const at = (i * 6 + 1) * 512;
      real.fill(i + 1, at, at + 512 * (1 + (i % 3)));
      segments.push([at, 512 * (1 + (i % 3))]);
    }
    segments.push([real.length, 0]);
    const path = join(dir, `sparse-${format}.cbt`);
    writeCbt(path, [{ name: 'Series/001.png', data: real, sparse: { format, segments } }, { name: 'ComicInfo.xml', data: '<ComicInfo/>' }]);
    const members = pythonJson<PyMember[]>(READ_TAR, path);
    expect(members.map((m) => [m.name, m.size])).toEqual([['Series/001.png', real.length], ['ComicInfo.xml', 12]]);
    expect(Buffer.from(members[0]!.data, 'hex')).toEqual(real);
  });

  it('refuses a name ustar cannot hold rather than truncating it', () => {
    expect(() => buildTar([{ name: 'x'.repeat(300), data: '' }])).toThrow(/too long/);
  });
});
