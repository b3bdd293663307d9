import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildZip, writeCbz } from '../../tools/archive-writers/zip';
import { PAGE_PNG } from '../../tools/archive-writers/page-image';
import { crc32, tableCrc32 } from '../../tools/archive-writers/crc32';
import { pythonJson } from '../support/python';

const dir = mkdtempSync(join(tmpdir(), 'longbox-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PyZip {
  comment: string;
  entries: { name: string; flag: number; method: number; date: number[]; data: string }[];
  test: string | null;
}

const READ_ZIP = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({
        "comment": z.comment.decode("utf-8"),
        "test": z.testzip(),
        "entries": [{"name": i.filename, "flag": i.flag_bits, "method": i.compress_type,
                     "date": list(i.date_time), "data": z.read(i).hex()} for i in z.infolist()],
    }))
`;

describe('writeCbz', () => {
  it('writes a zip that python zipfile lists and reads back byte for byte', () => {
    const path = join(dir, 'basic.cbz');
    const xml = '<ComicInfo><Series>Captain Science</Series></ComicInfo>'.repeat(20);
    writeCbz(path, [
      { name: '001.png', data: PAGE_PNG },
      { name: 'ComicInfo.xml', data: xml, mtime: new Date(Date.UTC(2021, 4, 6, 7, 8, 10)) },
    ]);
    const zip = pythonJson<PyZip>(READ_ZIP, path);
    expect(zip.test).toBeNull(); // every CRC checks out
    expect(zip.entries.map((e) => e.name)).toEqual(['001.png', 'ComicInfo.xml']);
    expect(Buffer.from(zip.entries[0]!.data, 'hex')).toEqual(PAGE_PNG);
    expect(Buffer.from(zip.entries[1]!.data, 'hex').toString('utf8')).toBe(xml);
    expect(zip.entries[1]!.method).toBe(8); // text deflates
    expect(zip.entries[0]!.method).toBe(0); // a PNG does not, so it is stored
    expect(zip.entries[1]!.date).toEqual([2021, 5, 6, 7, 8, 10]);
  });

  it('flags non-ASCII names as UTF-8 so readers do not decode them as CP437', () => {
    const path = join(dir, 'utf8.cbz');
    writeCbz(path, [{ name: 'Fantastic Comics – Été/ComicInfo.xml', data: 'x' }, { name: 'plain.txt', data: 'y' }]);
    const zip = pythonJson<PyZip>(READ_ZIP, path);
    expect(zip.entries.map((e) => e.name)).toEqual(['Fantastic Comics – Été/ComicInfo.xml', 'plain.txt']);
    expect(zip.entries[0]!.flag & 0x800).toBe(0x800);
    expect(zip.entries[1]!.flag & 0x800).toBe(0);
  });

  it('stores the archive comment (where ComicBookInfo lives) as UTF-8', () => {
    const path = join(dir, 'comment.cbz');
    const comment = JSON.stringify({ 'ComicBookInfo/1.0': { series: 'Mystery Men Comics', comments: 'déjà vu' } });
    writeCbz(path, [{ name: '001.png', data: PAGE_PNG }], { comment });
    expect(pythonJson<PyZip>(READ_ZIP, path).comment).toBe(comment);
  });

  it('stores every entry uncompressed when asked', () => {
    const path = join(dir, 'stored.cbz');
    writeCbz(path, [{ name: 'a.xml', data: 'a'.repeat(1000) }], { store: true });
    expect(pythonJson<PyZip>(READ_ZIP, path).entries[0]!.method).toBe(0);
  });

  it('writes an empty zip that python accepts', () => {
    const path = join(dir, 'empty.cbz');
    writeCbz(path, []);
    expect(pythonJson<PyZip>(READ_ZIP, path).entries).toEqual([]);
  });

  it('gives the same bytes for the same entries', () => {
    const entries = [{ name: 'ComicInfo.xml', data: '<ComicInfo/>' }];
    expect(buildZip(entries)).toEqual(buildZip(entries));
    writeCbz(join(dir, 'same.cbz'), entries);
    expect(readFileSync(join(dir, 'same.cbz'))).toEqual(buildZip(entries));
  });
});

describe('crc32', () => {
  it('the table fallback agrees with the CRC in use', () => {
    for (const text of ['', 'a', 'The quick brown fox jumps over the lazy dog', 'é'.repeat(999)]) {
      const data = Buffer.from(text);
      expect(tableCrc32(data)).toBe(crc32(data));
    }
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});
