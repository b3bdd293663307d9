import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/*
 * SQLite treats NULLs in a UNIQUE index as distinct, so `(series 1, NULL, NULL)` could be inserted
 * twice. A NULL-safe unique key indexes an expression that maps NULL to a sentinel whose storage
 * class the column can never hold:
 * - INTEGER and REAL columns get '' (text): a number column stores numbers, and '' is no number.
 * - TEXT columns get 0 (integer): TEXT affinity stores any number as text, so 0 never equals '0'.
 * The expression is a CASE, not coalesce(): drizzle-kit splits sqlite index expressions on commas
 * and would emit a broken CREATE INDEX for coalesce(x, '').
 * The importer's raw lookups build the same expression with `nullSafeSql`, so they search the index.
 */
export function nullSafeInteger(column: SQLiteColumn): SQL {
  return sql`(CASE WHEN ${column} IS NULL THEN '' ELSE ${column} END)`;
}

export function nullSafeText(column: SQLiteColumn): SQL {
  return sql`(CASE WHEN ${column} IS NULL THEN 0 ELSE ${column} END)`;
}

/** The NULL sentinel of a column's key expression (see above). */
export function nullSentinel(column: SQLiteColumn): "''" | '0' {
  switch (column.columnType) {
    case 'SQLiteText':
      return '0';
    case 'SQLiteInteger':
    case 'SQLiteReal':
    case 'SQLiteTimestamp':
    case 'SQLiteBoolean':
      return "''";
    default:
      throw new Error(`no NULL-safe sentinel for ${column.name} (${column.columnType})`);
  }
}

/**
 * The key expression of `column` applied to a raw SQL operand (a column name or a parameter),
 * exactly as the unique index spells it for the column.
 */
export function nullSafeSql(column: SQLiteColumn, operand: string): string {
  return `(CASE WHEN ${operand} IS NULL THEN ${nullSentinel(column)} ELSE ${operand} END)`;
}
