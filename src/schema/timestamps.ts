import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/**
 * Unix milliseconds computed by SQLite: the column default, and what raw statements write into
 * updated_at (they bypass drizzle's $onUpdateFn).
 */
export const NOW_MS_SQL = "cast(unixepoch('subsec') * 1000 as integer)";

const nowMs = sql.raw(`(${NOW_MS_SQL})`);

/**
 * created_at / updated_at for the rows users see. Named tags, composites and joins go without
 * them: they are written in bulk and the extra columns cost write speed.
 * updated_at is refreshed by drizzle updates; raw statements must set it themselves (NOW_MS_SQL).
 */
export const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(nowMs)
    .$onUpdateFn(() => new Date()),
};
