import { describe, expect, it } from 'vitest';
import { diffLibrary, type StoredComic } from '../../src/importer/scan/diff';
import { detectFolderMoves, translatePath } from '../../src/importer/scan/folder-moves';
import { isIgnoredPath } from '../../src/walk/ignore';
import { FileList, type FileStat } from '../../src/walk/file-list';

const file = (path: string, inode: number, size = 100, mtime = 1000): FileStat => ({ path, inode, size, mtime });
const comic = (id: number, path: string, inode: number | null, size = 100, mtime = 1000): StoredComic => ({
  id, path, inode, size, mtime,
});

describe('diffLibrary', () => {
  it('leaves a file with the stored size and mtime alone', () => {
    const diff = diffLibrary([file('a.cbz', 1)], [comic(7, 'a.cbz', 1)], []);
    expect(diff).toMatchObject({ created: { length: 0 }, modified: [], moved: [], deleted: [], unchanged: 1 });
  });

  it('re-reads a file whose mtime or size changed, keeping its id', () => {
    const diff = diffLibrary([file('a.cbz', 1, 100, 2000), file('b.cbz', 2, 999)], [comic(7, 'a.cbz', 1), comic(8, 'b.cbz', 2)], []);
    expect(diff.modified.map((change) => change.id).sort()).toEqual([7, 8]);
  });

  it('re-reads everything when forced', () => {
    const diff = diffLibrary([file('a.cbz', 1)], [comic(7, 'a.cbz', 1)], [], { force: true });
    expect(diff.modified).toHaveLength(1);
    expect(diff.unchanged).toBe(0);
  });

  it('pairs a vanished comic with a new path of the same inode and size as a move', () => {
    const diff = diffLibrary([file('new/a.cbz', 1)], [comic(7, 'old/a.cbz', 1)], []);
    expect(diff.moved).toEqual([{ id: 7, from: 'old/a.cbz', file: file('new/a.cbz', 1) }]);
    expect([...diff.created]).toEqual([]);
    expect(diff.deleted).toEqual([]);
    expect(diff.modified).toEqual([]);
  });

  it('re-reads a moved file whose mtime changed', () => {
    const diff = diffLibrary([file('b.cbz', 1, 100, 5000)], [comic(7, 'a.cbz', 1)], []);
    expect(diff.moved.map((move) => move.id)).toEqual([7]);
    expect(diff.modified.map((change) => change.id)).toEqual([7]);
  });

  it('does not pair a move when the size differs', () => {
    const diff = diffLibrary([file('b.cbz', 1, 200)], [comic(7, 'a.cbz', 1)], []);
    expect(diff.moved).toEqual([]);
    expect([...diff.created].map((f) => f.path)).toEqual(['b.cbz']);
    expect(diff.deleted.map((c) => c.id)).toEqual([7]);
  });

  it('never guesses between two candidates with the same inode', () => {
    const diff = diffLibrary([file('b.cbz', 1), file('c.cbz', 1)], [comic(7, 'a.cbz', 1)], []);
    expect(diff.moved).toEqual([]);
    expect(diff.created).toHaveLength(2);
  });

  it('skips a file that failed before and has not changed, and retries it once it changes', () => {
    const failure = { path: 'bad.cbz', size: 100, mtime: 1000 };
    expect(diffLibrary([file('bad.cbz', 3)], [], [failure])).toMatchObject({ created: { length: 0 }, stillFailed: 1 });
    expect(diffLibrary([file('bad.cbz', 3, 100, 9000)], [], [failure]).created).toHaveLength(1);
  });

  it("hands a fresh import the walk's own list of files, not a copy of it", () => {
    const walked = FileList.of([file('a.cbz', 1), file('b.cbz', 2)]);
    // Not toBe: a failure would print the list's buffers.
    expect(diffLibrary(walked, [], []).created === walked).toBe(true);
  });

  it('lists as new only the files no stored comic or failure claims when nothing vanished', () => {
    const walked = FileList.of([file('a.cbz', 1), file('b.cbz', 2), file('bad.cbz', 3), file('c.cbz', 4)]);
    const diff = diffLibrary(walked, [comic(7, 'b.cbz', 2)], [{ path: 'bad.cbz', size: 100, mtime: 1000 }]);
    expect([...diff.created].map((f) => f.path)).toEqual(['a.cbz', 'c.cbz']);
    expect(diff).toMatchObject({ unchanged: 1, stillFailed: 1 });
  });

  it('deletes a comic whose file is gone', () => {
    expect(diffLibrary([], [comic(7, 'a.cbz', 1)], []).deleted.map((c) => c.id)).toEqual([7]);
  });
});

