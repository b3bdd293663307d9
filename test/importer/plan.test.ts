import { describe, expect, it } from 'vitest';
import { INCOMPLETE_MTIME } from '../../src/importer/marks';
import { diffLibrary, type StoredComic } from '../../src/importer/scan/diff';
import { planImport } from '../../src/importer/scan/plan';
import { FileList, type FileStat } from '../../src/walk/file-list';

const file = (path: string, inode: number, size = 100, mtime = 1000): FileStat => ({ path, inode, size, mtime });
const comic = (id: number, path: string, inode: number, size = 100, mtime = 1000): StoredComic => ({ id, path, inode, size, mtime });

const planOf = (disk: FileStat[], stored: StoredComic[]) => planImport(diffLibrary(disk, stored, []));

describe('planImport', () => {
  it('reads modified and created files, each with the comic it belongs to', () => {
    const plan = planOf([file('a.cbz', 1, 100, 2000), file('new.cbz', 9)], [comic(7, 'a.cbz', 1)]);
    expect(plan.toRead.length).toBe(2);
    expect([...plan.toRead.items()]).toEqual([
      { file: file('a.cbz', 1, 100, 2000), comicId: 7 },
      { file: file('new.cbz', 9), comicId: undefined },
    ]);
    expect(plan.stale.size).toBe(0);
  });

  it("reads a fresh import's files in the walk's order, every one as a new comic", () => {
    const walked = FileList.of([file('a.cbz', 1), file('b.cbz', 2), file('c.cbz', 3)]);
    const plan = planImport(diffLibrary(walked, [], []));
    expect(plan.toRead.length).toBe(3);
    expect([...plan.toRead.items()]).toEqual([...walked].map((f) => ({ file: f, comicId: undefined })));
  });

  it('re-reads a rename that changes what the file name says, and marks it stale until then', () => {
    const plan = planOf([file('Batman 002.cbz', 1)], [comic(7, 'Batman 001.cbz', 1)]);
    expect([...plan.toRead.items()]).toEqual([{ file: file('Batman 002.cbz', 1), comicId: 7 }]);
    expect([...plan.stale]).toEqual([7]);
  });

  it('does not re-read a move into another folder under the same name', () => {
    const plan = planOf([file('b/Batman 001.cbz', 1)], [comic(7, 'a/Batman 001.cbz', 1)]);
    expect([...plan.toRead.items()]).toEqual([]);
    expect(plan.stale.size).toBe(0);
  });

  it('displaces the comic at a path a moved file takes, and lets a vanished comic go', () => {
    const plan = planOf([file('b.cbz', 1)], [comic(7, 'a.cbz', 1), comic(8, 'b.cbz', 2, 50), comic(9, 'gone.cbz', 3)]);
    expect(plan.displaced).toEqual([8]);
    expect(plan.vanished.map((c) => c.id)).toEqual([9]);
  });

  it('knows the comics that never completed', () => {
    const plan = planOf([file('a.cbz', 1, 100, 1000)], [comic(7, 'a.cbz', 1, 100, INCOMPLETE_MTIME)]);
    expect([...plan.incomplete]).toEqual([7]);
    expect([...plan.toRead.items()].map((item) => item.comicId)).toEqual([7]);
  });
});
