import type { Database } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  ageRatings,
  characters,
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
  comics,
  countries,
  creditPersons,
  creditRoles,
  credits,
  folders,
  genres,
  identifiers,
  identifierSources,
  imprints,
  languages,
  locations,
  originalFormats,
  publishers,
  reprints,
  scanInfos,
  series,
  seriesGroups,
  stories,
  storyArcNumbers,
  storyArcs,
  taggers,
  tags,
  teams,
  universes,
  volumes,
} from '../../schema';
import { columnName, tableName } from '../queries/sql-names';

type Reference = SQLiteColumn;

/**
 * Reference tables and every column that may point at them, children before parents, so that a
 * row is only judged after the rows that could reference it were removed.
 */
const orphanRules: [SQLiteTable & { id: SQLiteColumn }, Reference[]][] = [
  [characters, [comicCharacters.characterId, comics.mainCharacterId]],
  [teams, [comicTeams.teamId, comics.mainTeamId]],
  [genres, [comicGenres.genreId]],
  [locations, [comicLocations.locationId]],
  [stories, [comicStories.storyId]],
  [tags, [comicTags.tagId]],
  [seriesGroups, [comicSeriesGroups.seriesGroupId]],
  [universes, [comicUniverses.universeId]],
  [credits, [comicCredits.creditId]],
  [creditPersons, [credits.personId]],
  [creditRoles, [credits.roleId]],
  [storyArcNumbers, [comicStoryArcNumbers.storyArcNumberId]],
  [storyArcs, [storyArcNumbers.storyArcId]],
  [reprints, [comicReprints.reprintId]],
  [ageRatings, [comics.ageRatingId]],
  [originalFormats, [comics.originalFormatId]],
  [scanInfos, [comics.scanInfoId]],
  [taggers, [comics.taggerId]],
  [countries, [comics.countryId]],
  [languages, [comics.languageId]],
  [volumes, [comics.volumeId]],
  [series, [comics.seriesId, volumes.seriesId]],
  [imprints, [comics.imprintId, series.imprintId]],
  [publishers, [comics.publisherId, imprints.publisherId]],
  // Last: tags above may number themselves with an identifier, and must be judged first.
  [identifiers, [comicIdentifiers.identifierId, ...[publishers, imprints, series, characters, teams, genres, locations,
    stories, tags, seriesGroups, universes, storyArcs, creditPersons].map((table) => table.identifierId)]],
  [identifierSources, [identifiers.sourceId]],
];

export function prepareCleanupStatements(client: Database) {
  const orphans = orphanRules.map(([table, references]) => {
    const unused = references
      .map((column) => `NOT EXISTS (SELECT 1 FROM ${tableName(tableOf(column))} WHERE ${columnName(column)} = ${tableName(table)}.id)`)
      .join(' AND ');
    return client.prepare(`DELETE FROM ${tableName(table)} WHERE ${unused}`);
  });
  // comic_folders lists every ancestor of every comic, so a folder without a row holds no comic.
  const emptyFolders = client.prepare(
    `DELETE FROM ${tableName(folders)} WHERE library_id = ? AND NOT EXISTS (SELECT 1 FROM ${tableName(comicFolders)} WHERE ${columnName(comicFolders.folderId)} = ${tableName(folders)}.id)`,
  );
  // Order-independent: the largest count any current comic states (NULL when none does).
  const statedCounts = [
    [volumes, volumes.issueCount, comics.volumeId, comics.volumeIssueCount],
    [series, series.volumeCount, comics.seriesId, comics.seriesVolumeCount],
  ] as const;
  const counts = statedCounts.map(([table, count, reference, stated]) => {
    const largest = `(SELECT max(${columnName(stated)}) FROM ${tableName(comics)} WHERE ${columnName(reference)} = ${tableName(table)}.id)`;
    return client.prepare(`UPDATE ${tableName(table)} SET ${columnName(count)} = ${largest} WHERE ${columnName(count)} IS NOT ${largest}`);
  });
  return { orphans, emptyFolders, counts };
}

function tableOf(column: SQLiteColumn): SQLiteTable {
  return (column as unknown as { table: SQLiteTable }).table;
}

/**
 * Phase "cleanup": removes reference rows no comic uses any more and folders that hold no comic,
 * and sets each volume's issue count and series' volume count from the comics they hold.
 * Runs on every import (it is an index probe per row, and writes nothing when nothing is
 * orphaned), so rows orphaned by an interrupted run are collected by the next one.
 */
export function removeOrphans(statements: ReturnType<typeof prepareCleanupStatements>, libraryId: number) {
  let tags = 0;
  for (const statement of statements.orphans) tags += statement.run().changes;
  const folderCount = statements.emptyFolders.run(libraryId).changes;
  for (const statement of statements.counts) statement.run();
  return { tags, folders: folderCount };
}
