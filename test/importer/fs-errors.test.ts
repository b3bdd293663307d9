import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { describeFsError } from '../../src/fs-errors';
import { importLibrary } from '../../src/importer/import-library';
import type { ImportReport } from '../../src/importer/report';
import { CLI_ARGS } from '../cli/run-cli';
import { tempDir, writeComic } from '../support/library';

const CODES = ['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EIO', 'EMFILE', 'ENFILE', 'ESTALE', 'ETIMEDOUT', 'EHOSTDOWN', 'ENOTCONN', 'EBUSY', 'EISDIR', 'EWHATEVER'];

describe('file system errors as reasons', () => {
  it.each(CODES)('says what %s means without the code, the call or the path', (code) => {
    const error = Object.assign(new Error(`${code}: something, open '/home/someone/comics/x.cbz'`), { code, errno: -1, syscall: 'open', path: '/home/someone/comics/x.cbz' });
    const reason = describeFsError(error);
    for (const leak of [code, '/home', 'x.cbz', 'something', "open '", '-1']) expect(reason).not.toContain(leak);
    expect(reason).toMatch(/^[a-z][a-z ]+/);
  });

  it('reports a path too long for the file system and a file standing where a folder was, in words', async () => {
    const root = join(tempDir(), 'library');
    writeComic(root, 'ok.cbz', null);
    // A link to a name longer than a file system allows (255 bytes): stat fails with ENAMETOOLONG.
    symlinkSync(join(root, `${'x'.repeat(300)}.cbz`), join(root, 'long.cbz'));
    writeFileSync(join(root, 'file'), '');
    symlinkSync(join(root, 'file', 'inside.cbz'), join(root, 'under-a-file.cbz'));
    const report = await importLibrary(join(root, '..', 'db.sqlite'), root, { workers: 1 });
    const reasons = Object.fromEntries(report.unreadable.map(({ path, reason }) => [path, reason]));
    expect(reasons).toEqual({
      'long.cbz': 'its path is too long for the file system: shorten the names of it or its folders',
      'under-a-file.cbz': 'a part of its path is not a folder any more',
    });
  });

  /**
   * Permissions do not bind root, so as root the import runs in a child process as `nobody`; as
   * any other user it runs here. Either way the files really cannot be read.
   */
  it('says "permission denied" for a file and a folder this user cannot read, and keeps both out of the reasons as codes', async () => {
    const dir = tempDir();
    const root = join(dir, 'library');
    writeComic(root, 'ok.cbz', null);
    const secret = writeComic(root, 'secret.cbz', null);
    writeComic(root, 'locked/inner.cbz', null);
    chmodSync(secret, 0o000);
    chmodSync(join(root, 'locked'), 0o000);
    const dbFolder = join(dir, 'db');
    mkdirSync(dbFolder);
    const dbPath = join(dbFolder, 'longbox.sqlite');
    try {
      const report = process.getuid?.() === 0 ? await importAsNobody(dir, root, dbFolder, dbPath) : await importLibrary(dbPath, root, { workers: 1 });
      expect(report.comics).toMatchObject({ created: 1, failed: 1 });
      expect(report.unreadable).toEqual([{ path: 'locked', reason: 'permission denied: give this user read access to it' }]);
      const db = openDatabase(dbPath, { readonly: true });
      try {
        expect(db.$client.prepare('SELECT path, reason FROM failed_imports').all()).toEqual([
          { path: 'secret.cbz', reason: 'cannot read file: permission denied: give this user read access to it' },
        ]);
      } finally {
        db.$client.close();
      }
    } finally {
      chmodSync(join(root, 'locked'), 0o755);
      chmodSync(secret, 0o644);
    }
  });

  it('refuses a library folder this user cannot list, before anything is written', async () => {
    const dir = tempDir();
    const root = join(dir, 'library');
    writeComic(root, 'ok.cbz', null);
    chmodSync(root, 0o000);
    const dbFolder = join(dir, 'db');
    mkdirSync(dbFolder);
    const dbPath = join(dbFolder, 'longbox.sqlite');
    const message = `library root unavailable: ${root} (permission denied: give this user read access to it); nothing was changed`;
    try {
      if (process.getuid?.() === 0) {
        const result = await runAsNobody(dir, dbFolder, ['import', root, '--db', dbPath]);
        expect(result).toEqual({ code: 2, stdout: '', stderr: `longbox: ${message}\n` });
      } else {
        await expect(importLibrary(dbPath, root, { workers: 1 })).rejects.toMatchObject({ code: 'ROOT_UNAVAILABLE', message });
      }
      // A root that scanned as empty used to store a new library with no comics.
      expect(existsSync(dbPath)).toBe(false);
    } finally {
      chmodSync(root, 0o755);
    }
  });
});

const NOBODY = 65534;

async function importAsNobody(dir: string, root: string, dbFolder: string, dbPath: string): Promise<ImportReport> {
  const { code, stdout, stderr } = await runAsNobody(dir, dbFolder, ['import', root, '--db', dbPath, '--json', '--workers', '1']);
  expect({ code, stderr: code === 1 ? '' : stderr }).toEqual({ code: 1, stderr: '' });
  return JSON.parse(stdout) as ImportReport;
}

/** The CLI as `nobody`, who may write only to `dbFolder`. */
async function runAsNobody(dir: string, dbFolder: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  chmodSync(dir, 0o755);
  chownSync(dbFolder, NOBODY, NOBODY);
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
    uid: NOBODY,
    gid: NOBODY,
    env: { ...process.env, HOME: dbFolder },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
