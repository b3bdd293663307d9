import type { Database, Statement } from 'better-sqlite3';
import { basename } from 'node:path';
import { ancestorPaths, parentOf } from '../../paths';
import { folders } from '../../schema';
import { pathInScope } from '../queries/scope';
import { batches, columnList, MAX_PARAMETERS, placeholders, tableName } from '../queries/sql-names';
import type { FileStat } from '../../walk/file-list';
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

/** Per slot: the scan's size (NaN: not scanned), mtime, inode; the stored row's id (0: none), size, mtime, inode (NaN: NULL). */
const FIELDS = 7;
const [SCANNED_SIZE, SCANNED_MTIME, SCANNED_INODE, ID, SIZE, MTIME, INODE] = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * Every folder path the import knows, scanned or stored, with the scan's stat and the stored
 * row's id and stat side by side in one typed array: one Map entry and no object per folder,
 * where a Map of stats and another of rows held each path twice (84k folders at 600k comics).
 */
class FolderSlots {
  private readonly slotOf = new Map<string, number>();
  private numbers = new Float64Array(FIELDS * 256);
  private count = 0;

  constructor(scanned: readonly FileStat[]) {
    for (const folder of scanned) {
      const at = this.slot(folder.path) * FIELDS;
      this.numbers[at + SCANNED_SIZE] = folder.size;
      this.numbers[at + SCANNED_MTIME] = folder.mtime;
      this.numbers[at + SCANNED_INODE] = folder.inode;
    }
  }

  scanned(path: string): Omit<FileStat, 'path'> | undefined {
    const slot = this.slotOf.get(path);
    if (slot === undefined) return undefined;
    const n = this.numbers;
    const at = slot * FIELDS;
    return Number.isNaN(n[at + SCANNED_SIZE]!) ? undefined : { size: n[at + SCANNED_SIZE]!, mtime: n[at + SCANNED_MTIME]!, inode: n[at + SCANNED_INODE]! };
  }

  stored(path: string): StoredFolder | undefined {
    const slot = this.slotOf.get(path);
    return slot === undefined ? undefined : this.row(slot);
  }

  setStored(path: string, row: StoredFolder): void {
    const at = this.slot(path) * FIELDS;
    const n = this.numbers;
    n[at + ID] = row.id;
    n[at + SIZE] = row.size;
    n[at + MTIME] = row.mtime;
    n[at + INODE] = row.inode ?? Number.NaN;
  }

  /** The path holds no stored folder any more (it moved away). */
  forget(path: string): void {
    const slot = this.slotOf.get(path);
    if (slot !== undefined) this.numbers[slot * FIELDS + ID] = 0;
  }

  /** The stored folders, by path. */
  *entries(): Generator<[string, StoredFolder]> {
    for (const [path, slot] of this.slotOf) {
      const row = this.row(slot);
      if (row) yield [path, row];
    }
  }

  /** The slot of a path, added (not scanned, no row) when new. */
  private slot(path: string): number {
    const known = this.slotOf.get(path);
    if (known !== undefined) return known;
    if ((this.count + 1) * FIELDS > this.numbers.length) {
      const numbers = new Float64Array(this.numbers.length * 2);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    const slot = this.count++;
    const at = slot * FIELDS;
    this.numbers.fill(Number.NaN, at, at + FIELDS);
    this.numbers[at + ID] = 0;
    // A key kept for the import must not hold alive the file path it was cut from.
    this.slotOf.set(flatString(path), slot);
    return slot;
  }

  private row(slot: number): StoredFolder | undefined {
    const n = this.numbers;
    const at = slot * FIELDS;
    if (n[at + ID] === 0) return undefined;
    const inode = n[at + INODE]!;
    return { id: n[at + ID]!, size: n[at + SIZE]!, mtime: n[at + MTIME]!, inode: Number.isNaN(inode) ? null : inode };
  }
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
  const known = new FolderSlots(scannedFolders);
  const columns = 'id, path, size, mtime, inode';
  const remember = (rows: Iterable<unknown>) => {
    for (const row of rows as Iterable<StoredFolder & { path: string }>) known.setStored(row.path, row);
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
    const existing = known.stored(path);
    if (existing) return existing.id;
    const found = scope ? (selectOne.get(libraryId, path) as (StoredFolder & { path: string }) | undefined) : undefined;
    if (found) {
      known.setStored(path, found);
      return found.id;
    }
    const parentId = path === '' ? null : ensure(parentOf(path));
    const stat = known.scanned(path);
    const name = path === '' ? basename(rootPath) : path.slice(path.lastIndexOf('/') + 1);
    const row = insert.get(libraryId, parentId, path, name, sortNameOf(name), stat?.mtime ?? 0, stat?.size ?? 0, stat?.inode ?? null) as { id: number };
    known.setStored(path, { id: row.id, size: stat?.size ?? 0, mtime: stat?.mtime ?? 0, inode: stat?.inode ?? null });
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
    ids: () => [...known.entries()].map(([, folder]) => folder.id),
    /** The stored folders as the scan diff needs them. */
    stored: () => [...known.entries()].map(([path, folder]) => ({ path, inode: folder.inode })),
    /**
     * Moves a folder row and everything below it to a new path, keeping their ids. Refused
     * (false) when a stored folder already holds the new path: the comics then move one by one.
     */
    move(from: string, to: string): boolean {
      const top = known.stored(from);
      const below = [...known.entries()].map(([path]) => path).filter((path) => path.startsWith(`${from}/`));
      const targets = [to, ...below.map((path) => to + path.slice(from.length))];
      if (!top || targets.some((path) => known.stored(path))) return false;
      ancestorsByPath.clear();
      const name = to.slice(to.lastIndexOf('/') + 1);
      renameTop.run(to, name, sortNameOf(name), ensure(parentOf(to)), top.id);
      renameBelow.run({ to, from, library: libraryId, prefix: `${from}/` });
      for (const path of [from, ...below]) {
        const folder = known.stored(path)!;
        known.forget(path);
        known.setStored(to + path.slice(from.length), folder);
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
      for (const [path, stored] of known.entries()) {
        const stat = known.scanned(path);
        if (!stat || (stat.mtime === stored.mtime && stat.size === stored.size && stat.inode === stored.inode)) continue;
        updateStat.run(stat.mtime, stat.size, stat.inode, stored.id);
        known.setStored(path, { id: stored.id, ...stat });
        updated++;
      }
      return updated;
    },
  };
}

export type FolderTree = ReturnType<typeof createFolderTree>;
