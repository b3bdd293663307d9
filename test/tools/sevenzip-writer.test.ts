import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SevenZip from '7z-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_PNG } from '../../tools/archive-writers/page-image';
import { buildSevenZip, writeCb7 } from '../../tools/archive-writers/sevenzip';

const dir = mkdtempSync(join(tmpdir(), 'longbox-7z-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lists and extracts with a separate 7z-wasm instance, as a reader would. */
async function readBack(archive: Buffer): Promise<Map<string, Buffer>> {
  const lines: string[] = [];
  const sz = await SevenZip({ print: (line: string) => lines.push(line), printErr: () => {} });
  sz.FS.writeFile('/in.7z', archive);
  sz.FS.mkdir('/out');
  sz.callMain(['x', '-bsp0', '-o/out', '/in.7z']);
  sz.callMain(['l', '-slt', '-bsp0', '/in.7z']);
  const names = lines.filter((l) => l.startsWith('Path = ') && !l.endsWith('.7z')).map((l) => l.slice(7));
  return new Map(names.map((name) => [name, Buffer.from(sz.FS.readFile(`/out/${name}`))]));
}

describe('writeCb7', () => {
  it('writes a 7z that 7-Zip lists and extracts with the same bytes', async () => {
    const xml = '<ComicInfo><Series>Phantom Lady</Series></ComicInfo>';
    const files = await readBack(await buildSevenZip([
      { name: '001.png', data: PAGE_PNG },
      { name: 'meta/ComicInfo.xml', data: xml },
    ]));
    expect([...files.keys()].sort()).toEqual(['001.png', 'meta/ComicInfo.xml']);
    expect(files.get('001.png')).toEqual(PAGE_PNG);
    expect(files.get('meta/ComicInfo.xml')!.toString()).toBe(xml);
  });

  it('gives the same bytes for the same entries, call after call', async () => {
    const entries = [{ name: 'ComicInfo.xml', data: '<ComicInfo/>' }, { name: '001.png', data: PAGE_PNG }];
    const first = await buildSevenZip(entries);
    await new Promise((r) => setTimeout(r, 1100)); // a wall-clock second must not leak in
    expect(await buildSevenZip(entries)).toEqual(first);
  });

  it('writes the archive to disk with a 7z signature', async () => {
    const path = join(dir, 'a.cb7');
    await writeCb7(path, [{ name: 'x.txt', data: 'x' }]);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 6)).toEqual(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]));
  });
});

describe('many archives in one process', () => {
  it('writes 300 CB7s in a row (one 7z-wasm instance dies after about 200 commands)', async () => {
    for (let index = 0; index < 300; index++) {
      const bytes = await buildSevenZip([{ name: `page-${index}.png`, data: PAGE_PNG }]);
      expect(bytes.subarray(0, 6)).toEqual(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]));
    }
  });
});
