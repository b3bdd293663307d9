import { type Dirent, lstatSync, readdirSync, realpathSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, isNotFound } from '../fs-errors';
import { displayName, fsPathUnder } from '../path-bytes';
import { isComicFileName, isIgnoredName, isIgnoredPath } from './ignore';
import { FileList, type FileStat } from './file-list';
import { compareUtf8, entrySortKey } from './path-order';

export interface ScanResult {
  /** In path order (`compareUtf8`); compact, as a large library's list is long-lived (see FileList). */
  files: FileList;
  folders: FileStat[];
  /** Folders or files that could not be read; never fatal, never a reason to delete. */
  unreadable: { path: string; reason: string }[];
}

function statOf(path: string, absolutePath: string | Buffer): FileStat {
  return fileStat(path, statSync(absolutePath));
}

const fileStat = (path: string, stat: Stats): FileStat => ({ path, size: stat.size, mtime: Math.trunc(stat.mtimeMs), inode: stat.ino });

/**
 * Whether stored paths still name something on disk that the walk would list as that comic (a
 * dangling link counts: it may be a share that is away). What the walk does not list does not
 * count, so a fresh import of the library would not have its comic either: a path under a link to
 * a folder (a folder moved to another disk and linked back), a folder where the file was, a link
 * to a file the walk finds anyway (a duplicate replaced by a link to the other copy). Each folder
 * is checked once per checker.
 */
export function onDiskChecker(root: string): (relative: string) => boolean {
  const links = new LinkRule(root);
  const linked = new Map<string, boolean>();
  return (relative) => !underFolderLink(root, relative, linked) && existsOnDisk(root, relative, links);
}

/**
 * Whether a library path lies under a link to a folder, which the walk does not follow: the
 * folders above it are checked, each once when `linked` remembers the answers.
 */
function underFolderLink(root: string, relative: string, linked: Map<string, boolean>): boolean {
  for (let end = relative.indexOf('/'); end !== -1; end = relative.indexOf('/', end + 1)) {
    const folder = relative.slice(0, end);
    let link = linked.get(folder);
    if (link === undefined) {
      link = isLink(fsPathUnder(root, folder));
      linked.set(folder, link);
    }
    if (link) return true;
  }
  return false;
}

function existsOnDisk(root: string, relative: string, links: LinkRule): boolean {
  const exists = (path: string | Buffer) => {
    try {
      const stat = lstatSync(path);
      if (stat.isDirectory()) return false;
      return !(stat.isSymbolicLink() && links.skips(path));
    } catch (error) {
      // Only a file that is certainly not there any more counts as gone.
      return !isNotFound(error);
    }
  };
  // A name as written first: a valid name may look like an escaped one (see path-bytes.ts).
  if (exists(join(root, relative))) return true;
  const bytes = fsPathUnder(root, relative);
  return typeof bytes !== 'string' && exists(bytes);
}

/**
 * Walks the library with synchronous calls (the fastest way to stat many small entries), giving
 * the event loop a turn every few folders so that Ctrl-C and an AbortSignal are heard on a large
 * or slow (network) tree. `subPaths` limits the walk to parts of the tree (watch mode); their
 * ancestors are still reported as folders so the tree stays linked.
 *
 * Symbolic links: a link to a file is a comic where it stands when its target lies outside the
 * root (a library may link files in); a link to a file the walk finds anyway (inside the root)
 * is skipped, so no comic is stored twice. Links to folders are not followed (no loops, no
 * second copy of a subtree). A dangling link or a loop is reported unreadable.
 */
export async function walkLibrary(root: string, options: { subPaths?: readonly string[]; signal?: AbortSignal } = {}): Promise<ScanResult> {
  const result = emptyScan();
  const starts = options.subPaths?.length ? options.subPaths : [''];
  const addFolder = folderAdder(result);
  // A watch batch's starts share their folders: each is checked for a link once.
  const linked = new Map<string, boolean>();
  for (const start of starts) {
    const parts = start === '' ? [] : start.split('/');
    if (parts.some(isIgnoredName)) continue;
    // A sub-path whose folders vanished is simply gone: its stored comics are deleted. One under a
    // link to a folder is outside the walk, as in a full scan.
    if (underFolderLink(root, start, linked)) continue;
    const ancestors = parts.map((_, depth) => parts.slice(0, depth).join('/'));
    if (!ancestors.every((folder) => addFolder(folder, fsPathUnder(root, folder), folder !== ''))) continue;
    if (start === '') addFolder('', root);
    await walkFrom(root, start, result, addFolder, options.signal);
  }
  // Each start's files are in path order; several starts (a watch batch) are few files to sort.
  if (starts.length > 1) result.files = FileList.of([...result.files].sort((a, b) => compareUtf8(a.path, b.path)));
  return result;
}

