import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { run } from '../../src/cli/main';
import { tempDir, writeComic } from '../support/library';

/*
 * In-process: the CLI from source runs through tsx, whose esbuild helper cannot start in such a
 * working directory (it spawns with cwd: process.cwd(), the lossy string), while the built CLI
 * can. Node's chdir takes only a string, so the test enters the folder through a link to it: the
 * working directory is then the real one, whose path holds the bad byte.
 */

/** Whether the temporary file system stores a name that is not valid UTF-8 (Linux file systems do). */
const acceptsNonUtf8Names = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'longbox-probe-'));
  try {
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.of(0xe9)]));
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

const home = process.cwd();
afterEach(() => process.chdir(home));

/** `dir/caf\xe9` (Latin-1) made and entered; its path as stored and shown. */
function enterLatin1Folder(dir: string): string {
  mkdirSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.of(0xe9)]));
  symlinkSync(Buffer.concat([Buffer.from('caf'), Buffer.of(0xe9)]), join(dir, 'way-in'));
  process.chdir(join(dir, 'way-in'));
  expect(process.cwd()).toBe(`${dir}/caf\uFFFD`);
  return `${dir}/caf\\xe9`;
}

async function runHere(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) }, debug: false });
  return { code, stdout, stderr };
}

describe.skipIf(!acceptsNonUtf8Names)('the CLI in a working directory whose path is not valid UTF-8 (skipped where the file system refuses such names)', () => {
  beforeAll(async () => {
    // The modules a command loads on demand, loaded while the working directory is a plain one.
    await Promise.all([import('../../src/cli/commands/import'), import('../../src/cli/commands/watch'), import('../../src/cli/commands/relocate'), import('../../src/cli/errors')]);
  });

  it('refuses `import .` there, naming the folder in its \\xHH form, and writes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'longbox.sqlite');
    const shown = enterLatin1Folder(dir);
    const result = await runHere(['import', '.', '--db', db]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `longbox: library root unavailable: ${shown} (its path is not valid UTF-8, and longbox keeps a root by its path as text: give the folder shown with \\xHH a UTF-8 name); nothing was changed\n`,
    });
    expect(existsSync(db)).toBe(false);
  });

  it('refuses `watch` of a folder below it the same way', async () => {
    const dir = tempDir();
    const shown = enterLatin1Folder(dir);
    mkdirSync('comics');
    const result = await runHere(['watch', 'comics', '--db', join(dir, 'longbox.sqlite')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`longbox: library root unavailable: ${shown}/comics (its path is not valid UTF-8, and longbox keeps a root by its path as text: give the folder shown with \\xHH a UTF-8 name); nothing to watch\n`);
  });

  it('imports a relative folder whose real path is valid UTF-8, by that path', async () => {
    const dir = tempDir();
    writeComic(join(dir, 'Comics'), 'Batman/1.cbz', { Title: 'Year One' });
    enterLatin1Folder(dir);
    symlinkSync(join(dir, 'Comics'), 'comics');
    const db = join(dir, 'longbox.sqlite');
    const result = await runHere(['import', 'comics', '--db', db, '--workers', '1']);
    expect(result.code, result.stderr).toBe(0);
    const stored = openDatabase(db, { readonly: true });
    try {
      expect(stored.$client.prepare('SELECT path FROM libraries').pluck().all()).toEqual([join(dir, 'Comics')]);
      expect(stored.$client.prepare('SELECT path, name FROM comics').all()).toEqual([{ path: 'Batman/1.cbz', name: 'Year One' }]);
    } finally {
      stored.$client.close();
    }
  });

  it('writes a relative --db whose folder has a real path in valid UTF-8 there', async () => {
    const dir = tempDir();
    writeComic(join(dir, 'Comics'), '1.cbz', { Title: 'Year One' });
    mkdirSync(join(dir, 'databases'));
    enterLatin1Folder(dir);
    symlinkSync(join(dir, 'databases'), 'sub');
    const result = await runHere(['import', join(dir, 'Comics'), '--db', 'sub/library.sqlite', '--workers', '1']);
    expect(result.code, result.stderr).toBe(0);
    const stored = openDatabase(join(dir, 'databases', 'library.sqlite'), { readonly: true });
    try {
      expect(stored.$client.prepare('SELECT name FROM comics').pluck().all()).toEqual(['Year One']);
    } finally {
      stored.$client.close();
    }
  });

  it('refuses to relocate a library to it', async () => {
    const dir = tempDir();
    const db = join(dir, 'longbox.sqlite');
    writeComic(join(dir, 'Comics'), '1.cbz', null);
    expect((await runHere(['import', join(dir, 'Comics'), '--db', db, '--workers', '1'])).code).toBe(0);
    const shown = enterLatin1Folder(dir);
    const result = await runHere(['relocate', join(dir, 'Comics'), '.', '--db', db]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`longbox: library root unavailable: ${shown} (its path is not valid UTF-8, and longbox keeps a root by its path as text: give the folder shown with \\xHH a UTF-8 name); the library was not relocated\n`);
  });

  it('refuses the default database there, and says to pass --db', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'Comics'));
    const shown = enterLatin1Folder(dir);
    const result = await runHere(['import', '../Comics']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `longbox: database longbox.sqlite: its folder's path is not valid UTF-8 (${shown}): pass --db with a path that is\n`,
    });
    expect(existsSync('longbox.sqlite')).toBe(false);
  });
});
