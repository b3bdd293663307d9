import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/*
 * SQLite treats NULLs in a UNIQUE index as distinct, so `(series 1, NULL, NULL)` could be inserted
 * twice. A NULL-safe unique key indexes an expression that maps NULL to a sentinel whose storage
 * class the column can never hold:
 * - INTEGER columns get '' (text): a number stored in an INTEGER column is always an integer.
 * - TEXT columns get 0 (integer): TEXT affinity stores any number as text, so 0 never equals '0'.
 * The expression is a CASE, not coalesce(): drizzle-kit splits sqlite index expressions on commas
 * and would emit a broken CREATE INDEX for coalesce(x, '').
 */
export function nullSafeInteger(column: SQLiteColumn): SQL {
  return sql`(CASE WHEN ${column} IS NULL THEN '' ELSE ${column} END)`;
}

export function nullSafeText(column: SQLiteColumn): SQL {
  return sql`(CASE WHEN ${column} IS NULL THEN 0 ELSE ${column} END)`;
}
