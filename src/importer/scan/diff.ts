import type { FileStat } from './walk';

/** What the database holds for a comic, as far as change detection cares. */
export interface StoredComic {
  id: number;
  path: string;
  size: number;
  mtime: number;
  inode: number | null;
  fingerprint: string | null;
}

export interface StoredFailure {
  path: string;
  size: number;
  mtime: number;
}

export interface Move {
  id: number;
  from: string;
  file: FileStat;
}

export interface LibraryDiff {
  /** New paths to read; each becomes a new comic (or a failure). */
  created: FileStat[];
  /** Known comics whose file changed (or all of them with `force`): re-read, keep the id. */
  modified: { id: number; file: FileStat }[];
  /** Same file at a new path: keeps its id. Content changes are also listed in `modified`. */
  moved: Move[];
  /** Stored comics whose file is gone and was not paired with a new path. */
  deleted: StoredComic[];
  unchanged: number;
  /** Files that failed before and have not changed since: not re-read. */
  stillFailed: number;
}

const sameStat = (a: { size: number; mtime: number }, b: { size: number; mtime: number }) =>
  a.size === b.size && a.mtime === b.mtime;

/**
 * Pure decision of what each file needs, from stat data alone (nothing is opened). A vanished
 * comic and a new path are the same file when exactly one of each shares the inode and size.
 * Content-based pairing of the rest (new inode) happens later, in `pairByFingerprint`.
 */
export function diffLibrary(
  disk: readonly FileStat[],
  stored: readonly StoredComic[],
  failures: readonly StoredFailure[],
  options: { force?: boolean } = {},
): LibraryDiff {
  const storedByPath = new Map(stored.map((comic) => [comic.path, comic]));
  const failureByPath = new Map(failures.map((failure) => [failure.path, failure]));
  const diskPaths = new Set<string>();
  const diff: LibraryDiff = { created: [], modified: [], moved: [], deleted: [], unchanged: 0, stillFailed: 0 };
  const arrivals: FileStat[] = [];

  for (const file of disk) {
    diskPaths.add(file.path);
    const comic = storedByPath.get(file.path);
    const failure = failureByPath.get(file.path);
    if (failure && sameStat(failure, file) && !options.force) {
      diff.stillFailed++;
    } else if (!comic) {
      arrivals.push(file);
    } else if (options.force || !sameStat(comic, file)) {
      diff.modified.push({ id: comic.id, file });
    } else {
      diff.unchanged++;
    }
  }

  const vanished = stored.filter((comic) => !diskPaths.has(comic.path));
  const pairs = pairUnique(vanished, arrivals, (comic) => comic.inode !== null ? `${comic.inode}:${comic.size}` : undefined, (file) => `${file.inode}:${file.size}`);
  for (const [comic, file] of pairs) {
    diff.moved.push({ id: comic.id, from: comic.path, file });
    if (options.force || file.mtime !== comic.mtime) diff.modified.push({ id: comic.id, file });
  }
  const pairedComics = new Set(pairs.map(([comic]) => comic));
  const pairedFiles = new Set(pairs.map(([, file]) => file));
  diff.deleted = vanished.filter((comic) => !pairedComics.has(comic));
  diff.created = arrivals.filter((file) => !pairedFiles.has(file));
  return diff;
}

/**
 * Pairs items of two lists that share a key, only where the key is unique on both sides:
 * an ambiguous match (two copies of one file) is never guessed.
 */
export function pairUnique<A, B>(
  left: readonly A[],
  right: readonly B[],
  leftKey: (item: A) => string | undefined,
  rightKey: (item: B) => string | undefined,
): [A, B][] {
  const group = <T>(items: readonly T[], key: (item: T) => string | undefined) => {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      if (k === undefined) continue;
      const list = groups.get(k);
      if (list) list.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
  const rightGroups = group(right, rightKey);
  const pairs: [A, B][] = [];
  for (const [key, lefts] of group(left, leftKey)) {
    const rights = rightGroups.get(key);
    if (lefts.length === 1 && rights?.length === 1) pairs.push([lefts[0]!, rights[0]!]);
  }
  return pairs;
}
