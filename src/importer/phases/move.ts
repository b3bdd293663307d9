import type { Database } from 'better-sqlite3';
import { comicFolders, comics } from '../../schema';
import { columnName, tableName } from '../queries/sql-names';
import type { Move } from '../scan/diff';
import type { FolderMove } from '../scan/folder-moves';
import type { FileStat } from '../../walk/file-list';
import { STALE_MTIME } from '../marks';
import { deleteComics } from './delete';
import type { FolderTree } from './folders';
import { parentOf } from '../../paths';
import { NOW_MS_SQL } from '../../schema/timestamps';

function prepareMoveStatements(client: Database) {
  const c = tableName(comics);
  return {
    // A temporary path that no file can have frees every target first, so swaps cannot collide.
    park: client.prepare(`UPDATE ${c} SET path = char(0) || id WHERE id = ?`),
    place: client.prepare(
      `UPDATE ${c} SET path = ?, folder_id = ?, inode = ?, updated_at = ${NOW_MS_SQL} WHERE id = ?`,
    ),
    restat: client.prepare(`UPDATE ${c} SET size = ?, mtime = ?, inode = ? WHERE id = ?`),
    markStale: client.prepare(`UPDATE ${c} SET mtime = ${STALE_MTIME} WHERE id = ?`),
    unlinkFolders: client.prepare(`DELETE FROM ${tableName(comicFolders)} WHERE ${columnName(comicFolders.comicId)} = ?`),
    linkFolder: client.prepare(
      `INSERT INTO ${tableName(comicFolders)} (${columnName(comicFolders.comicId)}, ${columnName(comicFolders.folderId)}) VALUES (?, ?)`,
    ),
  };
}

export interface MovePlan {
  folders: FolderTree;
  /** Folders moved as a whole: their rows move, keeping their ids. */
  folderMoves: readonly FolderMove[];
  /** Comics whose file moved: they keep their id and everything hanging on it. */
  moves: readonly Move[];
  /** Comics at a path an arriving file takes: deleted first, so it can take the path. */
  displaced: readonly number[];
  /** Known content under a new stat: the stat is stored (unless the comic is stale). */
  restat: readonly { id: number; file: FileStat }[];
  /** Comics re-read later in this run: marked STALE_MTIME until their finish phase. */
  stale: ReadonlySet<number>;
}

/**
 * Phase "move": only path, folder, inode and comic_folders change for a moved comic (mtime only
 * through `restat`: a comic that is also re-read gets its stat in the finish phase, after its
 * content).
 */
export function applyMoves(client: Database, plan: MovePlan): void {
  const { folders } = plan;
  const statements = prepareMoveStatements(client);
  deleteComics(client, plan.displaced);
  for (const { from, to } of plan.folderMoves) folders.move(from, to);
  for (const move of plan.moves) statements.park.run(move.id);
  for (const { id, from, file } of plan.moves) {
    const folderPath = parentOf(file.path);
    statements.place.run(file.path, folders.ensure(folderPath), file.inode, id);
    if (parentOf(from) !== folderPath) {
      statements.unlinkFolders.run(id);
      for (const folderId of folders.ancestorIds(folderPath)) statements.linkFolder.run(id, folderId);
    }
  }
  for (const { id, file } of plan.restat) if (!plan.stale.has(id)) statements.restat.run(file.size, file.mtime, file.inode, id);
  for (const id of plan.stale) statements.markStale.run(id);
}
