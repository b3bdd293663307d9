import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { nullSafeInteger, nullSafeText } from './null-safe';

/** Where identifiers come from ("Comic Vine", "Metron", "ISBN"...): a named table of its own. */
export const identifierSources = sqliteTable('identifier_sources', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
});

/** An external id (e.g. source "Metron", type "issue", key "12345"); `url` is not part of the key. */
export const identifiers = sqliteTable(
  'identifiers',
  {
    id: integer('id').primaryKey(),
    sourceId: integer('source_id').references(() => identifierSources.id),
    idType: text('id_type'),
    key: text('key').notNull(),
    url: text('url'),
  },
  (t) => [
    uniqueIndex('identifiers_source_id_id_type_key_unique').on(
      nullSafeInteger(t.sourceId),
      nullSafeText(t.idType),
      t.key,
    ),
    // The unique index starts with an expression, which cannot serve FK lookups on source_id.
    index('identifiers_source_id_idx').on(t.sourceId),
  ],
);

export type Identifier = typeof identifiers.$inferSelect;
export type NewIdentifier = typeof identifiers.$inferInsert;
