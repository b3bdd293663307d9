import type { Comic, FailedImport } from '../../schema';
import { FileList } from '../../walk/file-list';
import { detectFolderMoves, type FolderMove, translatePath } from './folder-moves';
import { INCOMPLETE_MTIME } from '../marks';
import { pairUnique } from './pair-unique';
import { compareUtf8 } from '../../walk/path-order';
import type { FileStat } from '../../walk/file-list';

/**
 * What the database holds for a comic, as far as change detection cares: its stat. The content
 * fingerprint is looked up later, only for vanished comics of a size some new file has (pairByFingerprint).
 */
export type StoredComic = Pick<Comic, 'id' | 'path' | 'size' | 'mtime' | 'inode'>;

export type StoredFailure = Pick<FailedImport, 'path' | 'size' | 'mtime'>;

export interface Move {
  id: number;
  from: string;
  file: FileStat;
}

export interface LibraryDiff {
  /**
   * New paths to read; each becomes a new comic (or a failure). Compact: a fresh import's whole
   * library, and then the very list the walk gave (`disk`), not a copy.
   */
  created: FileList;
  /** Known comics whose file changed (or all of them with `force`): re-read, keep the id. */
  modified: { id: number; file: FileStat }[];
  /** Same file at a new path: keeps its id. Content changes are also listed in `modified`. */
  moved: Move[];
  /** Known content under a new stat (a remounted share's inodes, a copied file): store the stat only. */
  restat: { id: number; file: FileStat }[];
  /** Folders moved or renamed as a whole: they keep their rows (and ids). */
  folderMoves: FolderMove[];
  /** Stored comics whose file is gone and was not paired with a new path. */
  deleted: StoredComic[];
  unchanged: number;
  /** Files that failed before and have not changed since: not re-read. */
  stillFailed: number;
  /** Stored comics that never completed (INCOMPLETE_MTIME): one that now fails to read is deleted. */
  incomplete: number[];
  /** Paths of stored failures whose file is gone: their failed_imports rows go. */
  failuresGone: string[];
}

const sameStat = (a: { size: number; mtime: number }, b: { size: number; mtime: number }) =>
  a.size === b.size && a.mtime === b.mtime;

const inodeKey = (item: { inode: number | null; size: number }) => (item.inode ? `${item.inode}:${item.size}` : undefined);

/**
 * Pure decision of what each file needs, from stat data alone (nothing is opened).
 *
 * `disk` and `stored` come in path order (`compareUtf8`: the walk's and `ORDER BY path`'s), and are
 * merged in one pass: `stored` is consumed as it comes (a database cursor), and only what differs
 * is kept. Out-of-order input costs memory, not correctness: whatever the merge could not match
 * is matched by path afterwards.
 *
 * Identity follows the file, not the path: a vanished comic and a new path are the same file when
 * exactly one of each shares inode and size. A path whose file was replaced (another inode, other
 * stat) may be the arrival of another comic's file (a move onto it, or two files swapped); if no
 * such comic exists, the file was rewritten in place (editors do that) and keeps the path's comic.
 * Content-based pairing of what is left (copies with new inodes) is `pairByFingerprint`'s job.
 */
