import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { nullSafeInteger, nullSafeText } from './null-safe';
import { creditPersons, creditRoles, storyArcs } from './named-tags';

/*
 * Composite rows are identified by several parts, some optional; their unique keys are NULL-safe
 * (see null-safe.ts), so `INSERT ... ON CONFLICT DO NOTHING` keeps one row per key.
 * Parts are NO ACTION: the importer deletes orphaned composites before their parts.
 */

export const credits = sqliteTable(
  'credits',
  {
    id: integer('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => creditPersons.id),
    roleId: integer('role_id').references(() => creditRoles.id),
  },
  (t) => [
    uniqueIndex('credits_person_id_role_id_unique').on(t.personId, nullSafeInteger(t.roleId)),
    index('credits_role_id_idx').on(t.roleId),
  ],
);

export const storyArcNumbers = sqliteTable(
  'story_arc_numbers',
  {
    id: integer('id').primaryKey(),
    storyArcId: integer('story_arc_id')
      .notNull()
      .references(() => storyArcs.id),
    number: integer('number'),
  },
  (t) => [uniqueIndex('story_arc_numbers_story_arc_id_number_unique').on(t.storyArcId, nullSafeInteger(t.number))],
);

export const reprints = sqliteTable(
  'reprints',
  {
    id: integer('id').primaryKey(),
    seriesName: text('series_name').notNull(),
    volumeNumber: integer('volume_number'),
    issue: text('issue'),
    /** ISO 639-1 alpha-2. */
    language: text('language'),
    /**
     * The reprinting series' issue count (ComicInfo AlternateCount). Part of the key, like every
     * part a comic states, so the stored rows never depend on which comic was written last.
     */
    issueCount: integer('issue_count'),
  },
  (t) => [
    uniqueIndex('reprints_series_name_volume_number_issue_language_issue_count_unique').on(
      t.seriesName,
      nullSafeInteger(t.volumeNumber),
      nullSafeText(t.issue),
      nullSafeText(t.language),
      nullSafeInteger(t.issueCount),
    ),
  ],
);

export type Credit = typeof credits.$inferSelect;
export type NewCredit = typeof credits.$inferInsert;
export type StoryArcNumber = typeof storyArcNumbers.$inferSelect;
export type NewStoryArcNumber = typeof storyArcNumbers.$inferInsert;
export type Reprint = typeof reprints.$inferSelect;
export type NewReprint = typeof reprints.$inferInsert;
