import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { comics } from './comics';

/**
 * One page of a comic, in reading order (its index in the list is its page index). `entry` is the
 * archive entry to read; a PDF page has none (it is rendered by number). `kind`, `doublePage`,
 * `width` and `height` come from ComicInfo `<Pages>` when the comic has it.
 */
export const comicPageSchema = z.object({
  entry: z.string().min(1).optional(),
  /** Uncompressed bytes as the archive's listing declares them. */
  size: z.number().int().min(0).optional(),
  mediaType: z.string().min(1),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
  /** ComicInfo's page Type: FrontCover, InnerCover, Story, Advertisement, BackCover, ... */
  kind: z.string().min(1).max(64).optional(),
  doublePage: z.literal(true).optional(),
});

export type ComicPage = z.infer<typeof comicPageSchema>;

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