describe('isIgnoredPath', () => {
  it.each([
    ['.hidden/a.cbz', true],
    ['a/.b.cbz', true],
    ['__MACOSX/a.cbz', true],
    ['x/@eaDir/a.cbz', true],
    ['#recycle/a.cbz', true],
    ['Marvel/X-Men/a.cbz', false],
    ['a.b/c.cbz', false],
  ])('%s ignored: %s', (path, ignored) => {
    expect(isIgnoredPath(path)).toBe(ignored);
  });
});

describe('diffLibrary with replaced paths', () => {
  it('keeps the comic of a path whose file was rewritten in place with a new inode', () => {
    const diff = diffLibrary([file('a.cbz', 9, 120, 2000)], [comic(7, 'a.cbz', 1)], []);
    expect(diff.modified).toEqual([{ id: 7, file: file('a.cbz', 9, 120, 2000) }]);
    expect(diff).toMatchObject({ created: { length: 0 }, deleted: [], moved: [] });
  });

  it('lets a file moved onto an occupied path take it, deleting the displaced comic', () => {
    const diff = diffLibrary([file('b.cbz', 1, 100)], [comic(7, 'a.cbz', 1, 100), comic(8, 'b.cbz', 2, 300)], []);
    expect(diff.moved).toEqual([{ id: 7, from: 'a.cbz', file: file('b.cbz', 1, 100) }]);
    expect(diff.deleted.map((c) => c.id)).toEqual([8]);
    expect([...diff.created]).toEqual([]);
  });

  it('swaps the paths of two files swapped by name, keeping both ids', () => {
    const diff = diffLibrary(
      [file('a.cbz', 2, 300), file('b.cbz', 1, 100)],
      [comic(7, 'a.cbz', 1, 100), comic(8, 'b.cbz', 2, 300)],
      [],
    );
    expect(diff.moved.map((move) => [move.id, move.file.path]).sort()).toEqual([[7, 'b.cbz'], [8, 'a.cbz']]);
    expect(diff).toMatchObject({ created: { length: 0 }, deleted: [], modified: [] });
  });

  it('only refreshes the inode when size and mtime are unchanged (a remounted share)', () => {
    const diff = diffLibrary([file('a.cbz', 9)], [comic(7, 'a.cbz', 1)], []);
    expect(diff.restat).toEqual([{ id: 7, file: file('a.cbz', 9) }]);
    expect(diff).toMatchObject({ modified: [], unchanged: 1 });
  });

  it.each([null, 0])('records the inode of a comic stored without one (%s) once the file system gives one', (stored) => {
    const diff = diffLibrary([file('a.cbz', 9)], [comic(7, 'a.cbz', stored)], []);
    expect(diff.restat).toEqual([{ id: 7, file: file('a.cbz', 9) }]);
    expect(diff).toMatchObject({ modified: [], unchanged: 1 });
  });
});

describe('folder moves', () => {
  const folder = (path: string, inode: number) => ({ path, inode, size: 0, mtime: 0 });

  it('finds a renamed folder by its inode and lists only the top of a moved tree', () => {
    const stored = [folder('', 1), folder('A', 2), folder('A/B', 3)];
    const scanned = [folder('', 1), folder('X/A2', 2), folder('X/A2/B', 3), folder('X', 4)];
    expect(detectFolderMoves(stored, scanned)).toEqual([{ from: 'A', to: 'X/A2' }]);
  });

  it('translates paths under a moved folder, the deepest move first', () => {
    const moves = [{ from: 'A', to: 'Z' }, { from: 'A/B', to: 'Q' }];
    expect(translatePath('A/B/c.cbz', moves)).toBe('Q/c.cbz');
    expect(translatePath('A/c.cbz', moves)).toBe('Z/c.cbz');
    expect(translatePath('AB/c.cbz', moves)).toBe('AB/c.cbz');
  });

  it('keeps the id of a comic rewritten inside a folder that was moved meanwhile', () => {
    const diff = diffLibrary([file('New/a.cbz', 9, 555, 5000)], [comic(7, 'Old/a.cbz', 1)], [], {
      folders: { stored: [folder('', 1), folder('Old', 20)], scanned: [folder('', 1), folder('New', 20)] },
    });
    expect(diff.folderMoves).toEqual([{ from: 'Old', to: 'New' }]);
    expect(diff.moved).toEqual([{ id: 7, from: 'Old/a.cbz', file: file('New/a.cbz', 9, 555, 5000) }]);
    expect(diff.modified.map((change) => change.id)).toEqual([7]);
    expect(diff).toMatchObject({ created: { length: 0 }, deleted: [] });
  });
});
