import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { type LibraryWatcher, watchLibrary } from '../../src/watch/watch-library';
import { type TreeWatcher, watchTree } from '../../src/watch/tree-watcher';
import { tempDir, testLibrary, writeComic } from '../support/library';
import { waitFor } from './wait-for';

const running: (LibraryWatcher | TreeWatcher)[] = [];
afterEach(async () => {
  for (const watcher of running.splice(0)) await ('stop' in watcher ? watcher.stop() : watcher.close());
});

/** `folder/caf\xe9 #1.cbz`: a Latin-1 name, as bytes. */
const latin1Name = (folder: string) => Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.of(0xe9), Buffer.from(' #1.cbz')]);

describe('watch mode and names that are not valid UTF-8', () => {
  it('reports the folder of such a file, which the import reads by bytes', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'Marvel'));
    const paths = new Set<string>();
    running.push(watchTree(root, (path) => paths.add(path), () => {}));
    renameSync(writeComic(root, 'Marvel/.staging.cbz', null), latin1Name(join(root, 'Marvel')));
    await waitFor(() => paths.has('Marvel'), `an event for 'Marvel' (seen: ${[...paths].join(', ')})`);
    expect([...paths].filter((path) => path.includes('\uFFFD'))).toEqual([]);
  });

  it('imports such a file when it appears and deletes it when it goes', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Marvel/keep.cbz', null);
    const watcher = watchLibrary(lib.dbPath, lib.root, { quietMs: 100, maxWaitMs: 1000, fullScanIntervalMs: 0, importOptions: { workers: 1 } });
    running.push(watcher);
    await watcher.ready;
    const db = openDatabase(lib.dbPath, { readonly: true });
    const paths = () => db.$client.prepare('SELECT path FROM comics ORDER BY path').pluck().all() as string[];
    try {
      const file = latin1Name(join(lib.root, 'Marvel'));
      renameSync(writeComic(lib.root, 'Marvel/.staging.cbz', null), file);
      await waitFor(() => paths().includes('Marvel/caf\\xe9 #1.cbz'), 'the comic to be imported');
      rmSync(file);
      await waitFor(() => !paths().includes('Marvel/caf\\xe9 #1.cbz'), 'the comic to be deleted');
      expect(paths()).toEqual(['Marvel/keep.cbz']);
    } finally {
      db.$client.close();
    }
  });
});
