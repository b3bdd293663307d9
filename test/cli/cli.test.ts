import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeComic } from '../support/library';
import { useTempDir } from '../support/temp-dir';
import { linesOf, runCli } from './run-cli';

const STACK_FRAME = /^\s+at /m;

/** A small library with one file that is not an archive at all. */
function writeLibrary(root: string): void {
  writeComic(root, 'Marvel/Amazing Fantasy/Amazing Fantasy 015.cbz', {
    Series: 'Amazing Fantasy',
    Number: '15',
    Title: 'Spider-Man!',
    Publisher: 'Marvel',
    Characters: ['Spider-Man', 'Aunt May'],
  });
  writeComic(root, 'Quality/Police Comics 001.cbz', { Series: 'Police Comics', Number: '1', Title: 'Plastic Man', Characters: ['Plastic Man', 'Woozy Winks'] });
  writeComic(root, 'Quality/Police Comics 002.cbz', { Series: 'Police Comics', Number: '2', Characters: ['Plastic Man'] });
  writeFileSync(join(root, 'Quality/broken.cbz'), 'this is not a zip archive');
}

describe('longbox CLI', () => {
  const dir = useTempDir('longbox-cli-');
  const root = join(dir, 'library');
  const db = join(dir, 'longbox.sqlite');
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    writeLibrary(root);
    first = await runCli(['import', root, '--db', db, '--workers', '2']);
  });

  describe('import', () => {
    it('exits 1 when the import finished but a file failed, and says where to look', () => {
      expect(first.code).toBe(1);
      expect(first.stderr).toContain(`1 file could not be imported; see why with: longbox failed --db ${db}`);
    });

    it('prints the summary table with the counts and the time per phase to stdout', () => {
      expect(first.stdout).toMatch(/comics\s+created\s+3\n/);
      expect(first.stdout).toMatch(/\s+failed\s+1\n/);
      expect(first.stdout).toMatch(/tags\s+created\s+\d+\n/);
      expect(first.stdout).toMatch(/folders\s+created\s+\d+\n/);
      expect(first.stdout).toMatch(/\n\s+create\s+\d+ ms\n/);
      expect(first.stdout).toMatch(/total\s+.+comics\/s\n/);
    });

    it('writes progress to stderr as plain lines when stderr is not a terminal', () => {
      expect(first.stderr).not.toMatch(/[\r\x1b]/);
      const progress = linesOf(first.stderr).filter((line) => !line.startsWith('longbox:'));
      expect(progress.length).toBeGreaterThan(0);
      for (const line of progress) expect(line).toMatch(/^[a-z]+\s+\d[\d,]*\/\d[\d,]*\s+\d+%/);
      expect(progress.some((line) => line.startsWith('scan'))).toBe(true);
    });

    it('prints only the report as JSON with --json; a rerun leaves the unchanged broken file alone, exit 0', async () => {
      const rerun = await runCli(['import', root, '--db', db, '--json']);
      expect(rerun.code).toBe(0);
      const report = JSON.parse(rerun.stdout);
      expect(report.comics).toEqual({ created: 0, updated: 0, unchanged: 3, moved: 0, deleted: 0, failed: 0, stillFailed: 1 });
      expect(report).toHaveProperty('tags.created', 0);
      expect(report).toHaveProperty('totalMs');
      expect(rerun.stderr).not.toMatch(/^scan/m);
    });

    it('exits 0 on a library where every file imports', async () => {
      const clean = join(dir, 'clean');
      writeComic(clean, 'one.cbz', { Series: 'One', Number: '1' });
      const result = await runCli(['import', clean, '--db', join(dir, 'clean.sqlite'), '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).comics.created).toBe(1);
    });

    it('exits 2 with one line and creates no database when the folder does not exist', async () => {
      const missingDb = join(dir, 'never.sqlite');
      const result = await runCli(['import', join(dir, 'no-such-folder'), '--db', missingDb]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: library root unavailable: ${join(dir, 'no-such-folder')} (not found); nothing was changed`]);
      expect(result.stdout).toBe('');
      expect(existsSync(missingDb)).toBe(false);
    });

    it('exits 2 with one line on an unknown flag', async () => {
      const result = await runCli(['import', root, '--db', db, '--frobnicate']);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual(["longbox: Unknown option '--frobnicate' (see --help)"]);
    });

    it.each([
      [['--workers', '0'], '--workers must be a whole number from 1 to 256, got "0"'],
      [['--workers', '300'], '--workers must be a whole number from 1 to 256, got "300"'],
      [['--chunk-size', '200000'], '--chunk-size must be a whole number from 1 to 100000, got "200000"'],
    ])('exits 2 with one line naming the flag and its range for %j', async (flags, message) => {
      const result = await runCli(['import', root, '--db', db, ...flags]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: ${message}`]);
    });

    it('refuses an empty --db (an unset shell variable) instead of importing into a throwaway database', async () => {
      const result = await runCli(['import', root, '--db', '']);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual(['longbox: --db needs a file name, got an empty one']);
      expect(result.stdout).toBe('');
    });

    it('exits 2 and names the folder when the database would go into one that does not exist', async () => {
      const result = await runCli(['import', root, '--db', join(dir, 'nowhere', 'x.sqlite')]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: database ${join(dir, 'nowhere', 'x.sqlite')}: its folder ${join(dir, 'nowhere')} does not exist`]);
    });

    it('exits 2 with one line, not a stack trace, when the database is not SQLite', async () => {
      const notDb = join(dir, 'not-a-db.sqlite');
      writeFileSync(notDb, 'plain text, long enough to look like a header of something'.repeat(20));
      const result = await runCli(['import', root, '--db', notDb]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: database ${notDb}: not a SQLite database`]);
    });
  });

  describe('search', () => {
    it('finds a comic by a character name, best match first', async () => {
      const result = await runCli(['search', 'woozy', '--db', db]);
      expect(result.code).toBe(0);
      const [header, row, blank, total] = linesOf(result.stdout.replace(/\n\n/, '\n \n'));
      expect(header).toMatch(/^path\s+series\s+issue\s+title$/);
      expect(row).toMatch(/^Quality\/Police Comics 001\.cbz\s+Police Comics\s+1\s+Plastic Man$/);
      expect(blank?.trim()).toBe('');
      expect(total).toBe('1 match');
    });

    it('reads punctuated words as words: spider-man needs no quoting', async () => {
      const result = await runCli(['search', 'spider-man', '--db', db, '--json']);
      expect(result.code).toBe(0);
      const { matches } = JSON.parse(result.stdout);
      expect(matches).toMatchObject([{ path: 'Marvel/Amazing Fantasy/Amazing Fantasy 015.cbz', series: 'Amazing Fantasy', issue: '15', title: 'Spider-Man!' }]);
    });

    it('ranks and limits: --limit shows the best N and says how many matched', async () => {
      const result = await runCli(['search', 'plastic', '--db', db, '--limit', '1']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('1 of 2 matches (--limit to see more)');
    });

    it('says so when nothing matches, exit 0', async () => {
      const result = await runCli(['search', 'batman', '--db', db]);
      expect(result).toMatchObject({ code: 0, stdout: 'No comic matches "batman".\n' });
    });

    it('exits 2 with one clear line on a malformed query', async () => {
      // FTS5's NOT needs a left side; searching the word alone would find the opposite.
      const result = await runCli(['search', 'NOT phantom', '--db', db]);
      expect(result.code).toBe(2);
      const lines = linesOf(result.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^longbox: cannot search for "NOT phantom": .+ \(check quotes, parentheses and AND\/OR\/NOT\)$/);
    });

    it('exits 2 and names the file when the database does not exist', async () => {
      const missing = join(dir, 'missing.sqlite');
      const result = await runCli(['search', 'woozy', '--db', missing]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: no database at ${missing}; create it with: longbox import <folder> --db ${missing}`]);
      expect(existsSync(missing)).toBe(false);
    });
  });

  describe('failed', () => {
    it('lists the file that failed with its reason', async () => {
      const result = await runCli(['failed', '--db', db]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${root} (1 failed)`);
      expect(result.stdout).toMatch(/^\s+Quality\/broken\.cbz\s+\S.*$/m);
    });

    it('gives path, size, mtime and reason with --json', async () => {
      const result = await runCli(['failed', '--db', db, '--json']);
      const [failure, ...rest] = JSON.parse(result.stdout);
      expect(rest).toEqual([]);
      expect(failure).toMatchObject({ library: root, path: 'Quality/broken.cbz', size: 25 });
      expect(failure.reason).toEqual(expect.any(String));
      expect(failure.reason.length).toBeGreaterThan(0);
      expect(new Date(failure.mtime).getTime()).toBeGreaterThan(0);
    });
  });

  describe('stats', () => {
    it('lists every table with its row count', async () => {
      const result = await runCli(['stats', '--db', db]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^table\s+rows$/m);
      expect(result.stdout).toMatch(/^comics\s+3$/m);
      expect(result.stdout).toMatch(/^comics_fts\s+3$/m);
      expect(result.stdout).toMatch(/^failed_imports\s+1$/m);
      expect(result.stdout).not.toMatch(/__drizzle|comics_fts_data|sqlite_/);
    });

    it('gives the counts as a JSON object with --json', async () => {
      const counts = JSON.parse((await runCli(['stats', '--db', db, '--json'])).stdout);
      expect(counts).toMatchObject({ comics: 3, characters: 4, failed_imports: 1, libraries: 1 });
    });
  });

  describe('relocate', () => {
    it('points the library at its new folder; the next import finds every comic unchanged', async () => {
      const copyDb = join(dir, 'relocate.sqlite');
      const original = join(dir, 'relocated-before');
      const moved = join(dir, 'relocated-after');
      writeLibrary(original);
      expect((await runCli(['import', original, '--db', copyDb])).code).toBe(1);
      renameSync(original, moved);
      const relocated = await runCli(['relocate', original, moved, '--db', copyDb]);
      expect(relocated.code, relocated.stderr).toBe(0);
      expect(relocated.stdout).toContain('now lives at');
      const rerun = await runCli(['import', moved, '--db', copyDb, '--json']);
      expect(JSON.parse(rerun.stdout).comics).toMatchObject({ created: 0, deleted: 0, updated: 0, unchanged: 3 });
    });

    it('exits 2 without creating a database when there is none', async () => {
      const missing = join(dir, 'no-such.sqlite');
      const result = await runCli(['relocate', root, join(dir, 'relocated-after'), '--db', missing]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: no database at ${missing}; create it with: longbox import <folder> --db ${missing}`]);
      expect(existsSync(missing)).toBe(false);
    });

    it('exits 2 with one line when no library is stored for the old folder', async () => {
      const result = await runCli(['relocate', join(dir, 'nowhere'), root, '--db', db]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([expect.stringContaining('no library is stored for')]);
    });
  });

  describe('covers', () => {
    it('refuses a SQLite file that is not a longbox database, and adds no table to it', async () => {
      const other = join(dir, 'notes.sqlite');
      const client = new Database(other);
      client.exec('CREATE TABLE notes (body TEXT)');
      client.close();
      const result = await runCli(['covers', '--db', other]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: ${other} is not a longbox database (it has no comics table); import a folder into it first`]);
      const after = new Database(other, { readonly: true });
      expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all()).toEqual(['notes']);
      after.close();
      expect(existsSync(`${other}-covers`)).toBe(false);
    });

    it.each([
      [['--width', '100000'], '--width must be a whole number from 16 to 4096, got "100000"'],
      [['--workers', '100'], '--workers must be a whole number from 1 to 64, got "100"'],
    ])('exits 2 with one line naming the flag and its range for %j', async (flags, message) => {
      const result = await runCli(['covers', '--db', db, ...flags]);
      expect(result.code).toBe(2);
      expect(linesOf(result.stderr)).toEqual([`longbox: ${message}`]);
    });
  });

  describe('migrate', () => {
    it('creates the database, then reports it up to date', async () => {
      const fresh = join(dir, 'migrated.sqlite');
      const created = await runCli(['migrate', '--db', fresh]);
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(new RegExp(`^${fresh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: applied \\d+ migrations?\\.\\n$`));
      const again = await runCli(['migrate', '--db', fresh]);
      expect(again).toMatchObject({ code: 0, stdout: `${fresh} is up to date.\n` });
    });
  });

  describe('usage', () => {
    it.each(['import', 'search', 'failed', 'stats', 'migrate'])('prints the help of %s with --help, exit 0', async (command) => {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: longbox ${command}`));
    });

    it('exits 2 on an unknown command, naming the real ones', async () => {
      const result = await runCli(['frob']);
      expect(result.code).toBe(2);
      const lines = linesOf(result.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^longbox: unknown command "frob"; the commands are import, .*search, failed, stats, migrate, relocate \(see longbox --help\)$/);
    });

    it('prints the command list to stderr and exits 2 without a command', async () => {
      const result = await runCli([]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage: longbox <command> [options]');
    });

    it('adds the stack trace only when LONGBOX_DEBUG=1', async () => {
      const args = ['import', join(dir, 'no-such-folder'), '--db', join(dir, 'never.sqlite')];
      expect((await runCli(args)).stderr).not.toMatch(STACK_FRAME);
      expect((await runCli(args, { env: { LONGBOX_DEBUG: '1' } })).stderr).toMatch(STACK_FRAME);
    });
  });
});
