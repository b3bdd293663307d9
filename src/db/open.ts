import { realpathSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../schema';

export type LongboxSchema = typeof schema;
/** The drizzle database with the full schema; `db.$client` is the raw better-sqlite3 connection. */
export type LongboxDb = BetterSQLite3Database<LongboxSchema> & { $client: Database.Database };

export interface OpenOptions {
  /** How long a statement waits for another connection's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/** Runs on every connection the factory opens, after the steady-state PRAGMAs. */
export type ConnectionHook = (db: LongboxDb) => void;

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** DESIGN.md section 2, steady state (busy_timeout is per connection). */
const STEADY_CACHE_SIZE = -64_000;
const STEADY_WAL_AUTOCHECKPOINT = 1000;
const MMAP_SIZE = 256 * 1024 * 1024;

interface Connection {
  file: DatabaseFile;
  busyTimeoutMs: number;
}

const connections = new Map<LongboxDb, Connection>();
const hooks = new Set<ConnectionHook>();

/**
 * The one way longbox opens SQLite: applies the steady-state PRAGMAs, then every registered hook
 * (the importer's PRAGMA scope is one), and tracks the connection until it is closed.
 */
export function openDatabase(path: string, options: OpenOptions = {}): LongboxDb {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const readonly = options.readonly ?? false;
  const client = new Database(path, { readonly, timeout: busyTimeoutMs });
  const db = drizzle({ client, schema });
  try {
    connections.set(db, { file: mainFile(db), busyTimeoutMs });
    // A read-only connection cannot switch the journal mode; it reads the file's WAL mode as is.
    if (!readonly) enableWal(client, busyTimeoutMs);
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('temp_store = MEMORY');
    applySteadyState(db);
    for (const hook of hooks) hook(db);
  } catch (error) {
    connections.delete(db);
    client.close();
    throw error;
  }
  untrackOnClose(db);
  return db;
}

/**
 * Switches the file to WAL. SQLite answers this switch with "database is locked" at once, without
 * its busy handler, when another connection creates or switches the same new file at that moment
 * (two processes migrating a new database): wait and retry within the busy timeout instead.
 */
function enableWal(client: Database.Database, busyTimeoutMs: number): void {
  const deadline = performance.now() + busyTimeoutMs;
  for (;;) {
    try {
      client.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== 'SQLITE_BUSY' || performance.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_RETRY_MS);
    }
  }
}

const WAL_RETRY_MS = 5;

/** Registers a hook for connections opened from now on; returns its unregister function. */
export function registerConnectionHook(hook: ConnectionHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/**
 * Identifies the database file of a connection opened by the factory: its canonical path, or the
 * connection itself for an in-memory database (which no other connection can share).
 */
export type DatabaseFile = string | LongboxDb;

export function databaseFileOf(db: LongboxDb): DatabaseFile {
  return connections.get(db)?.file ?? mainFile(db);
}

/** The connections to `file` that are still open. */
export function openConnectionsTo(file: DatabaseFile): LongboxDb[] {
  return [...connections].filter(([, c]) => c.file === file).map(([db]) => db);
}

/** Sets the PRAGMAs an import scope changes to their steady-state values. */
export function applySteadyState(db: LongboxDb): void {
  const client = db.$client;
  client.pragma(`busy_timeout = ${steadyBusyTimeoutMs(db)}`);
  client.pragma(`cache_size = ${STEADY_CACHE_SIZE}`);
  client.pragma(`wal_autocheckpoint = ${STEADY_WAL_AUTOCHECKPOINT}`);
  client.pragma(`mmap_size = ${MMAP_SIZE}`);
}

export function steadyBusyTimeoutMs(db: LongboxDb): number {
  return connections.get(db)?.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
}

function mainFile(db: LongboxDb): DatabaseFile {
  const list = db.$client.pragma('database_list') as { name: string; file: string }[];
  const main = list.find((entry) => entry.name === 'main')?.file;
  return main ? realpathSync(main) : db;
}

/** better-sqlite3 has no close event, so the instance's close() also forgets the connection. */
function untrackOnClose(db: LongboxDb): void {
  const client = db.$client;
  const close = client.close.bind(client);
  client.close = () => {
    connections.delete(db);
    return close();
  };
}
