import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { identifiers } from './identifiers';
import { nullSafeInteger } from './null-safe';
import { timestamps } from './timestamps';

/**
 * publishers > imprints > series > volumes. Every comic is linked to all four: the empty string
 * '' is the "none" name for a publisher, imprint or series, and a volume with number NULL is "no
 * volume". Parents are NO ACTION: the importer removes orphans bottom-up, so an accidental delete
 * of a parent that still has children must fail instead of cascading. Publishers, imprints and
 * series may carry an external identifier (a Metron or Comic Vine id); losing it nulls the link.
 */
const identifierId = () => integer('identifier_id').references(() => identifiers.id, { onDelete: 'set null' });

export const publishers = sqliteTable(
  'publishers',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull().unique(),
    identifierId: identifierId(),
    ...timestamps,
  },
  (t) => [index('publishers_identifier_id_idx').on(t.identifierId)],
);

export const imprints = sqliteTable(
  'imprints',
  {
    id: integer('id').primaryKey(),
    publisherId: integer('publisher_id')
      .notNull()
      .references(() => publishers.id),
    name: text('name').notNull(),
    identifierId: identifierId(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('imprints_publisher_id_name_unique').on(t.publisherId, t.name),
    index('imprints_identifier_id_idx').on(t.identifierId),
  ],
);

export const series = sqliteTable(
  'series',
  {
    id: integer('id').primaryKey(),
    imprintId: integer('imprint_id')
      .notNull()
      .references(() => imprints.id),
    name: text('name').notNull(),
    volumeCount: integer('volume_count'),
    identifierId: identifierId(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('series_imprint_id_name_unique').on(t.imprintId, t.name),
    index('series_identifier_id_idx').on(t.identifierId),
  ],
);

/** number NULL = no volume; the unique key is NULL-safe (see null-safe.ts). */
export const volumes = sqliteTable(
  'volumes',
  {
    id: integer('id').primaryKey(),
    seriesId: integer('series_id')
      .notNull()
      .references(() => series.id),
    number: integer('number'),
    numberTo: integer('number_to'),
    issueCount: integer('issue_count'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('volumes_series_id_number_number_to_unique').on(
      t.seriesId,
      nullSafeInteger(t.number),
      nullSafeInteger(t.numberTo),
    ),
  ],
);

export type Publisher = typeof publishers.$inferSelect;
export type NewPublisher = typeof publishers.$inferInsert;
export type Imprint = typeof imprints.$inferSelect;
export type NewImprint = typeof imprints.$inferInsert;
export type Series = typeof series.$inferSelect;
export type NewSeries = typeof series.$inferInsert;
export type Volume = typeof volumes.$inferSelect;
export type NewVolume = typeof volumes.$inferInsert;
