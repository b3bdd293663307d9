import type { Database, Statement } from 'better-sqlite3';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { comics, comicsFtsColumns, failedImports } from '../../schema';
import type { StoredComic, StoredFailure } from '../scan/diff';
import { type LinkKind, linkTables } from './link-tables';
import { batchStatements } from './batch-statements';
import { contentColumns, type DriverValue } from './comic-columns';
import { pathInScope } from './scope';
import { columnList, columnName, placeholders, tableName } from './sql-names';

/** Rows of the library, or only those at or under the given library paths (a watch batch). */
function selectInScope<T>(client: Database, columns: string, table: string, libraryId: number, scope: readonly string[] | undefined): T[] {
  if (!scope) return client.prepare(`SELECT ${columns} FROM ${table} WHERE library_id = ?`).all(libraryId) as T[];
  const statement = client.prepare(
    `SELECT ${columns} FROM ${table} WHERE library_id = @library AND ${pathInScope}`,
  );
  return scope.flatMap((path) => statement.all({ library: libraryId, path }) as T[]);
}

/*
 * The failures' columns are listed against the row type (a key missing from either side fails to
 * compile) and aliased to their keys, so each row is the type it is cast to.
 */
const failureColumns = { path: failedImports.path, size: failedImports.size, mtime: failedImports.mtime } satisfies Record<keyof StoredFailure, SQLiteColumn>;

const aliased = (columns: Record<string, SQLiteColumn>) => Object.entries(columns).map(([key, column]) => `${columnName(column)} AS "${key}"`).join(', ');

/**
 * What change detection needs of the library's comics, one row at a time in `ORDER BY path`
 * (the walk's order, read off comics_change_idx alone, which visits no comic row; a whole
 * library's come in index order, a scope's few may be sorted), so the diff merges
 * them with the scan instead of holding them. The connection runs nothing else until the rows
 * are consumed. Rows come raw and are made objects here: better-sqlite3's named rows cost about
 * 1 µs more each, a tenth of a second on a 100k-comic rescan.
 */
export function* iterateStoredStats(client: Database, libraryId: number, scope?: readonly string[]): Generator<StoredComic> {
  const statement = prepareStoredStats(client, scope !== undefined);
  const cursors = scope ? scope.map((path) => () => statement.iterate({ library: libraryId, path })) : [() => statement.iterate(libraryId)];
  for (const open of cursors) {
    for (const [id, path, size, mtime, inode] of open() as Iterable<StatRow>) yield { id, path, size, mtime, inode };
  }
}

/** iterateStoredStats' statement: the whole library's (`?` its id), or one scope path's (`@library`, `@path`). */
export function prepareStoredStats(client: Database, scoped: boolean): Statement {
  const select = `SELECT ${columnList(statColumns)} FROM ${tableName(comics)} WHERE library_id = `;
  return client.prepare(scoped ? `${select}@library AND ${pathInScope} ORDER BY path` : `${select}? ORDER BY path`).raw();
}

/**
 * The stat columns in the order of a raw row, and that row's type: the SELECT, the type and the
 * destructuring above follow this one order (a swap of size and mtime would make every file look
 * changed, which the no-change tests catch).
 */
const statColumns = [comics.id, comics.path, comics.size, comics.mtime, comics.inode];
type StatRow = [StoredComic['id'], StoredComic['path'], StoredComic['size'], StoredComic['mtime'], StoredComic['inode']];

/** How many comics the library holds (in the scope): asked only when the scan found none. */
export function countStoredComics(client: Database, libraryId: number, scope?: readonly string[]): number {
  const table = tableName(comics);
  if (!scope) return (client.prepare(`SELECT count(*) AS n FROM ${table} WHERE library_id = ?`).get(libraryId) as { n: number }).n;
  const statement = client.prepare(`SELECT count(*) AS n FROM ${table} WHERE library_id = @library AND ${pathInScope}`);
  return scope.reduce((sum, path) => sum + (statement.get({ library: libraryId, path }) as { n: number }).n, 0);
}

/** True when the library holds `count` comics or more: stops at the count, read off the path index. */
export function holdsAtLeast(client: Database, libraryId: number, count: number): boolean {
  return client.prepare(`SELECT 1 FROM ${tableName(comics)} WHERE library_id = ? LIMIT 1 OFFSET ?`).get(libraryId, count - 1) !== undefined;
}

export function selectStoredFailures(client: Database, libraryId: number, scope?: readonly string[]): StoredFailure[] {
  return selectInScope(client, aliased(failureColumns), tableName(failedImports), libraryId, scope);
}

/** Runs `select` once per batch of ids, under SQLite's bound-parameter limit. */
function selectByIds<T>(client: Database, ids: readonly number[], sql: (list: string) => string, each: (row: T) => void) {
  for (const [statement, batch] of batchStatements(client, ids, (count) => sql(placeholders(count)))) {
    for (const row of statement.raw().iterate(...batch)) each(row as T);
  }
}

/** The content fingerprints of the given comics (those that have one): vanished comics, to pair with new files. */
export function selectFingerprints(client: Database, ids: readonly number[]): Map<number, string> {
  const fingerprints = new Map<number, string>();
  selectByIds<[number, string]>(
    client,
    ids,
    (list) => `SELECT ${columnName(comics.id)}, ${columnName(comics.fingerprint)} FROM ${tableName(comics)} WHERE id IN (${list}) AND ${columnName(comics.fingerprint)} IS NOT NULL`,
    ([id, fingerprint]) => fingerprints.set(id, fingerprint),
  );
  return fingerprints;
}

/** Stored content columns of re-read comics, to write only what changed. */
export function selectStoredContent(client: Database, ids: readonly number[]): Map<number, DriverValue[]> {
  const rows = new Map<number, DriverValue[]>();
  selectByIds<DriverValue[]>(
    client,
    ids,
    (list) => `SELECT ${columnName(comics.id)}, ${columnList(contentColumns)} FROM ${tableName(comics)} WHERE id IN (${list})`,
    (row) => rows.set(row[0] as number, row.slice(1)),
  );
  return rows;
}

export function selectStoredLinks(client: Database, kind: LinkKind, ids: readonly number[]): Map<number, number[]> {
  const { table, comic, target } = linkTables[kind];
  const links = new Map<number, number[]>();
  selectByIds<[number, number]>(
    client,
    ids,
    (list) => `SELECT ${columnName(comic)}, ${columnName(target)} FROM ${tableName(table)} WHERE ${columnName(comic)} IN (${list})`,
    ([comicId, targetId]) => {
      const list = links.get(comicId);
      if (list) list.push(targetId);
      else links.set(comicId, [targetId]);
    },
  );
  return links;
}

export function selectStoredSearch(client: Database, ids: readonly number[]): Map<number, string[]> {
  const documents = new Map<number, string[]>();
  selectByIds<unknown[]>(
    client,
    ids,
    // Columns by name, in comicsFtsColumns order: the order searchDocument writes them in.
    (list) => `SELECT rowid, ${comicsFtsColumns.join(', ')} FROM comics_fts WHERE rowid IN (${list})`,
    (row) => documents.set(row[0] as number, row.slice(1) as string[]),
  );
  return documents;
}
