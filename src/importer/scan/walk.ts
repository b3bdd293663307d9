import { type Dirent, opendirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from '../../paths';
import { isComicFileName, isIgnoredName } from './ignore';

/** What the scan knows about a file or folder: enough to decide "unchanged" without opening it. */
export interface FileStat {
  /** Relative to the library root, '/'-separated; '' is the root itself. */
  path: string;
  size: number;
  /** Milliseconds, truncated: the same value is stored and compared. */
  mtime: number;
  inode: number;
}

export interface ScanResult {
  files: FileStat[];
  folders: FileStat[];
  /** Folders or files that could not be read; never fatal, never a reason to delete. */
  unreadable: { path: string; reason: string }[];
}

export function statOf(path: string, absolutePath: string): FileStat {
  const stat = statSync(absolutePath);
  return { path, size: stat.size, mtime: Math.trunc(stat.mtimeMs), inode: stat.ino };
}

/**
 * Walks the library with synchronous calls (the fastest way to stat many small entries), giving
 * the event loop a turn every few folders so that Ctrl-C and an AbortSignal are heard on a large
 * or slow (network) tree. `subPaths` limits the walk to parts of the tree (watch mode); their
 * ancestors are still reported as folders so the tree stays linked.
 */
export async function walkLibrary(root: string, options: { subPaths?: string[]; signal?: AbortSignal } = {}): Promise<ScanResult> {
  const result: ScanResult = { files: [], folders: [], unreadable: [] };
  const starts = options.subPaths?.length ? options.subPaths : [''];
  const seenFolders = new Set<string>();
  /** False when the folder cannot be walked; a folder that is simply gone is not "unreadable". */
  const addFolder = (relative: string, goneIsFine = false) => {
    if (seenFolders.has(relative)) return true;
    try {
      result.folders.push(statOf(relative, join(root, relative)));
      seenFolders.add(relative);
      return true;
    } catch (error) {
      if (!(goneIsFine && isNotFound(error))) result.unreadable.push({ path: relative, reason: describeFsError(error) });
      return false;
    }
  };

  for (const start of starts) {
    const parts = start === '' ? [] : start.split('/');
    if (parts.some(isIgnoredName)) continue;
    // A sub-path whose folders vanished is simply gone: its stored comics are deleted.
    const ancestors = parts.map((_, depth) => parts.slice(0, depth).join('/'));
    if (!ancestors.every((folder) => addFolder(folder, folder !== ''))) continue;
    if (start === '') addFolder('');
    await walkFrom(root, start, result, addFolder, options.signal);
  }
  return result;
}

const FOLDERS_PER_TURN = 64;

async function walkFrom(
  root: string,
  start: string,
  result: ScanResult,
  addFolder: (relative: string) => boolean,
  signal: AbortSignal | undefined,
) {
  let startStat;
  try {
    startStat = statSync(join(root, start));
  } catch (error) {
    if (start !== '' && isNotFound(error)) return;
    result.unreadable.push({ path: start, reason: describeFsError(error) });
    return;
  }
  if (startStat.isFile()) {
    const name = start.slice(start.lastIndexOf('/') + 1);
    if (isComicFileName(name)) {
      result.files.push({ path: start, size: startStat.size, mtime: Math.trunc(startStat.mtimeMs), inode: startStat.ino });
    }
    return;
  }
  const pending = [start];
  let walked = 0;
  while (pending.length > 0) {
    if (++walked % FOLDERS_PER_TURN === 0) await new Promise(setImmediate);
    signal?.throwIfAborted();
    const folder = pending.pop()!;
    if (!addFolder(folder)) continue;
    let entries: Dirent[];
    try {
      entries = readFolder(join(root, folder));
    } catch (error) {
      result.unreadable.push({ path: folder, reason: describeFsError(error) });
      continue;
    }
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        pending.push(relative);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isComicFileName(entry.name)) {
        try {
          const stat = statSync(join(root, relative));
          if (stat.isFile()) result.files.push({ path: relative, size: stat.size, mtime: Math.trunc(stat.mtimeMs), inode: stat.ino });
        } catch (error) {
          result.unreadable.push({ path: relative, reason: describeFsError(error) });
        }
      }
    }
  }
}

function readFolder(path: string): Dirent[] {
  const dir = opendirSync(path, { bufferSize: 256 });
  const entries: Dirent[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) entries.push(entry);
  } finally {
    dir.closeSync();
  }
  return entries;
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
