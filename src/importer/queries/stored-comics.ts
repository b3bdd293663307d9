import type { Database } from 'better-sqlite3';
import { comics, failedImports } from '../../schema';
import type { StoredComic, StoredFailure } from '../scan/diff';
import { type LinkKind, linkTables } from './link-tables';
import { contentColumns, type DriverValue } from './comic-columns';
import { batches, columnList, columnName, MAX_PARAMETERS, placeholders, tableName } from './sql-names';

/** What change detection needs of every comic in the library: one pass, no joins. */
export function selectStoredStats(client: Database, libraryId: number): StoredComic[] {
  return client
    .prepare(`SELECT id, path, size, mtime, inode, fingerprint FROM ${tableName(comics)} WHERE library_id = ?`)
    .all(libraryId) as StoredComic[];
}

export function selectStoredFailures(client: Database, libraryId: number): StoredFailure[] {
  return client
    .prepare(`SELECT path, size, mtime FROM ${tableName(failedImports)} WHERE library_id = ?`)
    .all(libraryId) as StoredFailure[];
}

/** Runs `select` once per batch of ids, under SQLite's bound-parameter limit. */
function selectByIds<T>(client: Database, ids: readonly number[], sql: (list: string) => string, each: (row: T) => void) {
  for (const batch of batches(ids, MAX_PARAMETERS)) {
    for (const row of client.prepare(sql(placeholders(batch.length))).raw().iterate(...batch)) each(row as T);
  }
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
    (list) => `SELECT rowid, * FROM comics_fts WHERE rowid IN (${list})`,
    (row) => documents.set(row[0] as number, row.slice(1) as string[]),
  );
  return documents;
}
