import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { type LibraryWatcher, type WatchBatch, watchLibrary } from '../../src/watch/watch-library';
import { type TreeWatcher, watchTree } from '../../src/watch/tree-watcher';
import type { ComicInfoFields } from '../../tools/comicinfo-xml';
import { tempDir, testLibrary, writeComic } from '../support/library';
import { waitFor } from './wait-for';

const running: (LibraryWatcher | TreeWatcher)[] = [];
afterEach(async () => {
  for (const watcher of running.splice(0)) await ('stop' in watcher ? watcher.stop() : watcher.close());
});

/** `folder/caf\xe9 #1.cbz`: a Latin-1 name, as bytes. */
const latin1Name = (folder: string, name = ' #1.cbz') => Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.of(0xe9), Buffer.from(name)]);

/** Writes a comic under a name given as bytes, as a save does: a temporary file renamed over it. */
function writeComicAt(root: string, path: Buffer, fields: ComicInfoFields | null, options: { mtime?: Date } = {}): Buffer {
  renameSync(writeComic(root, '.staging.cbz', fields, options), path);
  return path;
}

/** A watcher on a library with fast batches and no periodic scan, its batches, and a second connection to poll. */
function watchedLibrary(setUp: (root: string) => void = () => {}) {
  const lib = testLibrary();
  setUp(lib.root);
  const batches: WatchBatch[] = [];
  const watcher = watchLibrary(lib.dbPath, lib.root, {
    quietMs: 100,
    maxWaitMs: 1000,
    fullScanIntervalMs: 0,
    importOptions: { workers: 1 },
    onImport: (batch) => batches.push(batch),
  });
  running.push(watcher);
  const db = openDatabase(lib.dbPath, { readonly: true });
  const comic = (path: string) =>
    db.$client.prepare('SELECT id, name FROM comics WHERE path = ?').get(path) as { id: number; name: string | null } | undefined;
  const paths = () => db.$client.prepare('SELECT path FROM comics ORDER BY path').pluck().all() as string[];
  const eventPaths = () => batches.filter((batch) => batch.reason === 'events').map((batch) => batch.paths);
  return { ...lib, watcher, batches, comic, paths, eventPaths, close: () => db.$client.close() };
}

describe('watch mode and names that are not valid UTF-8', () => {
  it.each([
    ['in a folder', 'Marvel'],
    ['at the root, not as the whole root', ''],
  ])('reports such a file %s by its own path, in its escaped form', async (_, folder) => {
    const root = tempDir();
    if (folder) mkdirSync(join(root, folder));
    const paths = new Set<string>();
    running.push(watchTree(root, (path) => paths.add(path), () => {}));
    writeComicAt(root, latin1Name(join(root, folder)), null);
    const expected = folder ? `${folder}/caf\\xe9 #1.cbz` : 'caf\\xe9 #1.cbz';
    await waitFor(() => paths.has(expected), `an event for '${expected}' (seen: ${[...paths].join(', ')})`);
    expect([...paths]).toEqual([expected]);
  });

  it('follows a folder whose valid name is spelled like an escaped one', async () => {
    const root = tempDir();
    const paths = new Set<string>();
    running.push(watchTree(root, (path) => paths.add(path), () => {}));
    mkdirSync(join(root, 'caf\\xe9'));
    await waitFor(() => paths.has('caf\\xe9'), `an event for 'caf\\xe9' (seen: ${[...paths].join(', ')})`);
    writeComic(root, 'caf\\xe9/1.cbz', null);
    await waitFor(() => paths.has('caf\\xe9/1.cbz'), `an event for 'caf\\xe9/1.cbz' (seen: ${[...paths].join(', ')})`);
  });

  it('imports such a file when it appears and deletes it when it goes', async () => {
    const lib = watchedLibrary((root) => writeComic(root, 'Marvel/keep.cbz', null));
    try {
      await lib.watcher.ready;
      const file = writeComicAt(lib.root, latin1Name(join(lib.root, 'Marvel')), null);
      await waitFor(() => lib.paths().includes('Marvel/caf\\xe9 #1.cbz'), 'the comic to be imported');
      rmSync(file);
      await waitFor(() => !lib.paths().includes('Marvel/caf\\xe9 #1.cbz'), 'the comic to be deleted');
      expect(lib.paths()).toEqual(['Marvel/keep.cbz']);
    } finally {
      lib.close();
    }
  });

  it('imports a change to such a file at the root with only its path, not a rescan of the root', async () => {
    const lib = watchedLibrary((root) => writeComicAt(root, latin1Name(root), { Title: 'Before' }, { mtime: new Date('2020-01-01') }));
    try {
      await lib.watcher.ready;
      const before = lib.comic('caf\\xe9 #1.cbz')!;
      expect(before.name).toBe('Before');
      writeComicAt(lib.root, latin1Name(lib.root), { Title: 'After' }, { mtime: new Date('2024-01-01') });
      await waitFor(() => lib.comic('caf\\xe9 #1.cbz')?.name === 'After', 'the new title');
      expect(lib.comic('caf\\xe9 #1.cbz')!.id).toBe(before.id);
      expect(lib.eventPaths()).toEqual([['caf\\xe9 #1.cbz']]);
    } finally {
      lib.close();
    }
  });

  it('follows changes inside a folder whose own name is not valid UTF-8', async () => {
    const lib = watchedLibrary((root) => {
      mkdirSync(latin1Name(root, ''));
      writeComicAt(root, Buffer.concat([latin1Name(root, ''), Buffer.from('/1.cbz')]), null);
    });
    try {
      await lib.watcher.ready;
      expect(lib.paths()).toEqual(['caf\\xe9/1.cbz']);
      writeComicAt(lib.root, Buffer.concat([latin1Name(lib.root, ''), Buffer.from('/2.cbz')]), null);
      await waitFor(() => lib.paths().includes('caf\\xe9/2.cbz'), 'the new comic in that folder');
      expect(lib.eventPaths()).toEqual([['caf\\xe9/2.cbz']]);
    } finally {
      lib.close();
    }
  });
});
