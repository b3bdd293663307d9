import fc from 'fast-check';
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLibrary, type StoredComic } from '../../src/importer/scan/diff';
import { compareUtf8 } from '../../src/walk/path-order';
import type { FileStat } from '../../src/walk/file-list';
import { walkLibrary } from '../../src/walk/walk';
import { tempDir } from '../support/library';

/** How SQLite's BINARY collation orders the paths: the order `ORDER BY path` returns. */
function sqliteOrder(paths: readonly string[]): string[] {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (path TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (const path of paths) insert.run(path);
    return db.prepare('SELECT path FROM t ORDER BY path').pluck().all() as string[];
  } finally {
    db.close();
  }
}

const file = (path: string, inode: number, size = 100, mtime = 1000): FileStat => ({ path, inode, size, mtime });
const comic = (id: number, path: string, inode: number, size = 100, mtime = 1000): StoredComic => ({ id, path, inode, size, mtime });

describe('compareUtf8', () => {
  it('orders strings as SQLite orders their UTF-8 bytes, characters above U+FFFF included', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', ' ', 'é', '\uE000', '\uFFFD', '😀', '𝄞', '-'), maxLength: 6 });
    fc.assert(
      fc.property(fc.uniqueArray(text, { maxLength: 12 }), (paths) => {
        expect([...paths].sort(compareUtf8)).toEqual(sqliteOrder(paths));
      }),
    );
  });
});

describe('walkLibrary order', () => {
  it('lists the files in the order ORDER BY path returns them, folders and files interleaved', async () => {
    const root = tempDir();
    const paths = ['a.cbz', 'a b/x.cbz', 'a/x.cbz', 'a/b/y.cbz', 'a-b.cbz', 'é/z.cbz', '😀 1.cbz', '\uE000.cbz', 'Z.cbz', 'a/b.cbz'];
    for (const path of paths) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'x');
    }
    const scan = await walkLibrary(root);
    expect([...scan.files].map((f) => f.path)).toEqual(sqliteOrder(paths));
  });

  it('keeps the order for several scoped paths (a watch batch)', async () => {
    const root = tempDir();
    for (const path of ['b/1.cbz', 'a/2.cbz', 'a b/3.cbz']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'x');
    }
    const scan = await walkLibrary(root, { subPaths: ['b', 'a', 'a b'] });
    expect([...scan.files].map((f) => f.path)).toEqual(['a b/3.cbz', 'a/2.cbz', 'b/1.cbz']);
  });
});

describe('diffLibrary merge', () => {
  it('finds the same changes when the stored rows or the files come out of path order', () => {
    const disk = [file('a.cbz', 1), file('b.cbz', 2, 100, 2000), file('c/new.cbz', 9), file('d.cbz', 4)];
    const stored = [comic(1, 'a.cbz', 1), comic(2, 'b.cbz', 2), comic(3, 'gone.cbz', 3), comic(4, 'd.cbz', 4)];
    const summary = (d: ReturnType<typeof diffLibrary>) => ({
      unchanged: d.unchanged,
      modified: d.modified.map((m) => m.id).sort(),
      created: [...d.created].map((f) => f.path).sort(),
      deleted: d.deleted.map((c) => c.id).sort(),
    });
    const sorted = summary(diffLibrary(disk, stored, []));
    expect(sorted).toEqual({ unchanged: 2, modified: [2], created: ['c/new.cbz'], deleted: [3] });
    expect(summary(diffLibrary([...disk].reverse(), stored, []))).toEqual(sorted);
    expect(summary(diffLibrary(disk, [...stored].reverse(), []))).toEqual(sorted);
  });

  it('reads the stored rows once, as a cursor hands them over', () => {
    let handed = 0;
    function* rows() {
      for (const row of [comic(1, 'a.cbz', 1), comic(2, 'b.cbz', 2)]) {
        handed++;
        yield row;
      }
    }
    const diff = diffLibrary([file('a.cbz', 1), file('b.cbz', 2)], rows(), []);
    expect(handed).toBe(2);
    expect(diff.unchanged).toBe(2);
  });

  it('lists the stored failures whose file is gone, and the comics that never completed', () => {
    const failures = [{ path: 'bad.cbz', size: 1, mtime: 1 }, { path: 'still.cbz', size: 100, mtime: 1000 }];
    const diff = diffLibrary([file('still.cbz', 5), file('x.cbz', 6)], [comic(6, 'x.cbz', 6, 100, -1)], failures);
    expect(diff.failuresGone).toEqual(['bad.cbz']);
    expect(diff.stillFailed).toBe(1);
    expect(diff.incomplete).toEqual([6]);
  });
});
