import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { libraries } from './libraries-and-folders';
import { timestamps } from './timestamps';

/** Archives that could not be imported, with a reason a person can act on. */
export const failedImports = sqliteTable(
  'failed_imports',
  {
    id: integer('id').primaryKey(),
    libraryId: integer('library_id')
      .notNull()
      .references(() => libraries.id, { onDelete: 'cascade' }),
    /** Relative to the library root, '/' separators. */
    path: text('path').notNull(),
    /** Unix milliseconds. */
    mtime: integer('mtime').notNull(),
    size: integer('size').notNull(),
    reason: text('reason').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('failed_imports_library_id_path_unique').on(t.libraryId, t.path)],
);

export type FailedImport = typeof failedImports.$inferSelect;
export type NewFailedImport = typeof failedImports.$inferInsert;
