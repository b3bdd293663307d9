import { type FSWatcher, lstatSync, watch } from 'node:fs';
import { basename, join } from 'node:path';
import { mayExist } from '../fs-errors';
import { isComicFileName, isIgnoredName, isIgnoredPath } from '../walk/ignore';
import { emptyScan, readFolder } from '../walk/walk';
import { displayName, fsPathUnder } from '../path-bytes';
import { isAtOrUnder } from '../paths';

/** The watches on a library's folders. */
export interface TreeWatcher {
  /**
   * Watches the tree afresh: closes every watch and walks the tree again. Repairs what missed
   * events broke (run before each periodic full scan, which covers changes made meanwhile). A
   * watch the kernel dropped cannot be told from a live one: a folder removed and made again, or
   * a file system unmounted and mounted again, keeps its path and often its inode (ext4 reuses
   * them), yet its old watch sees nothing.
   */
  resync(): void;
  close(): void;
}

/**
 * Watches every folder of the library with one non-recursive `fs.watch` each (one inotify watch
 * per folder on Linux). Node 20's `recursive: true` works on Linux too, but it adds a watch and a
 * synchronous stat for every file at start, and watches ignored folders (`.git`, `@eaDir`): a
 * large library can exhaust the inotify limit (8,192 watches by default on older kernels).
 *
 * Reports library-relative paths that may have changed: comic files, and folders that appeared
 * or vanished (the import scans those whole, so files written before a new folder's watch was in
 * place are not missed). Other files (covers, partial downloads, the database's own files) are
 * not reported. Throws when `root` cannot be watched at start; later failures go to `onError`,
 * except a root that went away, which the next import reports.
 */
export function watchTree(root: string, onPath: (path: string) => void, onError: (error: Error) => void): TreeWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  let limitReported = false;
  let started = false;

  const unwatch = (folder: string) => {
    for (const [path, watcher] of watchers) {
      if (isAtOrUnder(path, folder)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };

  const watchFolder = (folder: string) => {
    try {
      // Names come as bytes: a string would hold U+FFFD for a byte that is not UTF-8, and name
      // nothing (src/path-bytes.ts); their display form names the file like the walk does.
      const watcher = watch(onDisk(root, folder), { encoding: 'buffer' }, (event, name) => onEvent(folder, event, name && displayName(name)));
      // The folder went away (its parent's event reports that); its watch is dead.
      watcher.on('error', () => {
        watcher.close();
        if (watchers.get(folder) === watcher) watchers.delete(folder);
      });
      watchers.set(folder, watcher);
    } catch (error) {
      if (folder === '' && !started) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // The inotify limit: say so once; the periodic full scan still covers the unwatched part.
      if ((code === 'ENOSPC' || code === 'EMFILE') && !limitReported) {
        limitReported = true;
        onError(new Error(`cannot watch every folder (${code}: raise fs.inotify.max_user_watches); changes there wait for the next full scan`, { cause: error }));
      }
      // Otherwise (gone, unreadable) there is nothing to watch; the import reports unreadable folders.
    }
  };

  /** Watches `start` and every folder below it that has no watch yet. */
  const watchSubtree = (start: string) => {
    const pending = [start];
    while (pending.length > 0 && !closed) {
      const folder = pending.pop()!;
      if (!watchers.has(folder)) watchFolder(folder);
      let names;
      try {
        names = readFolder({ relative: folder, absolute: onDisk(root, folder) }, emptyScan())
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name);
      } catch {
        continue;
      }
      for (const name of names) {
        if (!isIgnoredName(name)) pending.push(folder === '' ? name : `${folder}/${name}`);
      }
    }
  };

  const onEvent = (folder: string, event: string, name: string | null) => {
    if (closed) return;
    // No name: something changed in the folder, the import reads it.
    if (name === null) return onPath(folder);
    const path = folder === '' ? name : `${folder}/${name}`;
    if (isIgnoredPath(path)) return;
    const kind = kindOf(onDisk(root, path));
    if (kind === 'folder') {
      // A folder that appeared (created, moved in, or replaced one of the same name).
      if (event === 'rename' || !watchers.has(path)) {
        unwatch(path);
        watchSubtree(path);
        onPath(path);
      }
    } else if (kind === 'file' && !watchers.has(path)) {
      if (isComicFileName(name)) onPath(path);
    } else if (watchers.has(path)) {
      // A folder that vanished, moved away, or became a file or a link (links to folders are not
      // followed): its watches (and those below it) are dead, or watch what is no longer here.
      unwatch(path);
      onPath(path);
    } else if (isComicFileName(name)) {
      onPath(path);
    } else if (folder === '' && name === basename(root) && kindOf(root) !== 'folder') {
      // The root itself moved or vanished (its watch reports its own name): the import says so.
      onPath('');
    }
  };

  watchSubtree('');
  started = true;
  return {
    resync() {
      if (closed) return;
      unwatch('');
      watchSubtree('');
    },
    close() {
      closed = true;
      unwatch('');
    },
  };
}

/**
 * Where a display path is on disk: its bytes for an escaped name, but a name as written first (a
 * valid name may look escaped, and keeps its path: see src/path-bytes.ts).
 */
function onDisk(root: string, path: string): string | Buffer {
  const bytes = fsPathUnder(root, path);
  if (typeof bytes === 'string') return bytes;
  const written = join(root, path);
  return mayExist(written) ? written : bytes;
}

function kindOf(path: string | Buffer): 'folder' | 'file' | 'gone' {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() ? 'folder' : 'file';
  } catch {
    return 'gone';
  }
}
