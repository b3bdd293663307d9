import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { explainDatabaseError } from '../../src/cli/database';
import { describeFailure } from '../../src/cli/errors';
import { CliError } from '../../src/cli/exit';
import { LongboxError } from '../../src/errors';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('describeFailure', () => {
  it.each([
    [new LongboxError('ROOT_UNAVAILABLE', 'library root unavailable: /x (not found); nothing was changed'), 2, 'library root unavailable: /x (not found); nothing was changed'],
    [new LongboxError('ABORTED', 'import aborted'), 130, 'import interrupted; the work committed so far is kept, and running the same command again completes it'],
    [new DOMException('This operation was aborted', 'AbortError'), 130, 'import interrupted; the work committed so far is kept, and running the same command again completes it'],
    [new LongboxError('MIGRATION_FAILED', 'Migration failed and was rolled back: boom'), 2, 'database migration failed: Migration failed and was rolled back: boom'],
    [new CliError('no database at x.sqlite'), 2, 'no database at x.sqlite'],
    [thrownBy(() => parseArgs({ args: ['--nope'], options: {} })), 2, "Unknown option '--nope' (see --help)"],
    [new Error('kaboom'), 2, 'unexpected error: kaboom (set LONGBOX_DEBUG=1 for the stack trace)'],
  ])('maps %s to exit %d and one line', (error, exitCode, message) => {
    expect(describeFailure(error)).toEqual({ exitCode, message });
  });

  it('names the SQLite code of a database error', () => {
    const error = thrownBy(() => new Database(':memory:').prepare('SELECT * FROM nowhere'));
    expect(describeFailure(error)).toEqual({ exitCode: 2, message: 'database error (SQLITE_ERROR): no such table: nowhere' });
  });
});

describe('explainDatabaseError', () => {
  it.each([
    ['SQLITE_READONLY_DIRECTORY', 'database x.sqlite: its folder is read-only, and SQLite must create its -wal and -shm files beside it'],
    // An extended code with no words of its own takes its primary code's.
    ['SQLITE_IOERR_READ', 'database x.sqlite: the disk could not be read or written (is it still mounted?)'],
    ['SQLITE_READONLY_DBMOVED', 'database x.sqlite: the file is read-only'],
    ['SQLITE_MISMATCH', 'database x.sqlite: datatype mismatch'],
  ])('says what %s means, naming the file', (code, message) => {
    const error = explainDatabaseError('x.sqlite', new Database.SqliteError(code === 'SQLITE_MISMATCH' ? 'datatype mismatch' : 'low-level words', code));
    expect(error).toMatchObject({ message });
  });
});
