import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  comicCharacters,
  comicCredits,
  comicFolders,
  comicGenres,
  comicIdentifiers,
  comicLocations,
  comicReprints,
  comicSeriesGroups,
  comicStories,
  comicStoryArcNumbers,
  comicTags,
  comicTeams,
  comicUniverses,
} from '../../schema';

export interface LinkTable {
  table: SQLiteTable;
  comic: SQLiteColumn;
  target: SQLiteColumn;
}

const link = (table: SQLiteTable & { comicId: SQLiteColumn }, target: SQLiteColumn): LinkTable => ({
  table,
  comic: table.comicId,
  target,
});

/** Every comic-to-x join table, by the name the importer uses for its list of target ids. */
export const linkTables = {
  characters: link(comicCharacters, comicCharacters.characterId),
  teams: link(comicTeams, comicTeams.teamId),
  genres: link(comicGenres, comicGenres.genreId),
  locations: link(comicLocations, comicLocations.locationId),
  stories: link(comicStories, comicStories.storyId),
  tags: link(comicTags, comicTags.tagId),
  seriesGroups: link(comicSeriesGroups, comicSeriesGroups.seriesGroupId),
  universes: link(comicUniverses, comicUniverses.universeId),
  credits: link(comicCredits, comicCredits.creditId),
  storyArcNumbers: link(comicStoryArcNumbers, comicStoryArcNumbers.storyArcNumberId),
  identifiers: link(comicIdentifiers, comicIdentifiers.identifierId),
  reprints: link(comicReprints, comicReprints.reprintId),
  folders: link(comicFolders, comicFolders.folderId),
} satisfies Record<string, LinkTable>;

export type LinkKind = keyof typeof linkTables;
export const linkKinds = Object.keys(linkTables) as LinkKind[];
export type ComicLinks = Record<LinkKind, number[]>;
