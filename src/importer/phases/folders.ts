import type { Database, Statement } from 'better-sqlite3';
import { basename } from 'node:path';
import { folders } from '../../schema';
import { columnList, placeholders, tableName } from '../queries/sql-names';
import type { FileStat } from '../scan/walk';
import { sortNameOf } from './comic-row';

interface StoredFolder {
  id: number;
  size: number;
  mtime: number;
  inode: number | null;
}

/** Parent folder of a library-relative path; '' is the root. */
export const parentOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
};

/** The root and every folder above a path, shallowest first. */
export function ancestorPaths(folderPath: string): string[] {
  if (folderPath === '') return [''];
  const parts = folderPath.split('/');
  return ['', ...parts.map((_, index) => parts.slice(0, index + 1).join('/'))];
}

/**
 * The library's folder rows, all kept in memory for the import (a library has far fewer folders
 * than comics). Folders are created on demand, parents first, with the stat the scan saw.
 */
export function createFolderTree(client: Database, libraryId: number, rootPath: string, scanned: ReadonlyMap<string, FileStat>) {
  const known = new Map<string, StoredFolder>();
  const select = client.prepare(`SELECT id, path, size, mtime, inode FROM ${tableName(folders)} WHERE library_id = ?`);
  for (const row of select.iterate(libraryId) as Iterable<StoredFolder & { path: string }>) known.set(row.path, row);

  const insert: Statement = client.prepare(
    `INSERT INTO ${tableName(folders)} (${columnList([folders.libraryId, folders.parentId, folders.path, folders.name, folders.sortName, folders.mtime, folders.size, folders.inode])}) VALUES (${placeholders(8)}) RETURNING id`,
  );
  const updateStat = client.prepare(
    `UPDATE ${tableName(folders)} SET mtime = ?, size = ?, inode = ?, updated_at = cast(unixepoch('subsec') * 1000 as integer) WHERE id = ?`,
  );
  let created = 0;
  // Many comics share a folder; folder moves clear it (ids stay, paths change).
  const ancestorsByPath = new Map<string, number[]>();

  const ensure = (path: string): number => {
    const existing = known.get(path);
    if (existing) return existing.id;
    const parentId = path === '' ? null : ensure(parentOf(path));
    const stat = scanned.get(path);
    const name = path === '' ? basename(rootPath) : path.slice(path.lastIndexOf('/') + 1);
    const row = insert.get(libraryId, parentId, path, name, sortNameOf(name), stat?.mtime ?? 0, stat?.size ?? 0, stat?.inode ?? null) as { id: number };
    known.set(path, { id: row.id, size: stat?.size ?? 0, mtime: stat?.mtime ?? 0, inode: stat?.inode ?? null });
    created++;
    return row.id;
  };

  const renameTop = client.prepare(
    `UPDATE ${tableName(folders)} SET path = ?, name = ?, sort_name = ?, parent_id = ?, updated_at = cast(unixepoch('subsec') * 1000 as integer) WHERE id = ?`,
  );
  // Lengths are taken by SQLite: it counts characters, JavaScript counts UTF-16 units (an emoji is 2).
  const renameBelow = client.prepare(
    `UPDATE ${tableName(folders)} SET path = :to || substr(path, length(:from) + 1) WHERE library_id = :library AND substr(path, 1, length(:prefix)) = :prefix`,
  );

  return {
    ensure,
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
