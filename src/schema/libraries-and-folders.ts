import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamps } from './timestamps';

/** One row per library root; `path` is absolute. */
export const libraries = sqliteTable('libraries', {
  id: integer('id').primaryKey(),
  path: text('path').notNull().unique(),
  /**
   * True from the first transaction of an import that changed anything in this library until a
   * full scan's cleanup swept the reference tables and folders: only then can unused rows exist,
   * so a full scan that finds it false and changes nothing skips the sweep. Committed with the
   * change itself, so a run killed half-way leaves it true.
   */
  sweepOwed: integer('sweep_owed', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
});

/**
 * The folder tree of a library. `path` is relative to the library root with '/' separators; the
 * root itself is the row with path '' and parent_id NULL.
 */
export const folders = sqliteTable(
  'folders',
  {
    id: integer('id').primaryKey(),
    libraryId: integer('library_id')
      .notNull()
      .references(() => libraries.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => folders.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    name: text('name').notNull(),
    sortName: text('sort_name').notNull(),
    /** Unix milliseconds. */
    mtime: integer('mtime').notNull(),
    size: integer('size').notNull(),
    inode: integer('inode'),
    ...timestamps,
  },
  (t) => [uniqueIndex('folders_library_id_path_unique').on(t.libraryId, t.path), index('folders_parent_id_idx').on(t.parentId)],
);

export type Library = typeof libraries.$inferSelect;
export type NewLibrary = typeof libraries.$inferInsert;
export type Folder = typeof folders.$inferSelect;
export type NewFolder = typeof folders.$inferInsert;
