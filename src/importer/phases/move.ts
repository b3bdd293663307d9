import type { Database } from 'better-sqlite3';
import { comicFolders, comics } from '../../schema';
import { columnName, tableName } from '../queries/sql-names';
import type { Move } from '../scan/diff';
import type { FolderMove } from '../scan/folder-moves';
import type { FileStat } from '../scan/walk';
import { STALE_MTIME } from './create-update';
import { deleteComics } from './delete';
import type { FolderTree } from './folders';
import { parentOf } from './folders';

function prepareMoveStatements(client: Database) {
  const c = tableName(comics);
  return {
    // A temporary path that no file can have frees every target first, so swaps cannot collide.
    park: client.prepare(`UPDATE ${c} SET path = char(0) || id WHERE id = ?`),
    place: client.prepare(
      `UPDATE ${c} SET path = ?, folder_id = ?, inode = ?, updated_at = cast(unixepoch('subsec') * 1000 as integer) WHERE id = ?`,
    ),
    restat: client.prepare(`UPDATE ${c} SET size = ?, mtime = ?, inode = ? WHERE id = ?`),
    markStale: client.prepare(`UPDATE ${c} SET mtime = ${STALE_MTIME} WHERE id = ?`),
    unlinkFolders: client.prepare(`DELETE FROM ${tableName(comicFolders)} WHERE ${columnName(comicFolders.comicId)} = ?`),
    linkFolder: client.prepare(
      `INSERT INTO ${tableName(comicFolders)} (${columnName(comicFolders.comicId)}, ${columnName(comicFolders.folderId)}) VALUES (?, ?)`,
    ),
  };
}

/**
 * Phase "move": folders moved as a whole keep their rows; comics whose file moved keep their id
 * and everything hanging on it; only path,
 * folder, inode and their comic_folders change (mtime only through `restat`: a comic that is also
 * re-read gets its stat in the finish phase, after its content). Comics displaced by an arriving file are deleted
 * first, so the arriving one can take the path.
 */
export function applyMoves(
  client: Database,
  folders: FolderTree,
  folderMoves: readonly FolderMove[],
  moves: readonly Move[],
  displacedIds: readonly number[],
  restat: readonly { id: number; file: FileStat }[],
  stale: ReadonlySet<number>,
): void {
  const statements = prepareMoveStatements(client);
  deleteComics(client, displacedIds);
  for (const { from, to } of folderMoves) folders.move(from, to);
  for (const move of moves) statements.park.run(move.id);
  for (const { id, from, file } of moves) {
    const folderPath = parentOf(file.path);
    statements.place.run(file.path, folders.ensure(folderPath), file.inode, id);
    if (parentOf(from) !== folderPath) {
      statements.unlinkFolders.run(id);
      for (const folderId of folders.ancestorIds(folderPath)) statements.linkFolder.run(id, folderId);
    }
  }
  for (const { id, file } of restat) if (!stale.has(id)) statements.restat.run(file.size, file.mtime, file.inode, id);
  for (const id of stale) statements.markStale.run(id);
}
