import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fingerprintFile } from '../../src/read/fingerprint';
import { diffLibrary, type StoredComic } from '../../src/importer/scan/diff';
import { pairByFingerprint } from '../../src/importer/scan/pair-by-fingerprint';
import type { FileStat } from '../../src/walk/file-list';
import { testLibrary, writeComic } from '../support/library';

/** A real file on disk as the walk reports it, and a stored comic that vanished, of the given size. */
function copiedComic() {
  const lib = testLibrary();
  writeComic(lib.root, 'copies/a.cbz', { Series: 'A', Number: '1' });
  const stat = statSync(join(lib.root, 'copies/a.cbz'));
  const file: FileStat = { path: 'copies/a.cbz', size: stat.size, mtime: Math.trunc(stat.mtimeMs), inode: stat.ino };
  const vanished = (id: number, size = stat.size): StoredComic => ({ id, path: `gone/${id}.cbz`, size, mtime: 1000, inode: 1 });
  return { root: lib.root, file, vanished, fingerprint: fingerprintFile(join(lib.root, 'copies/a.cbz'), stat.size) };
}

describe('pairByFingerprint', () => {
  it('pairs a vanished comic with a new file of the same size and fingerprint, asking only for the fingerprints of same-size vanished comics', () => {
    const { root, file, vanished, fingerprint } = copiedComic();
    const lookup = vi.fn((ids: readonly number[]) => new Map(ids.filter((id) => id === 1).map((id) => [id, fingerprint])));
    const diff = pairByFingerprint(diffLibrary([file], [vanished(1), vanished(2, file.size + 1)], []), root, lookup);
    expect(lookup.mock.calls).toEqual([[[1]]]);
    expect(diff.moved).toEqual([{ id: 1, from: 'gone/1.cbz', file }]);
    expect(diff.deleted.map((comic) => comic.id)).toEqual([2]);
    expect(diff.created.length).toBe(0);
  });

  it('asks for no fingerprint when nothing vanished, nothing is new, or no size matches', () => {
    const { root, file, vanished } = copiedComic();
    const lookup = vi.fn(() => new Map<number, string>());
    pairByFingerprint(diffLibrary([file], [], []), root, lookup);
    pairByFingerprint(diffLibrary([], [vanished(1)], []), root, lookup);
    pairByFingerprint(diffLibrary([file], [vanished(1, file.size + 1)], []), root, lookup);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('leaves a vanished comic without a stored fingerprint, or with another one, unpaired', () => {
    const { root, file, vanished } = copiedComic();
    for (const stored of [new Map<number, string>(), new Map([[1, 'another']])]) {
      const diff = pairByFingerprint(diffLibrary([file], [vanished(1)], []), root, () => stored);
      expect(diff.moved).toEqual([]);
      expect(diff.deleted.map((comic) => comic.id)).toEqual([1]);
      expect([...diff.created].map((created) => created.path)).toEqual(['copies/a.cbz']);
    }
  });
});
