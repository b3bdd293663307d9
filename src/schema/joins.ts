import { index, integer, type SQLiteColumn, sqliteTable, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { comics } from './comics';
import { credits, reprints, storyArcNumbers } from './composite';
import { identifiers } from './identifiers';
import { folders } from './libraries-and-folders';
import { characters, genres, locations, seriesGroups, stories, tags, teams, universes } from './named-tags';

/*
 * Many-to-many links from comics to tags, composites and ancestor folders. Both FKs cascade: a
 * deleted comic takes its links along, and so does a deleted target. UNIQUE(comic_id, x_id) also
 * serves lookups by comic; the extra index on x_id serves "which comics use this" and the
 * cascade from the target side.
 */

const comicId = () =>
  integer('comic_id')
    .notNull()
    .references(() => comics.id, { onDelete: 'cascade' });

function linkIndexes(tableName: string, comic: SQLiteColumn, target: SQLiteColumn) {
  return [
    uniqueIndex(`${tableName}_comic_id_${target.name}_unique`).on(comic, target),
    index(`${tableName}_${target.name}_idx`).on(target),
  ];
}

export const comicCharacters = sqliteTable(
  'comic_characters',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    characterId: integer('character_id')
      .notNull()
      .references(() => characters.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_characters', t.comicId, t.characterId),
);

export const comicTeams = sqliteTable(
  'comic_teams',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_teams', t.comicId, t.teamId),
);

export const comicGenres = sqliteTable(
  'comic_genres',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    genreId: integer('genre_id')
      .notNull()
      .references(() => genres.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_genres', t.comicId, t.genreId),
);

export const comicLocations = sqliteTable(
  'comic_locations',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_locations', t.comicId, t.locationId),
);

export const comicStories = sqliteTable(
  'comic_stories',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_stories', t.comicId, t.storyId),
);

export const comicTags = sqliteTable(
  'comic_tags',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_tags', t.comicId, t.tagId),
);

export const comicSeriesGroups = sqliteTable(
  'comic_series_groups',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    seriesGroupId: integer('series_group_id')
      .notNull()
      .references(() => seriesGroups.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_series_groups', t.comicId, t.seriesGroupId),
);

export const comicUniverses = sqliteTable(
  'comic_universes',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    universeId: integer('universe_id')
      .notNull()
      .references(() => universes.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_universes', t.comicId, t.universeId),
);

export const comicCredits = sqliteTable(
  'comic_credits',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    creditId: integer('credit_id')
      .notNull()
      .references(() => credits.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_credits', t.comicId, t.creditId),
);

export const comicStoryArcNumbers = sqliteTable(
  'comic_story_arc_numbers',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    storyArcNumberId: integer('story_arc_number_id')
      .notNull()
      .references(() => storyArcNumbers.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_story_arc_numbers', t.comicId, t.storyArcNumberId),
);

export const comicIdentifiers = sqliteTable(
  'comic_identifiers',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    identifierId: integer('identifier_id')
      .notNull()
      .references(() => identifiers.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_identifiers', t.comicId, t.identifierId),
);

export const comicReprints = sqliteTable(
  'comic_reprints',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    reprintId: integer('reprint_id')
      .notNull()
      .references(() => reprints.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_reprints', t.comicId, t.reprintId),
);

/** Every ancestor folder of a comic, the library root included (for "all comics under X"). */
export const comicFolders = sqliteTable(
  'comic_folders',
  {
    id: integer('id').primaryKey(),
    comicId: comicId(),
    folderId: integer('folder_id')
      .notNull()
      .references(() => folders.id, { onDelete: 'cascade' }),
  },
  (t) => linkIndexes('comic_folders', t.comicId, t.folderId),
);
