import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveFile } from '../../src/archive/file';
import { fingerprintFile, fingerprintOf } from '../../src/read/fingerprint';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();

/** A file of `size` bytes that differ by position, so a wrong offset cannot go unseen. */
function fileOf(size: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  const path = join(dir, `file-${size}.bin`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('ArchiveFile', () => {
  it.each([0, 1, 100, 16 * 1024, 20_000, 100_000])('serves the ends and any range of a %i-byte file, in any order', (size) => {
    const { path, bytes } = fileOf(size);
    const file = ArchiveFile.open(path);
    try {
      expect(file.size).toBe(size);
      expect(file.tail(65_557)).toEqual(bytes.subarray(Math.max(0, size - 65_557)));
      expect(file.head(1024)).toEqual(bytes.subarray(0, 1024));
      expect(file.tail(10)).toEqual(bytes.subarray(Math.max(0, size - 10)));
      expect(file.head(16 * 1024)).toEqual(bytes.subarray(0, 16 * 1024));
      for (const [position, length] of [[0, 30], [size - 30, 30], [size >> 1, 50], [size - 5, 30], [17_000, 100]] as const) {
        const start = Math.max(0, position);
        expect(file.read(start, length)).toEqual(bytes.subarray(start, start + length));
      }
    } finally {
      file.close();
    }
  });

  it('says the file cannot be read, with the system code', () => {
    expect(() => ArchiveFile.open(join(dir, 'missing.cbz'))).toThrow('cannot read file: not found');
  });

  it('reads nothing more once closed', () => {
    const { path } = fileOf(50_000);
    const file = ArchiveFile.open(path);
    file.close();
    expect(() => file.read(30_000, 10)).toThrow('the archive is closed');
  });
});

describe('fingerprints', () => {
  it.each([0, 100, 20_000, 40_000])('hash the size and the first and last 16 KiB (%i bytes), from a path or an open file', (size) => {
    const { path, bytes } = fileOf(size);
    const hash = createHash('sha1').update(bytes.subarray(0, 16 * 1024));
    if (size > 16 * 1024) hash.update(bytes.subarray(size - Math.min(16 * 1024, size - 16 * 1024)));
    const expected = `${size}:${hash.digest('base64url')}`;
    expect(fingerprintFile(path, size)).toBe(expected);
    const file = ArchiveFile.open(path);
    file.tail(65_557);
    expect(fingerprintOf(file)).toBe(expected);
    file.close();
  });
});
