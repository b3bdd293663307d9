import { getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/*
 * Hot statements run on the raw better-sqlite3 client (prepared once; drizzle's query builder
 * costs 25-85% of the speed there, DESIGN section 6). Their table and column names still come
 * from the drizzle schema, so the schema stays the single source of every name.
 */
export const tableName = (table: SQLiteTable): string => `"${getTableName(table)}"`;

export const columnName = (column: SQLiteColumn): string => `"${column.name}"`;

export const columnList = (columns: readonly SQLiteColumn[]): string => columns.map(columnName).join(', ');

export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

/** SQLite allows 32766 bound parameters per statement; batches stay well under it. */
export const MAX_PARAMETERS = 30_000;

export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
