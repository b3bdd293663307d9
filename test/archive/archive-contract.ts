import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openArchive, type Archive, type ArchiveFormat } from '../../src/archive';

/**
 * The contract every archive reader keeps, run against one real archive. Expected values come
 * from looking inside the archive with other tools (python zipfile/tarfile, unar, 7zz, xxd).
 */
export interface ArchiveExpectation {
  path: string;
  format: ArchiveFormat;
  /** Every non-directory entry with its uncompressed size, in archive order. */
  files: ReadonlyArray<readonly [name: string, size: number]>;
  directories?: readonly string[];
  /** One entry to read and the md5 of its bytes. */
  sample?: { name: string; md5: string };
  comment?: { length: number; md5: string };
}

export function archiveContract(expected: ArchiveExpectation): void {
  let archive: Archive;
  beforeAll(async () => {
    archive = await openArchive(expected.path);
  });
  afterAll(() => archive.close());

  it('detects the format from the bytes', () => {
    expect(archive.format).toBe(expected.format);
  });

  it('lists every file with its uncompressed size', () => {
    const files = archive.entries.filter((entry) => !entry.isDirectory).map((entry) => [entry.name, entry.size]);
    expect(files).toEqual(expected.files);
  });

  it('flags directories', () => {
    const directories = archive.entries.filter((entry) => entry.isDirectory).map((entry) => entry.name);
    expect(directories).toEqual(expected.directories ?? []);
  });

  // Archives with nothing worth reading (empty, pages-only PDFs) have no entry tests at all.
  const { sample } = expected;
  if (sample) {
    it('reads an entry byte for byte', async () => {
      expect(md5(await archive.read(sample.name))).toBe(sample.md5);
    });

    it('refuses an entry larger than the byte cap', async () => {
      const size = archive.entries.find((entry) => entry.name === sample.name)!.size;
      await expect(archive.read(sample.name, { maxBytes: size - 1 })).rejects.toThrow(/too large/);
    });
  }

  it('says which entry is missing', async () => {
    await expect(archive.read('no/such/entry.xml')).rejects.toThrow('entry not found: no/such/entry.xml');
  });

  it('returns the archive comment', () => {
    if (!expected.comment) return expect(archive.comment).toBeUndefined();
    const comment = Buffer.from(archive.comment ?? '', 'utf8');
    expect([comment.length, md5(comment)]).toEqual([expected.comment.length, expected.comment.md5]);
  });

  it('closes, and closing twice is harmless, leaving no file open', async () => {
    // Warm-up: a reader's first use may open files it keeps (its wasm, its library).
    await readAndClose(expected);
    const before = openFileCount();
    for (let i = 0; i < 5; i++) await readAndClose(expected);
    const again = await openArchive(expected.path);
    await again.close();
    await expect(again.close()).resolves.toBeUndefined();
    expect(openFileCount()).toBe(before);
  });
}

async function readAndClose(expected: ArchiveExpectation): Promise<void> {
  const archive = await openArchive(expected.path);
  if (expected.sample) await archive.read(expected.sample.name);
  await archive.close();
}

/** This process's open descriptors, as Linux lists them. */
function openFileCount(): number {
  return readdirSync('/proc/self/fd').length;
}

function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
