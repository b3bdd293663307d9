import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { LongboxError } from '../errors';
import type { LongboxDb } from './open';

/** drizzle/ at the package root, wherever the caller's working directory is. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** drizzle's own bookkeeping table and layout, so drizzle-kit and this function agree on what ran. */
const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrateOptions {
  /** Another drizzle-kit output folder; defaults to the package's drizzle/. */
  migrationsFolder?: string;
}

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/**
 * Applies the pending migrations of drizzle/ in one transaction, with foreign keys off: a table
 * rebuild (create new, copy, DROP old, rename) would otherwise cascade the DROP into child rows,
 * and `PRAGMA foreign_keys` is a no-op once a transaction is open. Before committing,
 * `PRAGMA foreign_key_check` must report nothing, or everything rolls back. Migrations already
 * applied are skipped, so a second run changes nothing.
 *
 * This is drizzle's migrator loop (same table, same "newer than the last applied" rule) with the
 * check moved inside the transaction: drizzle's own migrate() commits before anyone could check.
 * The applied migrations are read again inside the IMMEDIATE transaction (which holds the write
 * lock), so two processes migrating at once apply each migration once. A current schema costs the
 * journal and one query: every import starts here, and neither a watch batch nor the CLI's start
 * should pay for reading and hashing every migration file (the first hash alone initialises
 * OpenSSL).
 */
export function migrate(db: LongboxDb, options: MigrateOptions = {}): void {
  const client = db.$client;
  if (client.inTransaction) {
    throw new LongboxError('MIGRATION_FAILED', 'migrate() cannot run inside a transaction: foreign keys must be switched off first.');
  }
  const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  const newest = newestInJournal(folder);
  if (newest === undefined || (lastApplied(client) ?? -Infinity) >= newest) return;
  const migrations = migrationsIn(folder);
  const pendingAfter = (last: number | undefined) => migrations.filter((m) => last === undefined || last < m.folderMillis);

  // The connection may be the application's, with foreign keys off on purpose: put back what was.
  const foreignKeys = client.pragma('foreign_keys', { simple: true }) === 1;
  client.pragma('foreign_keys = OFF');
  try {
    client.transaction(() => {
      client.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
      const insert = client.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
      for (const migration of pendingAfter(lastApplied(client))) {
        for (const statement of migration.sql) {
          if (statement.trim()) client.exec(statement);
        }
        insert.run(migration.hash, migration.folderMillis);
      }
      const violations = client.pragma('foreign_key_check') as ForeignKeyViolation[];
      if (violations.length > 0) {
        const rows = violations.map((v) => `${v.table} rowid ${v.rowid} -> ${v.parent}`).join('; ');
        throw new LongboxError('FOREIGN_KEY_VIOLATION', `Migration left rows violating foreign keys, rolled back: ${rows}`);
      }
    }).immediate();
  } catch (error) {
    if (error instanceof LongboxError) throw error;
    throw new LongboxError('MIGRATION_FAILED', `Migration failed and was rolled back: ${(error as Error).message}`, { cause: error });
  } finally {
    client.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

/**
 * drizzle-kit's journal lists the migrations; the newest one's `when` is the `created_at` its run
 * logs. Without a journal, drizzle's reader gives its own error.
 */
function newestInJournal(folder: string): number | undefined {
  const journal = join(folder, 'meta', '_journal.json');
  if (!existsSync(journal)) return migrationsIn(folder).at(-1)?.folderMillis;
  return (JSON.parse(readFileSync(journal, 'utf8')) as { entries: { when: number }[] }).entries.at(-1)?.when;
}

type Migrations = ReturnType<typeof readMigrationFiles>;
/** The package's own migrations are read once per process; another folder every time (tests write them). */
let packageMigrations: Migrations | undefined;

function migrationsIn(folder: string): Migrations {
  if (folder !== MIGRATIONS_FOLDER) return readMigrationFiles({ migrationsFolder: folder });
  packageMigrations ??= readMigrationFiles({ migrationsFolder: folder });
  return packageMigrations;
}

/** created_at of the newest applied migration; undefined when none ran (or the log does not exist). */
function lastApplied(client: LongboxDb['$client']): number | undefined {
  const logged = client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  if (!logged) return undefined;
  const last = client.prepare(`SELECT max(created_at) FROM "${MIGRATIONS_TABLE}"`).pluck().get() as number | string | null;
  return last === null ? undefined : Number(last);
}
