import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalDump } from '../support/dump';
import { tempDir, writeComic } from '../support/library';
import { linesOf, runCli } from './run-cli';

const COMICS = 500;

function dumpOf(path: string) {
  const client = new Database(path, { readonly: true });
  try {
    return { dump: canonicalDump(client), integrity: client.pragma('integrity_check', { simple: true }), comics: client.prepare('SELECT count(*) FROM comics').pluck().get() };
  } finally {
    client.close();
  }
}

/** Comics committed so far; 0 while the database or its tables do not exist yet. */
function committedComics(path: string): number {
  let client: Database.Database | undefined;
  try {
    client = new Database(path, { readonly: true, fileMustExist: true });
    return client.prepare('SELECT count(*) FROM comics').pluck().get() as number;
  } catch {
    return 0;
  } finally {
    client?.close();
  }
}

// Three imports of 500 comics through the CLI: minutes on a busy machine.
describe('longbox import and Ctrl-C', { timeout: 600_000 }, () => {
  it('stops on SIGINT with exit 130 and one line saying so; the next run completes the import', async () => {
    const dir = tempDir();
    const root = join(dir, 'library');
    for (let i = 0; i < COMICS; i++) {
      writeComic(root, `Series ${i % 10}/Issue ${String(i).padStart(3, '0')}.cbz`, { Series: `Series ${i % 10}`, Number: String(i), Characters: [`Hero ${i % 7}`] }, { pages: 1 });
    }
    const db = join(dir, 'interrupted.sqlite');
    // One reader and small chunks make the import take a while. Once a comic is committed the
    // child is frozen (SIGSTOP), so what it has committed is known and it cannot finish while the
    // SIGINT is on its way; then it resumes and meets the SIGINT before its next chunk.
    const args = ['import', root, '--db', db, '--workers', '1', '--chunk-size', '10'];
    let committedAtStop: number | undefined;
    let polling: NodeJS.Timeout | undefined;
    const interrupted = await runCli(args, {
      onStderr(stderr, child) {
        if (polling || !/^read /m.test(stderr)) return;
        polling = setInterval(() => {
          if (committedAtStop !== undefined || committedComics(db) === 0) return;
          clearInterval(polling);
          child.kill('SIGSTOP');
          committedAtStop = committedComics(db);
          child.kill('SIGINT');
          child.kill('SIGCONT');
        }, 10);
      },
    });
    clearInterval(polling);

    expect(committedAtStop).toBeGreaterThan(0);
    expect(committedAtStop).toBeLessThan(COMICS);
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    const messages = linesOf(interrupted.stderr).filter((line) => line.startsWith('longbox:'));
    expect(messages).toEqual([
      'longbox: stopping after the current step; press Ctrl-C again to quit at once',
      'longbox: import interrupted; the work committed so far is kept, and running the same command again completes it',
    ]);
    expect(interrupted.stderr).not.toMatch(/^\s+at /m);
    const partial = dumpOf(db);
    expect(partial.integrity).toBe('ok');
    expect(partial.comics).toBeGreaterThanOrEqual(committedAtStop!);
    expect(partial.comics).toBeLessThan(COMICS);

    const rerun = await runCli(args);
    expect(rerun.code).toBe(0);
    const fresh = join(dir, 'fresh.sqlite');
    expect((await runCli(['import', root, '--db', fresh])).code).toBe(0);

    const completed = dumpOf(db);
    expect(completed.integrity).toBe('ok');
    expect(completed.comics).toBe(COMICS);
    expect(completed.dump).toEqual(dumpOf(fresh).dump);
  });
});
