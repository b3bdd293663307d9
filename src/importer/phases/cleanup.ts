import type { Database, Statement } from 'better-sqlite3';
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
import { contentColumns, type DriverValue } from '../queries/comic-columns';
import { type LinkKind, linkTables } from '../queries/link-tables';
import { batchStatements } from '../queries/batch-statements';
import { columnList, columnName, placeholders, tableName } from '../queries/sql-names';
import { prepareTotalChanges } from '../queries/total-changes';

type Reference = SQLiteColumn;

type ReferenceTable = SQLiteTable & { id: SQLiteColumn };

/**
 * Reference tables and every column that may point at them, children before parents, so that a
 * row is only judged after the rows that could reference it were removed.
 */
const orphanRules: [ReferenceTable, Reference[]][] = [
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

/** Every column that points at a reference table, and that table. */
const targetOf = new Map<SQLiteColumn, ReferenceTable>(orphanRules.flatMap(([table, references]) => references.map((column) => [column, table] as const)));

/**
 * Reference rows and folders that a scoped run (a watch batch) may have left unused: the rows
 * the comics it rewrote, moved or deleted pointed at before, and the rows it wrote for them
 * (their counts change too). Cleanup then judges only these, instead of every row of 26 tables.
 */
export function createOrphanCandidates() {
  const ids = new Map<ReferenceTable, Set<number>>();
  const folderIds = new Set<number>();
  const add = (table: ReferenceTable, id: DriverValue | undefined) => {
    if (typeof id !== 'number') return;
    let set = ids.get(table);
    if (!set) ids.set(table, (set = new Set()));
    set.add(id);
  };
  return {
    ids,
    folderIds,
    /** A comic's content columns in contentColumns order (stored before, or written now). */
    addContent(values: readonly DriverValue[]) {
      contentColumns.forEach((column, index) => {
        const table = targetOf.get(column);
        if (table) add(table, values[index]);
      });
    },
    /** A comic's stored link targets of one kind. */
    addLinks(kind: LinkKind, targets: readonly number[]) {
      const { target } = linkTables[kind];
      if (kind === 'folders') for (const id of targets) folderIds.add(id);
      else for (const id of targets) add(targetOf.get(target)!, id);
    },
    addFolders(folders: Iterable<number>) {
      for (const id of folders) folderIds.add(id);
    },
    add,
  };
}

export type OrphanCandidates = ReturnType<typeof createOrphanCandidates>;

/** Deletes the rows of `table` nothing references, among the rows `where` picks (all when empty). */
function orphanDelete(table: ReferenceTable, references: readonly Reference[], where = ''): string {
  const unused = references
    .map((column) => `NOT EXISTS (SELECT 1 FROM ${tableName(tableOf(column))} WHERE ${columnName(column)} = ${tableName(table)}.id)`)
    .join(' AND ');
  return `DELETE FROM ${tableName(table)} WHERE ${where}${unused}`;
}

/**
 * Deletes the folders `where` picks that hold no comic, in them or below them. comic_folders
 * lists every ancestor of every finished comic, so a folder with a row there is kept at once (the
 * common case, one index probe). A comic a killed run created and never linked is in no
 * comic_folders row yet, but its folder_id points at its folder: so a folder is only deleted when
 * no comic's folder is it or lies below it (its path range in the library's path index; for the
 * root, any comic of the library), and the cascade to its sub-folders breaks no reference.
 */
function emptyFolderDelete(where: string): string {
  const f = tableName(folders);
  const [libraryId, path] = [columnName(folders.libraryId), columnName(folders.path)];
  const comicIn = (folder: string) => `SELECT 1 FROM ${tableName(comics)} WHERE ${columnName(comics.folderId)} = ${folder}`;
  const linked = `SELECT 1 FROM ${tableName(comicFolders)} WHERE ${columnName(comicFolders.folderId)} = ${f}.id`;
  const below = `SELECT 1 FROM ${f} d WHERE d.${libraryId} = ${f}.${libraryId} AND d.${path} > ${f}.${path} || '/' AND d.${path} < ${f}.${path} || '0' AND EXISTS (${comicIn('d.id')})`;
  const anyInLibrary = `SELECT 1 FROM ${tableName(comics)} WHERE ${columnName(comics.libraryId)} = ${f}.${libraryId}`;
  return (
    `DELETE FROM ${f} WHERE ${where}NOT EXISTS (${linked}) AND NOT EXISTS (${comicIn(`${f}.id`)})` +
    ` AND CASE WHEN ${f}.${path} = '' THEN NOT EXISTS (${anyInLibrary}) ELSE NOT EXISTS (${below}) END`
  );
}

/**
 * Runs `deleteFolders` and returns how many folder rows went. Not the statements' changes():
 * SQLite leaves out rows a foreign key action deleted, and a removed folder's sub-folders go by
 * the ON DELETE CASCADE of parent_id, mostly before the DELETE reaches them itself (a tree of 40
 * folders counted as 1). total_changes() counts those rows too, and only folder rows can go:
 * an empty folder's sub-folders are empty as well (comic_folders lists every ancestor), so the
 * cascade finds no comic_folders row to take with them.
 */
function countFoldersRemoved(totalChanges: Statement<[], number>, deleteFolders: () => void): number {
  const before = totalChanges.get()!;
  deleteFolders();
  return totalChanges.get()! - before;
}

// Order-independent: the largest count any current comic states (NULL when none does).
const statedCounts = [
  [volumes, volumes.issueCount, comics.volumeId, comics.volumeIssueCount],
  [series, series.volumeCount, comics.seriesId, comics.seriesVolumeCount],
] as const;

/** Sets a stated count where it differs, on the rows `where` picks (all when empty). */
function countUpdate([table, count, reference, stated]: (typeof statedCounts)[number], where = ''): string {
  const largest = `(SELECT max(${columnName(stated)}) FROM ${tableName(comics)} WHERE ${columnName(reference)} = ${tableName(table)}.id)`;
  return `UPDATE ${tableName(table)} SET ${columnName(count)} = ${largest} WHERE ${where}${columnName(count)} IS NOT ${largest}`;
}

export function prepareCleanupStatements(client: Database) {
  const orphans = orphanRules.map(([table, references]) => client.prepare(orphanDelete(table, references)));
  const emptyFolders = client.prepare(emptyFolderDelete(''));
  const counts = statedCounts.map((rule) => client.prepare(countUpdate(rule)));
  return { orphans, emptyFolders, counts, totalChanges: prepareTotalChanges(client) };
}

function tableOf(column: SQLiteColumn): SQLiteTable {
  return (column as unknown as { table: SQLiteTable }).table;
}

/**
 * Phase "cleanup" of a full scan: removes reference rows no comic uses any more and folders that
 * hold no comic, and sets each volume's issue count and series' volume count from the comics they
 * hold. A full sweep (an index probe per row, writing nothing when nothing is orphaned), so rows
 * an interrupted or scoped run left behind are collected here. It covers the whole database, the
 * folders of every library included, so that one sweep pays every library's debt: a library whose root is
 * gone cannot pay its own, and would otherwise make every other library's full scan sweep again.
 */
export function removeOrphans(statements: ReturnType<typeof prepareCleanupStatements>) {
  let referenceCount = 0;
  for (const statement of statements.orphans) referenceCount += statement.run().changes;
  const folderCount = countFoldersRemoved(statements.totalChanges, () => statements.emptyFolders.run());
  for (const statement of statements.counts) statement.run();
  return { references: referenceCount, folders: folderCount };
}

/**
 * Phase "cleanup" of a scoped run: the same rules as removeOrphans, judged only for the candidate
 * rows. A removed row's own references (a credit's person, a volume's series) become candidates
 * of the tables after it: the rules run children before parents.
 */
export function removeOrphanCandidates(client: Database, candidates: OrphanCandidates) {
  let referenceCount = 0;
  for (const [table, references] of orphanRules) {
    const ids = [...(candidates.ids.get(table) ?? [])];
    if (ids.length === 0) continue;
    const parents = [...targetOf].filter(([column]) => tableOf(column) === table);
    const returning = parents.length > 0 ? ` RETURNING ${columnList(parents.map(([column]) => column))}` : '';
    const sqlFor = (count: number) => `${orphanDelete(table, references, `id IN (${placeholders(count)}) AND `)}${returning}`;
    for (const [statement, batch] of batchStatements(client, ids, sqlFor)) {
      if (parents.length === 0) {
        referenceCount += statement.run(...batch).changes;
        continue;
      }
      const removed = statement.raw().all(...batch) as DriverValue[][];
      referenceCount += removed.length;
      for (const row of removed) parents.forEach(([, parent], index) => candidates.add(parent, row[index]));
    }
  }
  const folderCount = countFoldersRemoved(prepareTotalChanges(client), () => {
    for (const [statement, batch] of batchStatements(client, [...candidates.folderIds], (count) => emptyFolderDelete(`id IN (${placeholders(count)}) AND `))) {
      statement.run(...batch);
    }
  });
  for (const rule of statedCounts) {
    for (const [statement, batch] of batchStatements(client, [...(candidates.ids.get(rule[0]) ?? [])], (count) => countUpdate(rule, `id IN (${placeholders(count)}) AND `))) {
      statement.run(...batch);
    }
  }
  return { references: referenceCount, folders: folderCount };
}
