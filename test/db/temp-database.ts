import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type LongboxDb, migrate, openDatabase, type OpenOptions } from 'longbox';

/**
 * Real SQLite files in a fresh temp directory per test. Every connection opened through `open`
 * is closed after the test, then the directory is removed.
 */
export function useTempDatabase() {
  let dir: string | undefined;
  const opened: LongboxDb[] = [];

  afterEach(() => {
    for (const db of opened.splice(0)) if (db.$client.open) db.$client.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const tempDir = () => (dir ??= mkdtempSync(join(tmpdir(), 'longbox-db-')));
  const path = () => join(tempDir(), 'library.sqlite');
  const open = (options?: OpenOptions) => {
    const db = openDatabase(path(), options);
    opened.push(db);
    return db;
  };
  const openMigrated = (options?: OpenOptions) => {
    const db = open(options);
    migrate(db);
    return db;
  };
  return { tempDir, path, open, openMigrated };
}

/** How a duplicate is handled: fail, `INSERT OR IGNORE`, or `INSERT ... ON CONFLICT DO NOTHING`. */
export type OnDuplicate = 'fail' | 'or-ignore' | 'do-nothing';

/** Inserts one row from a column -> value record with raw SQL, as the importer's statements do. */
export function insertRow(db: LongboxDb, table: string, row: Record<string, unknown>, onDuplicate: OnDuplicate = 'fail'): void {
  const columns = Object.keys(row);
  const verb = onDuplicate === 'or-ignore' ? 'INSERT OR IGNORE' : 'INSERT';
  const tail = onDuplicate === 'do-nothing' ? ' ON CONFLICT DO NOTHING' : '';
  const placeholders = columns.map(() => '?').join(', ');
  db.$client.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})${tail}`).run(...Object.values(row));
}

export function countRows(db: LongboxDb, table: string): number {
  return db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
