import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { folders, libraries } from './libraries-and-folders';
import { imprints, publishers, series, volumes } from './hierarchy';
import {
  ageRatings,
  characters,
  countries,
  languages,
  originalFormats,
  scanInfos,
  taggers,
  teams,
} from './named-tags';
import { timestamps } from './timestamps';

/**
 * One row per archive. The hierarchy FKs are NOT NULL and NO ACTION (the importer removes
 * orphans bottom-up; an accidental delete must fail, not cascade); the folder FK is NO ACTION for
 * the same reason; single-valued tags are SET NULL (a comic survives losing its age rating).
 */
export const comics = sqliteTable(
  'comics',
  {
    id: integer('id').primaryKey(),
    libraryId: integer('library_id')
      .notNull()
      .references(() => libraries.id, { onDelete: 'cascade' }),
    folderId: integer('folder_id')
      .notNull()
      .references(() => folders.id),
    /** Relative to the library root, '/' separators. */
    path: text('path').notNull(),
    /** The title. */
    name: text('name'),
    sortName: text('sort_name'),
    collectionTitle: text('collection_title'),
    issueNumber: real('issue_number'),
    issueSuffix: text('issue_suffix'),
    alternativeIssueNumber: real('alternative_issue_number'),
    alternativeIssueSuffix: text('alternative_issue_suffix'),
    publisherId: integer('publisher_id')
      .notNull()
      .references(() => publishers.id),
    imprintId: integer('imprint_id')
      .notNull()
      .references(() => imprints.id),
    seriesId: integer('series_id')
      .notNull()
      .references(() => series.id),
    volumeId: integer('volume_id')
      .notNull()
      .references(() => volumes.id),
    ageRatingId: integer('age_rating_id').references(() => ageRatings.id, { onDelete: 'set null' }),
    originalFormatId: integer('original_format_id').references(() => originalFormats.id, { onDelete: 'set null' }),
    scanInfoId: integer('scan_info_id').references(() => scanInfos.id, { onDelete: 'set null' }),
    taggerId: integer('tagger_id').references(() => taggers.id, { onDelete: 'set null' }),
    mainCharacterId: integer('main_character_id').references(() => characters.id, { onDelete: 'set null' }),
    mainTeamId: integer('main_team_id').references(() => teams.id, { onDelete: 'set null' }),
    countryId: integer('country_id').references(() => countries.id, { onDelete: 'set null' }),
    languageId: integer('language_id').references(() => languages.id, { onDelete: 'set null' }),
    year: integer('year'),
    month: integer('month'),
    day: integer('day'),
    /** 'YYYY-MM-DD' when the year is known; a missing month or day counts as the first. */
    date: text('date'),
    decade: integer('decade'),
    summary: text('summary'),
    review: text('review'),
    notes: text('notes'),
    /** 0..5. */
    communityRating: real('community_rating'),
    communityRatingCount: integer('community_rating_count'),
    pageCount: integer('page_count').notNull().default(0),
    readingDirection: text('reading_direction', { enum: ['ltr', 'rtl', 'ttb', 'btt'] })
      .notNull()
      .default('ltr'),
    monochrome: integer('monochrome', { mode: 'boolean' }).notNull().default(false),
    fileType: text('file_type', { enum: ['CBZ', 'CBR', 'CB7', 'CBT', 'PDF'] }).notNull(),
    size: integer('size').notNull(),
    /** Unix milliseconds of the archive file. */
    mtime: integer('mtime').notNull(),
    inode: integer('inode'),
    /** Unix milliseconds of the metadata the stored values came from, when the source says. */
    metadataMtime: integer('metadata_mtime'),
    /**
     * What this comic's metadata says of its series and volume. volumes.issue_count and
     * series.volume_count are the largest value their comics state, recomputed from these on
     * every import, so the result does not depend on the order comics were imported in.
     */
    seriesVolumeCount: integer('series_volume_count'),
    volumeIssueCount: integer('volume_issue_count'),
    /** Partial content hash, used with `size` to recognise a moved file whose inode changed. */
    fingerprint: text('fingerprint'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('comics_library_id_path_unique').on(t.libraryId, t.path),
    // Change detection reads every comic's stat in path order (a rescan of the whole library):
    // this index answers it alone, without a visit to each comic's row, for about 100 bytes a
    // comic (README, "What bounds the no-change rescan").
    index('comics_change_idx').on(t.libraryId, t.path, t.size, t.mtime, t.inode),
    check('comics_reading_direction_check', sql`${t.readingDirection} in ('ltr', 'rtl', 'ttb', 'btt')`),
    check('comics_file_type_check', sql`${t.fileType} in ('CBZ', 'CBR', 'CB7', 'CBT', 'PDF')`),
    // Every FK is indexed: the importer's lookups and SQLite's own FK checks on delete use them.
    index('comics_folder_id_idx').on(t.folderId),
    index('comics_publisher_id_idx').on(t.publisherId),
    index('comics_imprint_id_idx').on(t.imprintId),
    // Cover the stated counts too: the cleanup phase takes their max per series and volume.
    index('comics_series_id_idx').on(t.seriesId, t.seriesVolumeCount),
    index('comics_volume_id_idx').on(t.volumeId, t.volumeIssueCount),
    index('comics_age_rating_id_idx').on(t.ageRatingId),
    index('comics_original_format_id_idx').on(t.originalFormatId),
    index('comics_scan_info_id_idx').on(t.scanInfoId),
    index('comics_tagger_id_idx').on(t.taggerId),
    index('comics_main_character_id_idx').on(t.mainCharacterId),
    index('comics_main_team_id_idx').on(t.mainTeamId),
    index('comics_country_id_idx').on(t.countryId),
    index('comics_language_id_idx').on(t.languageId),
  ],
);

export type Comic = typeof comics.$inferSelect;
export type NewComic = typeof comics.$inferInsert;
export type ReadingDirection = Comic['readingDirection'];
export type FileType = Comic['fileType'];
