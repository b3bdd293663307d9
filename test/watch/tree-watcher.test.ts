import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TreeWatcher, watchTree } from '../../src/watch/tree-watcher';
import { tempDir } from '../support/library';
import { waitFor } from './wait-for';

const open: TreeWatcher[] = [];
afterEach(() => {
  for (const watcher of open.splice(0)) watcher.close();
});

function watched(root: string) {
  const paths = new Set<string>();
  const errors: Error[] = [];
  open.push(watchTree(root, (path) => paths.add(path), (error) => errors.push(error)));
  const seen = (path: string) => waitFor(() => paths.has(path), `an event for '${path}' (seen: ${[...paths].join(', ')})`);
  return { paths, errors, seen };
}

describe('watchTree', () => {
  it('reports a comic written in a nested folder by its library-relative path', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'Marvel/X-Men'), { recursive: true });
    const { seen } = watched(root);
    writeFileSync(join(root, 'Marvel/X-Men/1.cbz'), 'zip');
    await seen('Marvel/X-Men/1.cbz');
  });

  it('reports a new folder, and watches it for later changes', async () => {
    const root = tempDir();
    const { paths, seen } = watched(root);
    mkdirSync(join(root, 'DC/Batman'), { recursive: true });
    writeFileSync(join(root, 'DC/Batman/1.cbz'), 'zip');
    await seen('DC');
    paths.clear();
    writeFileSync(join(root, 'DC/Batman/2.cbz'), 'zip');
    await seen('DC/Batman/2.cbz');
  });

  it('reports both names of a renamed folder and follows it under its new name', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'old/inner'), { recursive: true });
    const { paths, seen } = watched(root);
    renameSync(join(root, 'old'), join(root, 'new'));
    await seen('old');
    await seen('new');
    paths.clear();
    writeFileSync(join(root, 'new/inner/1.cbz'), 'zip');
    await seen('new/inner/1.cbz');
    expect([...paths].filter((path) => path.startsWith('old'))).toEqual([]);
  });

  it('reports a deleted folder and a deleted comic', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'gone/deep'), { recursive: true });
    writeFileSync(join(root, 'gone/deep/1.cbz'), 'zip');
    writeFileSync(join(root, 'loose.cbz'), 'zip');
    const { seen } = watched(root);
    rmSync(join(root, 'gone'), { recursive: true });
    rmSync(join(root, 'loose.cbz'));
    await seen('gone');
    await seen('loose.cbz');
  });

  it('reports nothing for files that are not comics or paths that are ignored', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'a'));
    const { paths, seen } = watched(root);
    writeFileSync(join(root, 'a/cover.jpg'), 'jpg');
    writeFileSync(join(root, 'a/.1.cbz.part'), 'partial');
    mkdirSync(join(root, '@eaDir'));
    writeFileSync(join(root, '@eaDir/1.cbz'), 'zip');
    writeFileSync(join(root, 'a/last.cbz'), 'zip');
    // Events arrive in order: once the last one is in, the others would have been too.
    await seen('a/last.cbz');
    expect([...paths]).toEqual(['a/last.cbz']);
  });

  it('watches a root that was removed and put back (a share mounted again) after a resync', async () => {
    const base = tempDir();
    const root = join(base, 'library');
    mkdirSync(root);
    const { paths, seen } = watched(root);
    rmSync(root, { recursive: true });
    await seen('');
    mkdirSync(join(root, 'back'), { recursive: true });
    open[0]!.resync();
    paths.clear();
    writeFileSync(join(root, 'back/1.cbz'), 'zip');
    await seen('back/1.cbz');
  });

  it('watches a root removed and made again in its place after a resync, though its old watch looks alive', async () => {
    const root = join(tempDir(), 'library');
    mkdirSync(root);
    const { paths, seen } = watched(root);
    rmSync(root, { recursive: true });
    await seen('');
    // Made again at once, the folder often gets its inode back (ext4 reuses it), as a disk mounted
    // again does: nothing tells the dead watch from a live one.
    mkdirSync(root);
    open[0]!.resync();
    paths.clear();
    writeFileSync(join(root, 'top.cbz'), 'zip');
    await seen('top.cbz');
  });

  it('throws at start when the root is missing', () => {
    expect(() => watchTree(join(tempDir(), 'nowhere'), () => {}, () => {})).toThrow(/ENOENT/);
  });
});
