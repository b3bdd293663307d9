import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../cli/run-cli';
import { tempDir, writeComic } from '../support/library';
import { waitFor } from './wait-for';

/** The real `longbox watch`, with its output collected as it comes. */
function startWatch(root: string, db: string, flags: readonly string[] = ['--workers', '1']) {
  const child = spawn(process.execPath, [...CLI_ARGS, 'watch', root, '--db', db, ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output, exited };
}

function comicPaths(db: string): string[] {
  const client = new Database(db, { readonly: true });
  try {
    return client.prepare('SELECT path FROM comics ORDER BY path').pluck().all() as string[];
  } finally {
    client.close();
  }
}

describe('longbox watch', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints one line per import and stops on %s with exit 0', async (signal) => {
    const dir = tempDir();
    const root = join(dir, 'library');
    writeComic(root, 'first.cbz', null);
    const db = join(dir, 'longbox.sqlite');
    const watch = startWatch(root, db);

    await waitFor(() => /^\[\d\d:\d\d:\d\d\] import of .*: 1 created in /m.test(watch.output.stdout), `the start line (stdout: ${watch.output.stdout}, stderr: ${watch.output.stderr})`, 20_000);
    writeComic(root, 'Later/second.cbz', null);
    await waitFor(() => /^\[\d\d:\d\d:\d\d\] Later: 1 created in /m.test(watch.output.stdout), `the batch line (stdout: ${watch.output.stdout})`);
    watch.child.kill(signal);

    expect(await watch.exited).toBe(0);
    expect(watch.output.stderr).toContain('longbox: stopping');
    expect(watch.output.stdout.trim().split('\n')).toHaveLength(2);
    expect(comicPaths(db)).toEqual(['Later/second.cbz', 'first.cbz']);
  });

  it('fails with exit 2 and one line when the folder is missing', async () => {
    const dir = tempDir();
    const watch = startWatch(join(dir, 'nowhere'), join(dir, 'longbox.sqlite'));
    expect(await watch.exited).toBe(2);
    expect(watch.output.stderr.trim()).toMatch(/^longbox: library root unavailable: .*nowhere \(not found\); nothing to watch$/);
  });

  it.each([
    [['--workers', '300'], '--workers must be a whole number from 1 to 256, got "300"'],
    // A longer timer would fire after 1 ms: full scans back to back.
    [['--full-scan-minutes', '50000'], '--full-scan-minutes must be a whole number from 0 to 35791, got "50000"'],
  ])('exits 2 at once with one line for %j, before watching anything', async (flags, message) => {
    const dir = tempDir();
    const root = join(dir, 'library');
    writeComic(root, 'first.cbz', null);
    const db = join(dir, 'longbox.sqlite');
    const watch = startWatch(root, db, flags);
    expect(await watch.exited).toBe(2);
    expect(watch.output.stderr).toBe(`longbox: ${message}\n`);
    expect(existsSync(db)).toBe(false);
  });

  it('exits 2 with one line when the database would go into a folder that does not exist', async () => {
    const dir = tempDir();
    const root = join(dir, 'library');
    writeComic(root, 'first.cbz', null);
    const db = join(dir, 'nowhere', 'longbox.sqlite');
    const watch = startWatch(root, db);
    expect(await watch.exited).toBe(2);
    expect(watch.output.stderr).toBe(`longbox: database ${db}: its folder ${join(dir, 'nowhere')} does not exist\n`);
  });
});
