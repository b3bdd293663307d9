import type { Database, Statement } from 'better-sqlite3';
import { basename } from 'node:path';
import { ancestorPaths, parentOf } from '../../paths';
import { folders } from '../../schema';
import { pathInScope } from '../queries/scope';
import { batches, columnList, MAX_PARAMETERS, placeholders, tableName } from '../queries/sql-names';
import type { FileStat } from '../scan/file-list';
import { sortNameOf } from './comic-row';
import { NOW_MS_SQL } from '../../schema/timestamps';
import { flatString } from '../flat-string';

interface StoredFolder {
  id: number;
  size: number;
  mtime: number;
  inode: number | null;
}

const ANCESTOR_CACHE_SIZE = 1024;

/** The scanned folders' stats by path, without an object per folder kept for the whole import. */
function statsByPath(scanned: readonly FileStat[]): { get(path: string): Omit<FileStat, 'path'> | undefined } {
  const index = new Map<string, number>();
  const numbers = new Float64Array(scanned.length * 3);
  scanned.forEach((folder, i) => {
    index.set(flatString(folder.path), i);
    numbers[i * 3] = folder.size;
    numbers[i * 3 + 1] = folder.mtime;
    numbers[i * 3 + 2] = folder.inode;
  });
  return {
    get(path) {
      const i = index.get(path);
      return i === undefined ? undefined : { size: numbers[i * 3]!, mtime: numbers[i * 3 + 1]!, inode: numbers[i * 3 + 2]! };
    },
  };
}

/**
 * The library's folder rows the import works on, kept in memory for the import (a library has
 * far fewer folders than comics): every folder for a full scan; for a scoped run (a watch batch)
 * only the folders in its scope and their ancestors, so its cost follows the batch. Folders are
 * created on demand, parents first, with the stat the scan saw.
 */