export const emptyScan = (): ScanResult => ({ files: new FileList(), folders: [], unreadable: [] });

type AddFolder = (relative: string, absolute: string | Buffer, goneIsFine?: boolean) => boolean;

/** Records a folder once (a watch batch's starts share ancestors); false when it cannot be walked. */
export function folderAdder(result: ScanResult): AddFolder {
  const seen = new Set<string>();
  return (relative, absolute, goneIsFine = false) => {
    if (seen.has(relative)) return true;
    try {
      result.folders.push(statOf(relative, absolute));
      seen.add(relative);
      return true;
    } catch (error) {
      // A folder that is simply gone is not "unreadable".
      if (!(goneIsFine && isNotFound(error))) result.unreadable.push({ path: relative, reason: describeFsError(error) });
      return false;
    }
  };
}

function isLink(path: string | Buffer): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const FOLDERS_PER_TURN = 64;

export interface PendingFolder {
  relative: string;
  absolute: string | Buffer;
}

/** A folder being walked: its comic and folder entries in path order, and the next one to visit. */
interface Frame {
  folder: PendingFolder;
  entries: (Dirent | ByteEntry)[];
  next: number;
}

/** Walks from `start`, a folder or a single file (a watch batch names files too). */
async function walkFrom(root: string, start: string, result: ScanResult, addFolder: AddFolder, signal: AbortSignal | undefined, handOff?: HandOff) {
  const startPath = fsPathUnder(root, start);
  let startStat;
  try {
    // The root may be given as a link to a folder; a sub-path is taken as it is (a link is a link).
    startStat = start === '' ? statSync(startPath) : lstatSync(startPath);
  } catch (error) {
    if (start !== '' && isNotFound(error)) return;
    result.unreadable.push({ path: start, reason: describeFsError(error) });
    return;
  }
  if (!startStat.isDirectory()) {
    if (isComicFileName(start.slice(start.lastIndexOf('/') + 1))) new LinkRule(root).addFile(start, startPath, startStat, result);
    return;
  }
  await walkFolder(root, { relative: start, absolute: startPath }, result, addFolder, signal, handOff);
}

/**
 * The whole tree under `root` into `result`, except the folders `handOff` takes: a split walk's
 * calling thread walks the top of the tree with this.
 */
export async function walkTree(root: string, result: ScanResult, signal: AbortSignal | undefined, handOff: HandOff): Promise<void> {
  const addFolder = folderAdder(result);
  addFolder('', root);
  await walkFrom(root, '', result, addFolder, signal, handOff);
}

/** Called before the walk enters a folder: true when another thread walks it instead. */
export type HandOff = (relative: string) => boolean;

/**
 * Depth-first from `start` (a folder), each folder's entries in path order, so the files come
 * out sorted as `compareUtf8` sorts paths (and `ORDER BY path` returns stored comics): the diff
 * merges the two lists instead of holding both as maps.
 */
export async function walkFolder(root: string, start: PendingFolder, result: ScanResult, addFolder: AddFolder, signal: AbortSignal | undefined, handOff?: HandOff) {
  const links = new LinkRule(root);
  const stack: Frame[] = [];
  const enter = (folder: PendingFolder) => {
    if (!addFolder(folder.relative, folder.absolute)) return;
    try {
      stack.push({ folder, entries: comicEntriesInOrder(readFolder(folder, result)), next: 0 });
    } catch (error) {
      result.unreadable.push({ path: folder.relative, reason: describeFsError(error) });
    }
  };
  signal?.throwIfAborted();
  enter(start);
  let walked = 1;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const entry = frame.entries[frame.next++];
    if (!entry) {
      stack.pop();
      continue;
    }
    const { folder } = frame;
    const { name } = entry;
    const relative = folder.relative === '' ? name : `${folder.relative}/${name}`;
    const absolute = entryPath(folder, entry);
    if (entry.isDirectory()) {
      if (handOff?.(relative)) continue;
      if (++walked % FOLDERS_PER_TURN === 0) await new Promise(setImmediate);
      signal?.throwIfAborted();
      enter({ relative, absolute });
      continue;
    }
    try {
      links.addFile(relative, absolute, lstatSync(absolute), result);
    } catch (error) {
      // Listed a moment ago: it was deleted meanwhile, or its name does not open again.
      const reason = isNotFound(error) ? LISTED_BUT_NOT_FOUND : describeFsError(error);
      result.unreadable.push({ path: relative, reason });
    }
  }
}

/**
 * The path that opens an entry of `folder`: bytes for a name that is not UTF-8. Joined by hand,
 * not with path.join: a listed name holds no slash and is never `.` or `..`, so there is nothing
 * to normalise, and join's normalising was 5% of a no-change rescan's CPU.
 */
