-- Full-text search over comics: one row per comic, rowid = comics.id. The importer fills and
-- updates the rows; the trigger removes a comic's row whenever the comic goes, including through
-- the cascade of a library delete. Column order = comicsFtsColumns in src/schema/search.ts.
-- Statements are separated by drizzle's breakpoint marker, which the migrator splits on.
CREATE VIRTUAL TABLE `comics_fts` USING fts5(
  publisher,
  imprint,
  series,
  title,
  collection_title,
  characters,
  credits,
  genres,
  locations,
  story_arcs,
  tags,
  teams,
  universes,
  series_groups,
  stories,
  summary,
  age_rating,
  country,
  language,
  original_format,
  scan_info,
  tagger,
  identifier_sources,
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `comics_fts_after_comic_delete` AFTER DELETE ON `comics` BEGIN
  DELETE FROM `comics_fts` WHERE rowid = old.id;
END;
