import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { identifiers } from './identifiers';

/**
 * Named tag tables: one row per distinct name (`name` unique), shared by every comic that uses
 * it. No timestamps: these are written in bulk and the columns would only cost write speed.
 */
function namedTag<N extends string>(tableName: N) {
  return sqliteTable(tableName, {
    id: integer('id').primaryKey(),
    name: text('name').notNull().unique(),
  });
}

/** A multi-valued tag may carry an external identifier (e.g. a Metron id); losing it nulls the link. */
function identifiedTag<N extends string>(tableName: N) {
  return sqliteTable(
    tableName,
    {
      id: integer('id').primaryKey(),
      name: text('name').notNull().unique(),
      identifierId: integer('identifier_id').references(() => identifiers.id, { onDelete: 'set null' }),
    },
    (t) => [index(`${tableName}_identifier_id_idx`).on(t.identifierId)],
  );
}

// Single-valued: a comic points at one of each through a nullable FK.
export const ageRatings = namedTag('age_ratings');
/** ISO 3166-1 alpha-2 codes. */
export const countries = namedTag('countries');
/** ISO 639-1 alpha-2 codes. */
export const languages = namedTag('languages');
export const originalFormats = namedTag('original_formats');
export const scanInfos = namedTag('scan_infos');
export const taggers = namedTag('taggers');

// Multi-valued: linked to comics through the join tables.
export const characters = identifiedTag('characters');
export const teams = identifiedTag('teams');
export const genres = identifiedTag('genres');
export const locations = identifiedTag('locations');
export const stories = identifiedTag('stories');
export const tags = identifiedTag('tags');
export const seriesGroups = identifiedTag('series_groups');
export const storyArcs = identifiedTag('story_arcs');
export const creditPersons = identifiedTag('credit_persons');
export const creditRoles = namedTag('credit_roles');

export const universes = sqliteTable(
  'universes',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull().unique(),
    identifierId: integer('identifier_id').references(() => identifiers.id, { onDelete: 'set null' }),
    /** e.g. "Earth-616". */
    designation: text('designation'),
  },
  (t) => [index('universes_identifier_id_idx').on(t.identifierId)],
);

export type NamedTag = typeof ageRatings.$inferSelect;
export type NewNamedTag = typeof ageRatings.$inferInsert;
export type IdentifiedTag = typeof characters.$inferSelect;
export type NewIdentifiedTag = typeof characters.$inferInsert;
export type Universe = typeof universes.$inferSelect;
export type NewUniverse = typeof universes.$inferInsert;
