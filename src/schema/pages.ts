import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { comics } from './comics';
import type { ComicPage } from './comic-page';

/**
 * The page list of a comic: one row per comic, the pages as one JSON array. A reader always wants
 * the whole list, a 40-page comic then costs the import one insert instead of 40, and SQLite's
 * json_each still queries single pages. `cover_index` is derived from the list (the FrontCover
 * page, else 0) and stored so finding comics whose cover is stale is a plain join.
 */
export const comicPages = sqliteTable('comic_pages', {
  comicId: integer('comic_id')
    .primaryKey()
    .references(() => comics.id, { onDelete: 'cascade' }),
  pages: text('pages', { mode: 'json' }).$type<ComicPage[]>().notNull(),
  coverIndex: integer('cover_index').notNull(),
});

export type ComicPagesRow = typeof comicPages.$inferSelect;
