import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { comics } from './comics';
import { timestamps } from './timestamps';

/**
 * A comic's cover thumbnail. `path` is relative to the covers folder beside the database and
 * names the file by a hash of its bytes; `size` and `mtime` are the comic file's when it was made
 * (what the import compares too), so a changed comic (or a different cover page) is known to need
 * a new one. `size` is NULL on a row from before it was kept whose comic had changed since.
 */
export const covers = sqliteTable(
  'covers',
  {
    comicId: integer('comic_id')
      .primaryKey()
      .references(() => comics.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    pageIndex: integer('page_index').notNull(),
    size: integer('size'),
    mtime: integer('mtime').notNull(),
    ...timestamps,
  },
  // Two comics with the same cover share one file: it goes only when no row names it any more.
  (t) => [index('covers_path_idx').on(t.path)],
);

/**
 * Comics whose cover could not be made, and why (`longbox failed` lists them). Kept until the
 * comic or its cover page changes, so a hostile image is not decoded again on every run.
 */
export const coverFailures = sqliteTable('cover_failures', {
  comicId: integer('comic_id')
    .primaryKey()
    .references(() => comics.id, { onDelete: 'cascade' }),
  pageIndex: integer('page_index').notNull(),
  size: integer('size'),
  mtime: integer('mtime').notNull(),
  reason: text('reason').notNull(),
  ...timestamps,
});

export type Cover = typeof covers.$inferSelect;
export type CoverFailure = typeof coverFailures.$inferSelect;
