import type { Database } from 'better-sqlite3';
import { DEFAULT_IMPORT_CACHE_KIB, migrate, openDatabase } from '../../src/db';

export interface WriteFloorResult {
  /** The inserts, in one transaction, commit included. */
  insertMs: number;
  /** The WAL checkpoint (TRUNCATE) afterwards, which an import pays at its end too. */
  checkpointMs: number;
  /** insertMs + checkpointMs: the floor the import is compared with. */
  ms: number;
  rows: number;
  tables: Record<string, number>;
}

/** Import PRAGMAs as the importer sets them, so only the statements differ. */
const IMPORT_CACHE_KIB = DEFAULT_IMPORT_CACHE_KIB;

/**
 * The write floor: the same final rows the import produced (every table of `sourcePath`, FTS
 * included), inserted by raw better-sqlite3 prepared statements, one per table, into an empty
 * migrated database at `targetPath`, in one transaction. Rows are loaded before the clock starts.
 */
export function measureWriteFloor(sourcePath: string, targetPath: string): WriteFloorResult {
  const source = openDatabase(sourcePath, { readonly: true });
  const tables = copiedTables(source.$client);
  const data = tables.map((table) => {
    const rowid = table.virtual ? 'rowid AS rowid, ' : '';
    const statement = source.$client.prepare(`SELECT ${rowid}* FROM "${table.name}"`).raw();
    const columns = statement.columns().map((c) => c.name);
    return { name: table.name, columns, rows: statement.all() as unknown[][] };
  });
  source.$client.close();

  const target = openDatabase(targetPath);
  try {
    migrate(target);
    const client = target.$client;
    client.pragma(`cache_size = ${-IMPORT_CACHE_KIB}`);
    client.pragma('wal_autocheckpoint = 0');
    const inserts = data.map(({ name, columns, rows }) => ({
      rows,
      statement: client.prepare(`INSERT INTO "${name}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
    }));
    const started = performance.now();
    client.transaction(() => {
      // Checked at commit: a table referencing itself (folders) needs no particular row order.
      client.pragma('defer_foreign_keys = ON');
      for (const { rows, statement } of inserts) for (const row of rows) statement.run(row);
    }).immediate();
    const inserted = performance.now();
    client.pragma('wal_checkpoint(TRUNCATE)');
    const checkpointed = performance.now();
    return {
      insertMs: inserted - started,
      checkpointMs: checkpointed - inserted,
      ms: checkpointed - started,
      rows: data.reduce((sum, t) => sum + t.rows.length, 0),
      tables: Object.fromEntries(data.map((t) => [t.name, t.rows.length])),
    };
  } finally {
    target.$client.close();
  }
}

interface CopiedTable {
  name: string;
  virtual: boolean;
}

/**
 * Every user table, parents before children (by foreign key), virtual tables last; leaves out
 * SQLite's own tables, the migration journal (the migrated target has its own) and the FTS5
 * shadow tables (FTS fills them itself).
 */
function copiedTables(client: Database): CopiedTable[] {
  const all = client.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name`).all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const plain = all.filter((t) => !virtual.includes(t.name) && !virtual.some((v) => t.name.startsWith(`${v}_`))).map((t) => t.name);
  const parents = new Map(plain.map((name) => [name, (client.pragma(`foreign_key_list("${name}")`) as { table: string }[]).map((fk) => fk.table)]));
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    path.delete(name);
    ordered.push(name);
  };
  for (const name of plain) visit(name, new Set());
  return [...ordered.map((name) => ({ name, virtual: false })), ...virtual.map((name) => ({ name, virtual: true }))];
}
