import { isAtOrUnder } from '../../paths';
import { pairUnique } from './pair-unique';
import type { FileStat } from '../../walk/file-list';

export interface FolderMove {
  from: string;
  to: string;
}

/**
 * Folders that were moved or renamed: a stored folder whose path is gone and a scanned folder
 * at a new path share an inode (a folder keeps its inode across a rename on one filesystem).
 * Only the top of a moved tree is listed: its sub-folders move along with it.
 */
export function detectFolderMoves(stored: readonly { path: string; inode: number | null }[], scanned: readonly FileStat[]): FolderMove[] {
  const scannedPaths = new Set(scanned.map((folder) => folder.path));
  const storedPaths = new Set(stored.map((folder) => folder.path));
  const vanished = stored.filter((folder) => folder.path !== '' && !scannedPaths.has(folder.path));
  const arrived = scanned.filter((folder) => folder.path !== '' && !storedPaths.has(folder.path));
  const key = (folder: { inode: number | null }) => (folder.inode ? String(folder.inode) : undefined);
  const moves = pairUnique(vanished, arrived, key, key).map(([from, to]) => ({ from: from.path, to: to.path }));
  return moves.filter((move) => !moves.some((outer) => outer !== move && translatePath(move.from, [outer]) === move.to));
}

/** Where a stored path is now, after the folder moves (the deepest matching move applies). */
export function translatePath(path: string, moves: readonly FolderMove[]): string {
  let best: FolderMove | undefined;
  for (const move of moves) {
    if (isAtOrUnder(path, move.from)) {
      if (!best || move.from.length > best.from.length) best = move;
    }
  }
  return best ? best.to + path.slice(best.from.length) : path;
}