export const entryPath = (folder: PendingFolder, entry: Dirent | ByteEntry): string | Buffer => {
  if ('bytes' in entry) return Buffer.concat([entry.folder, SLASH, entry.bytes]);
  const absolute = folder.absolute as string;
  return absolute.endsWith('/') ? absolute + entry.name : `${absolute}/${entry.name}`;
};

/** The entries the walk visits (folders, and files or links with a comic's name), in path order. */
export function comicEntriesInOrder(entries: (Dirent | ByteEntry)[]): (Dirent | ByteEntry)[] {
  const kept = entries.flatMap((entry) => {
    if (isIgnoredName(entry.name)) return [];
    const isDirectory = entry.isDirectory();
    if (!isDirectory && !((entry.isFile() || entry.isSymbolicLink()) && isComicFileName(entry.name))) return [];
    return [{ entry, key: entrySortKey(entry.name, isDirectory) }];
  });
  return kept.sort((a, b) => compareUtf8(a.key, b.key)).map(({ entry }) => entry);
}

const SLASH = Buffer.from('/');
const LISTED_BUT_NOT_FOUND = 'listed in its folder but not found under that name: if it is still there, rename it';

/**
 * Files and the symbolic links among them (see walkLibrary): a link to a file outside the root
 * is a comic; a link to a file the walk finds under its own path is skipped.
 */
class LinkRule {
  private realRoot: Buffer | undefined;

  constructor(private readonly root: string) {}

  addFile(relative: string, absolute: string | Buffer, stat: Stats, result: ScanResult): void {
    if (!stat.isSymbolicLink()) {
      if (stat.isFile()) result.files.push(fileStat(relative, stat));
      return;
    }
    let target: Stats;
    try {
      target = statSync(absolute);
    } catch (error) {
      const reason = isNotFound(error) ? 'a symbolic link whose target is gone: fix or remove the link' : describeFsError(error);
      result.unreadable.push({ path: relative, reason });
      return;
    }
    if (target.isFile() && !this.walkFinds(realpathSync(absolute, { encoding: 'buffer' }))) result.files.push(fileStat(relative, target));
  }

  /** True when the walk skips the link at `absolute` (its target is a file the walk finds anyway). */
  skips(absolute: string | Buffer): boolean {
    try {
      return statSync(absolute).isFile() && this.walkFinds(realpathSync(absolute, { encoding: 'buffer' }));
    } catch {
      return false;
    }
  }

  /** True when the walk meets `real` under its own path: inside the root, a comic, not ignored. */
  private walkFinds(real: Buffer): boolean {
    this.realRoot ??= Buffer.from(join(realpathSync(this.root), '/'));
    if (!real.subarray(0, this.realRoot.length).equals(this.realRoot)) return false;
    const inside = displayName(real.subarray(this.realRoot.length));
    return isComicFileName(inside) && !isIgnoredPath(inside);
  }
}

/** An entry of a folder read as bytes: its display name, and the bytes that open it. */
export interface ByteEntry {
  name: string;
  bytes: Buffer;
  folder: Buffer;
  isDirectory(): boolean;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * A folder's entries. Names are read as strings (fast); only a folder holding a name that did not
 * decode (Node puts U+FFFD for the bad bytes, and that string opens nothing) is read again as
 * bytes, and its entries carry their bytes.
 */
export function readFolder(folder: PendingFolder, result: ScanResult): (Dirent | ByteEntry)[] {
  const { absolute } = folder;
  if (typeof absolute === 'string') {
    const dirents = readdirSync(absolute, { withFileTypes: true });
    if (!dirents.some((dirent) => dirent.name.includes('\uFFFD'))) return dirents;
  }
  const base = typeof absolute === 'string' ? Buffer.from(absolute) : absolute;
  const entries = readdirSync(base, { withFileTypes: true, encoding: 'buffer' }).map((dirent) => ({
    name: displayName(dirent.name),
    bytes: dirent.name,
    folder: base,
    isDirectory: () => dirent.isDirectory(),
    isFile: () => dirent.isFile(),
    isSymbolicLink: () => dirent.isSymbolicLink(),
  }));
  // A valid name spelled like the escaped form of another one here: the valid one keeps the name.
  const escaped = (entry: ByteEntry) => entry.name !== entry.bytes.toString();
  const valid = new Set(entries.filter((entry) => !escaped(entry)).map((entry) => entry.name));
  return entries.filter((entry) => {
    if (!escaped(entry) || !valid.has(entry.name)) return true;
    const relative = folder.relative === '' ? entry.name : `${folder.relative}/${entry.name}`;
    result.unreadable.push({ path: relative, reason: 'its name is not valid UTF-8 and reads like the name of another file here: rename it' });
    return false;
  });
}
