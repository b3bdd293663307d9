/**
 * `comics_fts` is an FTS5 virtual table, which drizzle's schema language cannot declare. It lives
 * in the hand-written migrations/comics-fts.sql (applied through a drizzle-kit custom migration),
 * with rowid = comics.id and these text columns in this order. An AFTER DELETE trigger on comics
 * removes the matching row (so a library delete's cascade keeps it in step); the importer fills
 * and updates it.
 */
export const comicsFtsColumns = [
  'publisher',
  'imprint',
  'series',
  'title',
  'collection_title',
  'characters',
  'credits',
  'genres',
  'locations',
  'story_arcs',
  'tags',
  'teams',
  'universes',
  'series_groups',
  'stories',
  'summary',
  'age_rating',
  'country',
  'language',
  'original_format',
  'scan_info',
  'tagger',
  'identifier_sources',
] as const;

export type ComicsFtsColumn = (typeof comicsFtsColumns)[number];
