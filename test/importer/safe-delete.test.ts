import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { tempDir, testLibrary, writeComic } from '../support/library';

const CHILD = join(import.meta.dirname, '../support/import-child.ts');

/**
 * Runs an import in a process that file permissions apply to: tests run as root in CI, and root
 * reads a chmod 000 folder anyway, so then the child drops to the `nobody` user.
 */
function importAsUnprivileged(dbPath: string, root: string) {
  const command = [process.execPath, '--import', 'tsx', CHILD, dbPath, root];
  const asRoot = process.getuid?.() === 0;
  const [program, ...args] = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;
  return spawnSync(program!, args, { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') });
}

async function importedLibrary() {
  const lib = testLibrary();
  writeComic(lib.root, 'a.cbz', { Series: 'A' });
  writeComic(lib.root, 'sub/b.cbz', { Series: 'B' });
  const db = lib.open();
  await importLibrary(db, lib.root, { workers: 1 });
  const count = () => db.$client.prepare('SELECT count(*) FROM comics').pluck().get();
  return { ...lib, db, count };
}

describe('safe deletes', () => {
  it('deletes nothing when the library root is gone (an unmounted disk)', async () => {
    const { root, db, count } = await importedLibrary();
    renameSync(root, `${root}-unmounted`);
    await expect(importLibrary(db, root, { workers: 1 })).rejects.toMatchObject({
      code: 'ROOT_UNAVAILABLE',
      message: expect.stringContaining('library root unavailable'),
    });
    expect(count()).toBe(2);
  });

  it('deletes nothing when the library root is suddenly empty, unless clearing is allowed', async () => {
    const { root, db, count } = await importedLibrary();
    rmSync(root, { recursive: true });
    mkdirSync(root);
    await expect(importLibrary(db, root, { workers: 1 })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    expect(count()).toBe(2);
    const report = await importLibrary(db, root, { workers: 1, allowClear: true });
    expect(report.comics.deleted).toBe(2);
    expect(count()).toBe(0);
  });

  it('leaves no library row behind for a root that does not exist', async () => {
    const lib = testLibrary();
    const db = lib.open();
    await expect(importLibrary(db, join(lib.root, 'typo'), { workers: 1 })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    expect(db.$client.prepare('SELECT count(*) FROM libraries').pluck().get()).toBe(0);
  });

  it('checks a vanished file once more right before deleting its comic', async () => {
    const { root, db, count } = await importedLibrary();
    const id = db.$client.prepare(`SELECT id FROM comics WHERE path = 'a.cbz'`).pluck().get();
    const file = join(root, 'a.cbz');
    const bytes = readFileSync(file);
    rmSync(file);
    writeComic(root, 'new.cbz', { Series: 'New' });
    // The file comes back while the import reads new.cbz, after the scan saw it gone.
    const report = await importLibrary(db, root, {
      workers: 1,
      onProgress: ({ phase }) => phase === 'read' && !existsSync(file) && writeFileSync(file, bytes),
    });
    expect(report.comics.deleted).toBe(0);
    expect(count()).toBe(3);
    expect(db.$client.prepare(`SELECT id FROM comics WHERE path = 'a.cbz'`).pluck().get()).toBe(id);
  });

  it('keeps every safety check when the scope given is the whole root', async () => {
    const { root, db, count } = await importedLibrary();
    rmSync(root, { recursive: true });
    mkdirSync(root);
    await expect(importLibrary(db, root, { workers: 1, paths: ['.'] })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    await expect(importLibrary(db, root, { workers: 1, paths: [''] })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    expect(count()).toBe(2);
  });

  it('rejects absurd options with a usage error', async () => {
    const { root, db } = await importedLibrary();
    await expect(importLibrary(db, root, { workers: 0 })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('workers') });
    await expect(importLibrary(db, root, { chunkSize: -5 })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('deletes nothing when the root is a file, not a folder', async () => {
    const { root, db, count } = await importedLibrary();
    rmSync(root, { recursive: true });
    writeFileSync(root, 'not a folder');
    await expect(importLibrary(db, root, { workers: 1 })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE' });
    expect(count()).toBe(2);
  });

  it('deletes nothing when the root cannot be read', async () => {
    const { root, dbPath, db } = await importedLibrary();
    db.$client.close();
    chmodSync(join(root, '..'), 0o777);
    for (const suffix of ['', '-wal', '-shm']) {
      try { chmodSync(dbPath + suffix, 0o666); } catch { /* absent after a clean close */ }
    }
    chmodSync(root, 0o000);
    try {
      const result = importAsUnprivileged(dbPath, root);
      expect(result.status, result.stderr).not.toBe(0);
      expect(result.stderr).toContain('library root unavailable');
    } finally {
      chmodSync(root, 0o755);
    }
    const check = openDatabase(dbPath);
    expect(check.$client.prepare('SELECT count(*) FROM comics').pluck().get()).toBe(2);
    check.$client.close();
  });

  it('keeps the comics of a sub-folder that cannot be read and imports the rest', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const root = join(dir, 'library');
    mkdirSync(root);
    writeComic(root, 'a.cbz', { Series: 'A' });
    writeComic(root, 'locked/b.cbz', { Series: 'B' });
    const dbPath = join(dir, 'db.sqlite');
    const first = importAsUnprivileged(dbPath, root);
    expect(first.status, first.stderr).toBe(0);
    chmodSync(join(root, 'locked'), 0o000);
    writeComic(root, 'c.cbz', { Series: 'C' });
    try {
      const second = importAsUnprivileged(dbPath, root);
      expect(second.status, second.stderr).toBe(0);
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
    }
    const db = openDatabase(dbPath);
    expect(db.$client.prepare('SELECT path FROM comics ORDER BY path').pluck().all()).toEqual(['a.cbz', 'c.cbz', 'locked/b.cbz']);
    db.$client.close();
  });
});
