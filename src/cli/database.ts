import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type LongboxDb, openDatabase } from '../db';
import { CliError } from './exit';

/**
 * Opens the database of a read-only command. It must exist (a read-only open would otherwise
 * fail with SQLite's bare "unable to open database file") and hold longbox's tables.
 */
export function openExistingDatabase(path: string): LongboxDb {
  assertDatabaseExists(path);
  const db = withDatabaseErrors(path, () => openDatabase(path, { readonly: true }));
  try {
    const hasComics = withDatabaseErrors(path, () =>
      db.$client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comics'`).pluck().get(),
    );
    if (!hasComics) throw new CliError(`${path} is not a longbox database (it has no comics table); import a folder into it first`);
    return db;
  } catch (error) {
    db.$client.close();
    throw error;
  }
}

/**
 * Before a command that writes to a database it must not create (covers, relocate): opening it
 * for writing would migrate longbox's tables into whatever file the path names.
 */
export function assertLongboxDatabase(path: string): void {
  openExistingDatabase(path).$client.close();
}

/** Before a command that reads an existing database (opening it would create an empty one). */
function assertDatabaseExists(path: string): void {
  if (!existsSync(path)) throw new CliError(`no database at ${path}; create it with: longbox import <folder> --db ${path}`);
}

/**
 * Before a command creates the database: better-sqlite3 reports a missing folder as a bare
 * TypeError that names no path.
 */
export function assertDatabaseFolder(path: string): void {
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new CliError(`database ${path}: its folder ${folder} does not exist`);
}

/** Runs `fn` on the database, closing it whatever happens. */
export function withExistingDatabase<T>(path: string, fn: (db: LongboxDb) => T): T {
  const db = openExistingDatabase(path);
  try {
    return withDatabaseErrors(path, () => fn(db));
  } finally {
    db.$client.close();
  }
}

/** SQLite's own messages do not say which file they are about; this adds it. */
export function withDatabaseErrors<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw explainDatabaseError(path, error);
  }
}

export function explainDatabaseError(path: string, error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  // better-sqlite3 gives SQLite's extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_READ):
  // the primary code's reason fits them when the extended one has none of its own.
  const primary = /^SQLITE_[A-Z]+/.exec(error.code)?.[0] ?? error.code;
  const reason = DATABASE_REASONS[error.code] ?? DATABASE_REASONS[primary] ?? error.message;
  return new CliError(`database ${path}: ${reason}`, undefined, { cause: error });
}

/** The codes people meet in practice, said in terms of what to do about them. */
const DATABASE_REASONS: Record<string, string> = {
  SQLITE_CANTOPEN: 'cannot open the file (does its folder exist, and may longbox write there?)',
  SQLITE_NOTADB: 'not a SQLite database',
  SQLITE_CORRUPT: 'the file is damaged (PRAGMA integrity_check tells more)',
  SQLITE_BUSY: 'locked by another process; try again when it has finished',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_READONLY_DIRECTORY: 'its folder is read-only, and SQLite must create its -wal and -shm files beside it',
  SQLITE_IOERR: 'the disk could not be read or written (is it still mounted?)',
  SQLITE_FULL: 'the disk is full',
};
