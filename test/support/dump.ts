import type { Database } from 'better-sqlite3';

/** Ids, timestamps, and the import's own bookkeeping (a watch batch leaves a sweep owed, a full scan does not). */
const IGNORED_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'sweep_owed']);
/** Rows referenced by these columns alone: short references keep a failing diff readable. */
const IDENTITY: Record<string, string> = { libraries: 'path', folders: 'path', comics: 'path' };

/**
 * The database's content as a plain object with ids and timestamps taken out: every foreign key
 * is replaced by the natural content of the row it points at (recursively), every table's rows
 * are sorted. Two databases with the same dump hold the same library, whatever their ids.
 */
export function canonicalDump(client: Database): Record<string, string[]> {
  const tables = (client.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name NOT LIKE 'comics_fts_%'`).pluck().all() as string[]).sort();
  const foreignKeys = new Map<string, Map<string, string>>();
  for (const table of tables) {
    if (table === 'comics_fts') continue;
    const fks = client.pragma(`foreign_key_list("${table}")`) as { from: string; table: string }[];
    foreignKeys.set(table, new Map(fks.map((fk) => [fk.from, fk.table])));
  }
  const cache = new Map<string, string>();
  const naturalKey = (table: string, id: number | null): string => {
    if (id === null) return 'null';
    const cacheKey = `${table}:${id}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const row = client.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    const identity = IDENTITY[table];
    const value = !row ? `<missing ${table} ${id}>` : identity ? String(row[identity]) : describe(table, row);
    cache.set(cacheKey, value);
    return value;
  };
  const describe = (table: string, row: Record<string, unknown>): string => {
    const fks = foreignKeys.get(table)!;
    const parts: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (IGNORED_COLUMNS.has(column)) continue;
      const target = fks.get(column);
      parts[column] = target ? naturalKey(target, value as number | null) : value;
    }
    return JSON.stringify(parts);
  };
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    if (table === 'comics_fts') {
      dump[table] = (client.prepare('SELECT rowid, * FROM comics_fts').all() as Record<string, unknown>[])
        .map(({ rowid, ...text }) => JSON.stringify({ comic: naturalKey('comics', rowid as number), ...text }))
        .sort();
      continue;
    }
    dump[table] = (client.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]).map((row) => describe(table, row)).sort();
  }
  return dump;
}