export function diffLibrary(
  disk: Iterable<FileStat>,
  stored: Iterable<StoredComic>,
  failures: readonly StoredFailure[],
  options: { force?: boolean; folders?: { stored: readonly { path: string; inode: number | null }[]; scanned: readonly FileStat[] } } = {},
): LibraryDiff {
  const failureByPath = new Map(failures.map((failure) => [failure.path, failure]));
  const failuresSeen = new Set<string>();
  const folderMoves = options.folders ? detectFolderMoves(options.folders.stored, options.folders.scanned) : [];
  const diff: LibraryDiff = {
    created: new FileList(), modified: [], moved: [], restat: [], folderMoves, deleted: [], unchanged: 0, stillFailed: 0, incomplete: [], failuresGone: [],
  };
  // New paths, compact until a vanished comic makes them candidates for pairing.
  let arrivalList = new FileList();
  const vanished: StoredComic[] = [];
  const replacedComicAt = new Map<string, StoredComic>();
  const restatCandidates: [StoredComic, FileStat][] = [];
  /** The path's file is another one: maybe another comic's arrival, else the path's own rewrite. */
  const replaced = (comic: StoredComic, file: FileStat) => {
    arrivalList.push(file);
    vanished.push(comic);
    replacedComicAt.set(file.path, comic);
  };
  /** The same file under a new inode: only the stored inode changes. */
  const restat = (comic: StoredComic, file: FileStat) => {
    diff.restat.push({ id: comic.id, file });
    diff.unchanged++;
  };

  const compare = (file: FileStat, comic: StoredComic | undefined) => {
    const failure = failureByPath.get(file.path);
    if (failure) failuresSeen.add(file.path);
    if (failure && sameStat(failure, file) && !options.force) {
      diff.stillFailed++;
    } else if (!comic) {
      arrivalList.push(file);
    } else if (comic.inode && file.inode !== comic.inode && !sameStat(comic, file)) {
      replaced(comic, file);
    } else if (options.force || !sameStat(comic, file) || failure) {
      // A failure whose file changed since: read it, so the row is updated or goes.
      diff.modified.push({ id: comic.id, file });
    } else if (file.inode !== comic.inode) {
      // No inode stored (a share that gives none): nothing to swap with, the new one is recorded.
      if (comic.inode) restatCandidates.push([comic, file]);
      else restat(comic, file);
    } else {
      diff.unchanged++;
    }
  };
  const { unmatchedFiles, unmatchedComics } = mergeByPath(disk, stored, compare, (comic) => {
    if (comic.mtime === INCOMPLETE_MTIME) diff.incomplete.push(comic.id);
  });
  if (unmatchedComics.size === 0 && failureByPath.size === 0 && arrivalList.length === 0) {
    // Nothing left to match them with and no failure among them: every file left is new (in a
    // fresh import, all of them), so that list is the arrivals as it stands, not copied.
    arrivalList = unmatchedFiles;
  } else {
    for (const file of unmatchedFiles) {
      const comic = unmatchedComics.get(file.path);
      unmatchedComics.delete(file.path);
      compare(file, comic);
    }
  }
  // One at a time: a spread of a whole library's comics would overflow the call stack.
  for (const comic of unmatchedComics.values()) vanished.push(comic);
  // Same stat, new inode: a remounted share, unless the inode is another moved comic's (a swap).
  const movedKeys = new Set([...vanished, ...restatCandidates.map(([comic]) => comic)].map(inodeKey));
  for (const [comic, file] of restatCandidates) {
    const key = inodeKey(file);
    if (key !== undefined && key !== inodeKey(comic) && movedKeys.has(key)) replaced(comic, file);
    else restat(comic, file);
  }
  diff.failuresGone = failures.filter((failure) => !failuresSeen.has(failure.path)).map((failure) => failure.path);
  if (vanished.length === 0) {
    diff.created = arrivalList;
    return diff;
  }
  const arrivals = [...arrivalList];

  // A comic inside a moved folder is the file at the same place in the folder's new location,
  // even if it was also rewritten meanwhile (new inode, new content).
  const arrivalAt = folderMoves.length > 0 ? new Map(arrivals.map((file) => [file.path, file])) : new Map<string, FileStat>();
  const inMovedFolders: [StoredComic, FileStat][] = [];
  for (const comic of vanished) {
    const file = arrivalAt.get(translatePath(comic.path, folderMoves));
    if (file && !replacedComicAt.has(file.path)) inMovedFolders.push([comic, file]);
  }
  const followed = new Set<unknown>(inMovedFolders.flat());
  const pairs = [
    ...inMovedFolders,
    ...pairUnique(vanished.filter((comic) => !followed.has(comic)), arrivals.filter((file) => !followed.has(file)), inodeKey, inodeKey),
  ];
  const pairedComics = new Set(pairs.map(([comic]) => comic));
  const pairedFiles = new Set(pairs.map(([, file]) => file));
  for (const [comic, file] of pairs) {
    diff.moved.push({ id: comic.id, from: comic.path, file });
    if (options.force || !sameStat(comic, file) || failureByPath.has(file.path)) diff.modified.push({ id: comic.id, file });
  }
  const rewrittenInPlace = new Set<StoredComic>();
  for (const file of arrivals) {
    if (pairedFiles.has(file)) continue;
    const comic = replacedComicAt.get(file.path);
    if (comic && !pairedComics.has(comic)) {
      diff.modified.push({ id: comic.id, file });
      rewrittenInPlace.add(comic);
    } else {
      diff.created.push(file);
    }
  }
  diff.deleted = vanished.filter((comic) => !pairedComics.has(comic) && !rewrittenInPlace.has(comic));
  return diff;
}

/**
 * Walks two path-ordered lists side by side: `match` gets each file with the stored comic at its
 * path. What found no partner at its place (a new file, a vanished comic, or input out of order)
 * is returned for the caller to settle; `each` sees every stored comic once.
 */
function mergeByPath(
  disk: Iterable<FileStat>,
  stored: Iterable<StoredComic>,
  match: (file: FileStat, comic: StoredComic) => void,
  each: (comic: StoredComic) => void,
): { unmatchedFiles: FileList; unmatchedComics: Map<string, StoredComic> } {
  // Compact: an added folder of a large library can be many files.
  const unmatchedFiles = new FileList();
  const unmatchedComics = new Map<string, StoredComic>();
  const files = disk[Symbol.iterator]();
  let next = files.next();
  let sawStored = false;
  for (const comic of stored) {
    sawStored = true;
    each(comic);
    // Most paths meet their partner at once: one string compare instead of an ordered one.
    if (!next.done && next.value.path === comic.path) {
      match(next.value, comic);
      next = files.next();
      continue;
    }
    while (!next.done && compareUtf8(next.value.path, comic.path) < 0) {
      unmatchedFiles.push(next.value);
      next = files.next();
    }
    if (!next.done && next.value.path === comic.path) {
      match(next.value, comic);
      next = files.next();
    } else {
      unmatchedComics.set(comic.path, comic);
    }
  }
  // Nothing stored (a fresh import): every file is unmatched, and the walk's list already is that
  // list, without a copy of a whole library's files.
  if (!sawStored && disk instanceof FileList) return { unmatchedFiles: disk, unmatchedComics };
  for (; !next.done; next = files.next()) unmatchedFiles.push(next.value);
  return { unmatchedFiles, unmatchedComics };
}
