import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** Unix milliseconds computed by SQLite, so raw better-sqlite3 inserts get them too. */
const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * created_at / updated_at for the rows users see. Named tags, composites and joins go without
 * them: they are written in bulk and the extra columns cost write speed.
 * updated_at is refreshed by drizzle updates; raw statements must set it themselves.
 */
export const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(nowMs)
    .$onUpdateFn(() => new Date()),
};