export function createFolderTree(
  client: Database,
  libraryId: number,
  rootPath: string,
  scannedFolders: readonly FileStat[],
  scope?: readonly string[],
) {
  const scanned = statsByPath(scannedFolders);
  const known = new Map<string, StoredFolder>();
  const columns = 'id, path, size, mtime, inode';
  const remember = (rows: Iterable<unknown>) => {
    for (const row of rows as Iterable<StoredFolder & { path: string }>) known.set(row.path, row);
  };
  if (!scope) {
    remember(client.prepare(`SELECT ${columns} FROM ${tableName(folders)} WHERE library_id = ?`).iterate(libraryId));
  } else {
    const inRange = client.prepare(`SELECT ${columns} FROM ${tableName(folders)} WHERE library_id = @library AND ${pathInScope}`);
    const ancestors = new Set(scope.flatMap((path) => ancestorPaths(parentOf(path))));
    for (const path of scope) remember(inRange.iterate({ library: libraryId, path }));
    for (const batch of batches([...ancestors], MAX_PARAMETERS - 1)) {
      remember(client.prepare(`SELECT ${columns} FROM ${tableName(folders)} WHERE library_id = ? AND path IN (${placeholders(batch.length)})`).iterate(libraryId, ...batch));
    }
  }
  const selectOne = client.prepare(`SELECT ${columns} FROM ${tableName(folders)} WHERE library_id = ? AND path = ?`);

  const insert: Statement = client.prepare(
    `INSERT INTO ${tableName(folders)} (${columnList([folders.libraryId, folders.parentId, folders.path, folders.name, folders.sortName, folders.mtime, folders.size, folders.inode])}) VALUES (${placeholders(8)}) RETURNING id`,
  );
  const updateStat = client.prepare(
    `UPDATE ${tableName(folders)} SET mtime = ?, size = ?, inode = ?, updated_at = ${NOW_MS_SQL} WHERE id = ?`,
  );
  let created = 0;
  // Many comics share a folder; folder moves clear it (ids stay, paths change). Comics come in
  // path order, so a folder's comics follow each other: a small cache hits as often as one of
  // every folder, which would grow with the library (84k folders at 600k comics).
  const ancestorsByPath = new Map<string, number[]>();

  const ensure = (path: string): number => {
    const existing = known.get(path) ?? (scope ? (selectOne.get(libraryId, path) as (StoredFolder & { path: string }) | undefined) : undefined);
    if (existing) {
      known.set(path, existing);
      return existing.id;
    }
    const parentId = path === '' ? null : ensure(parentOf(path));
    const stat = scanned.get(path);
    const name = path === '' ? basename(rootPath) : path.slice(path.lastIndexOf('/') + 1);
    const row = insert.get(libraryId, parentId, path, name, sortNameOf(name), stat?.mtime ?? 0, stat?.size ?? 0, stat?.inode ?? null) as { id: number };
    known.set(flatString(path), { id: row.id, size: stat?.size ?? 0, mtime: stat?.mtime ?? 0, inode: stat?.inode ?? null });
    created++;
    return row.id;
  };

  const renameTop = client.prepare(
    `UPDATE ${tableName(folders)} SET path = ?, name = ?, sort_name = ?, parent_id = ?, updated_at = ${NOW_MS_SQL} WHERE id = ?`,
  );
  // Lengths are taken by SQLite: it counts characters, JavaScript counts UTF-16 units (an emoji is 2).
  const renameBelow = client.prepare(
    `UPDATE ${tableName(folders)} SET path = :to || substr(path, length(:from) + 1) WHERE library_id = :library AND substr(path, 1, length(:prefix)) = :prefix`,
  );

  return {
    ensure,
    /** Ids of the folders loaded or created: a scoped run's folder cleanup candidates. */
    ids: () => [...known.values()].map((folder) => folder.id),
    /** The stored folders as the scan diff needs them. */
    stored: () => [...known].map(([path, folder]) => ({ path, inode: folder.inode })),
    /**
     * Moves a folder row and everything below it to a new path, keeping their ids. Refused
     * (false) when a stored folder already holds the new path: the comics then move one by one.
     */
    move(from: string, to: string): boolean {
      const top = known.get(from);
      const below = [...known.keys()].filter((path) => path.startsWith(`${from}/`));
      const targets = [to, ...below.map((path) => to + path.slice(from.length))];
      if (!top || targets.some((path) => known.has(path))) return false;
      ancestorsByPath.clear();
      const name = to.slice(to.lastIndexOf('/') + 1);
      renameTop.run(to, name, sortNameOf(name), ensure(parentOf(to)), top.id);
      renameBelow.run({ to, from, library: libraryId, prefix: `${from}/` });
      for (const path of [from, ...below]) {
        const folder = known.get(path)!;
        known.delete(path);
        known.set(to + path.slice(from.length), folder);
      }
      return true;
    },
    /** Ids of the root and every folder down to `folderPath`: a comic's comic_folders rows. */
    ancestorIds(folderPath: string): number[] {
      let ids = ancestorsByPath.get(folderPath);
      if (!ids) {
        ids = ancestorPaths(folderPath).map(ensure);
        if (ancestorsByPath.size >= ANCESTOR_CACHE_SIZE) ancestorsByPath.clear();
        ancestorsByPath.set(folderPath, ids);
      }
      return ids;
    },
    createdCount: () => created,
    /** Writes the scanned stat of stored folders whose stat changed; returns how many. */
    updateStats(): number {
      let updated = 0;
      for (const [path, stored] of known) {
        const stat = scanned.get(path);
        if (!stat || (stat.mtime === stored.mtime && stat.size === stored.size && stat.inode === stored.inode)) continue;
        updateStat.run(stat.mtime, stat.size, stat.inode, stored.id);
        Object.assign(stored, { mtime: stat.mtime, size: stat.size, inode: stat.inode });
        updated++;
      }
      return updated;
    },
  };
}

export type FolderTree = ReturnType<typeof createFolderTree>;
