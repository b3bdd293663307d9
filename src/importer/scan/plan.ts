import { basename } from 'node:path';
import { parseFilename } from '../../metadata/filename';
import { readableName } from '../../path-bytes';
import type { LibraryDiff, Move, StoredComic } from './diff';
import { FileList, type ReadList, readListOf } from '../../walk/file-list';

/** What the import does with a diff: pure, from the diff alone. */
export interface ImportPlan {
  /**
   * Files to read, each with its comic's id (undefined: it becomes a new comic): the known comics'
   * files, then the diff's new files as they are (in a fresh import, the walk's own list).
   */
  toRead: ReadList;
  /** Known comics whose stored content is out of date until their re-read (see STALE_MTIME). */
  stale: Set<number>;
  /** Comics at a path a moved file takes: deleted before the moves (the file keeps its own id). */
  displaced: number[];
  /** Comics whose file is gone: deleted once the reads are done, if still gone on disk. */
  vanished: StoredComic[];
  /** Comics that never completed (INCOMPLETE_MTIME): one that now fails to read is deleted. */
  incomplete: Set<number>;
}

export function planImport(diff: LibraryDiff): ImportPlan {
  const movedTo = new Set(diff.moved.map((move) => move.file.path));
  const renamed = renamesThatChangeMetadata(diff.moved, diff.modified);
  const movedIds = new Set(diff.moved.map((move) => move.id));
  const known = new FileList();
  for (const { id, file } of [diff.modified, renamed].flat()) known.push(file, id);
  return {
    toRead: readListOf(known, diff.created),
    stale: new Set([...renamed.map((move) => move.id), ...diff.modified.filter((change) => movedIds.has(change.id)).map((change) => change.id)]),
    displaced: diff.deleted.filter((comic) => movedTo.has(comic.path)).map((comic) => comic.id),
    vanished: diff.deleted.filter((comic) => !movedTo.has(comic.path)),
    incomplete: new Set(diff.incomplete),
  };
}

/**
 * The file name is a metadata source (the lowest), so a rename that changes what the name says
 * needs a re-read; a move to another folder under the same name does not.
 */
function renamesThatChangeMetadata(moved: readonly Move[], modified: readonly { id: number }[]): Move[] {
  const rereading = new Set(modified.map((change) => change.id));
  return moved.filter(
    ({ id, from, file }) => !rereading.has(id) && JSON.stringify(parseFilename(readableName(basename(from)))) !== JSON.stringify(parseFilename(readableName(basename(file.path)))),
  );
}
