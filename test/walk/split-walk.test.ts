import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { displayName } from '../../src/path-bytes';
import { splitWalk } from '../../src/walk/split-walk';
import { type ScanResult, walkLibrary } from '../../src/walk/walk';
import { tempDir } from '../support/library';

/** Everything a walk found, as plain values to compare. */
const seen = (scan: ScanResult) => ({ files: [...scan.files], folders: scan.folders, unreadable: scan.unreadable });

function write(root: string | Buffer, path: string | Buffer, text = 'x'): void {
  if (typeof root === 'string' && typeof path === 'string') {
    mkdirSync(join(root, path, '..'), { recursive: true });
    return writeFileSync(join(root, path), text);
  }
  writeFileSync(Buffer.concat([Buffer.from(root), Buffer.from('/'), Buffer.from(path)]), text);
}

/**
 * A library of `folders` top folders (under `under`, when given) with the walk's hard cases among
 * them: files above the folders and deep below them, names that sort across folder boundaries,
 * ignored and non-comic names, a folder and a file whose names are not UTF-8, links to files in
 * and out of the library, a link to a folder and a dangling one.
 */
function library(folders: number, under: readonly string[] = ['']): string {
  const dir = tempDir();
  const root = join(dir, 'library');
  const outside = join(dir, 'outside.cbz');
  writeFileSync(outside, 'outside');
  for (const top of under) {
    for (let i = 0; i < folders; i++) {
      const folder = join(top, `Publisher ${i}`);
      write(root, join(folder, `Series ${i}/Issue 1.cbz`));
      if (i % 3 === 0) write(root, join(folder, `Series ${i}/Deeper/Arc/Issue 2.cbr`));
      if (i % 4 === 0) write(root, join(folder, 'loose.cb7'));
      if (i % 5 === 0) mkdirSync(join(root, folder, 'Empty'), { recursive: true });
    }
    write(root, join(top, 'a b/x.cbz'));
    write(root, join(top, 'a/x.cbz'));
    write(root, join(top, 'a-b.cbz'));
    write(root, join(top, 'é/z.cbz'));
    write(root, join(top, '😀 1.cbz'));
    write(root, join(top, '.hidden/x.cbz'));
    write(root, join(top, '__MACOSX/x.cbz'));
    write(root, join(top, 'notes.txt'));
  }
  write(root, 'top.cbz');
  const first = join(root, under[0]!);
  // A folder and a file named with bytes that are not UTF-8.
  const badFolder = Buffer.concat([Buffer.from(`${first}/No`), Buffer.of(0xeb), Buffer.from('l')]);
  mkdirSync(badFolder);
  write(badFolder, 'Issue 1.cbz');
  write(first, Buffer.concat([Buffer.from('Publisher 1/b'), Buffer.of(0xff), Buffer.from('d.cbz')]));
  symlinkSync(outside, join(first, 'Publisher 2', 'linked in.cbz'));
  symlinkSync(join(root, 'top.cbz'), join(first, 'Publisher 2', 'second name.cbz'));
  symlinkSync(join(dir, 'gone.cbz'), join(first, 'Publisher 3', 'dangling.cbz'));
  symlinkSync(join(first, 'Publisher 4'), join(first, 'Publisher 3', 'link to a folder'));
  return root;
}

describe('splitWalk', () => {
  it('finds what a walk on one thread finds, in the same order, when the tasks are the top folders', async () => {
    const root = library(40);
    const split = await splitWalk(root);
    expect(split.tasks).toBeGreaterThanOrEqual(40);
    const alone = await walkLibrary(root);
    expect(seen(split.scan)).toEqual(seen(alone));
    expect(alone.files.length).toBeGreaterThan(60);
    expect(alone.unreadable.map((entry) => entry.path)).toEqual(['Publisher 3/dangling.cbz']);
    const paths = [...alone.files].map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining([`${displayName(Buffer.from('No\xEBl', 'latin1'))}/Issue 1.cbz`, 'Publisher 2/linked in.cbz', 'top.cbz']));
    expect(paths).not.toContain('Publisher 2/second name.cbz');
  });

  it('looks a level deeper when the top holds too few folders to share', async () => {
    const root = library(20, ['Comics', 'Manga']);
    const split = await splitWalk(root);
    // 2 top folders, too few; under them 2 x (20 publishers, 'a', 'a b', 'é') and the one not in UTF-8.
    expect(split.tasks).toBe(47);
    expect(seen(split.scan)).toEqual(seen(await walkLibrary(root)));
  });

  it("joins the helper's part of the walk in its place", async () => {
    const root = library(40);
    const split = await splitWalk(root, { callerTakesTasks: false });
    expect(split.walkedByHelper).toBe(split.tasks);
    expect(seen(split.scan)).toEqual(seen(await walkLibrary(root)));
  });

  it('walks every task on this thread when the helper cannot start', async () => {
    const root = library(40);
    const broken = join(tempDir(), 'broken-helper.mjs');
    writeFileSync(broken, "throw new Error('a broken install');\n");
    const split = await splitWalk(root, { helper: pathToFileURL(broken), callerTakesTasks: false });
    expect(split.walkedByHelper).toBe(0);
    expect(seen(split.scan)).toEqual(seen(await walkLibrary(root)));
  });

  it('walks a tree with few folders on this thread alone', async () => {
    const root = library(5);
    const split = await splitWalk(root);
    expect(split.tasks).toBe(0);
    expect(seen(split.scan)).toEqual(seen(await walkLibrary(root)));
  });

  it('stops when the signal aborts', async () => {
    const root = library(40);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(splitWalk(root, { signal: controller.signal })).rejects.toThrow('stop');
  });

  it('does not wait for a helper that hangs once the signal aborts', async () => {
    const root = library(40);
    const hanging = join(tempDir(), 'hanging-helper.mjs');
    writeFileSync(hanging, 'setInterval(() => undefined, 1000);\n');
    const controller = new AbortController();
    const walking = splitWalk(root, { signal: controller.signal, helper: pathToFileURL(hanging), callerTakesTasks: false });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(walking).rejects.toThrow('stop');
  });
});

describe('walkLibrary', () => {
  it('finds the same files, links and all, when the root is given with a trailing slash', async () => {
    const root = library(6);
    const plain = seen(await walkLibrary(root));
    expect(plain.files.length).toBeGreaterThan(6);
    expect(seen(await walkLibrary(`${root}/`))).toEqual(plain);
  });
});
