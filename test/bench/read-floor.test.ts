import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFloorFiles } from '../../bench/lib/read-floor.mjs';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';

describe('the read floor', () => {
  const dir = useTempDir();
  const comicInfo = Buffer.from('<ComicInfo><Series>Floor</Series></ComicInfo>');

  it('reads every file of a library that holds broken zips, counting what it could read', () => {
    const good = buildZip([{ name: '01.jpg', data: Buffer.from('x') }, { name: 'ComicInfo.xml', data: comicInfo, method: 'deflate' }]);
    const end = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const forgedOffset = Buffer.from(good);
    forgedOffset.writeUInt32LE(0xfffffff0, end + 16); // the central directory "starts" past the end
    const forgedSize = Buffer.from(good);
    forgedSize.writeUInt32LE(0x7ffffff0, end + 12); // a 2 GiB directory in a tiny file
    const directory = good.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), good.indexOf('ComicInfo.xml') - 60);
    const forgedEntry = Buffer.from(good);
    forgedEntry.writeUInt32LE(0xfffffff0, directory + 42); // ComicInfo.xml's local header past the end
    const broken = { 'offset.cbz': forgedOffset, 'size.cbz': forgedSize, 'entry.cbz': forgedEntry, 'cut.cbz': good.subarray(0, 3), 'empty.cbz': Buffer.alloc(0) };
    const paths = [join(dir, 'good.cbz'), ...Object.keys(broken).map((name) => join(dir, name))];
    writeFileSync(paths[0]!, good);
    for (const [name, bytes] of Object.entries(broken)) writeFileSync(join(dir, name), bytes);

    const all = readFloorFiles(paths);
    expect(all.files).toBe(paths.length);
    // The good file's metadata is read and inflated: more bytes than the file holds.
    expect(readFloorFiles([paths[0]!]).bytes).toBe(good.length + 30 + comicInfo.length);
  });
});
