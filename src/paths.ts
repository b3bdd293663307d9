import { opendirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { createError } from './errors';
import { describeFsError } from './fs-errors';
import { displayName, isValidUtf8 } from './path-bytes';

/*
 * Library paths, written once for the importer, the watcher, relocate and the CLI. A library path
 * is relative to the library root, '/'-separated, without '.' or empty parts; '' is the root.
 */

/**
 * A user's or an event's spelling of a library path ('./a//b') as the library stores it ('a/b').
 * A backslash separates only on Windows: elsewhere it is part of a name (and of escaped names,
 * see path-bytes.ts).
 */
export function normalizeLibraryPath(path: string): string {
  return path.split(sep === '\\' ? /[\\/]+/ : /\/+/).filter((part) => part !== '' && part !== '.').join('/');
}

/** Parent folder of a library path; '' is the root (and its own parent). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The root and every folder above and including `folderPath`, shallowest first. */
export function ancestorPaths(folderPath: string): string[] {
  if (folderPath === '') return [''];
  const parts = folderPath.split('/');
  return ['', ...parts.map((_, index) => parts.slice(0, index + 1).join('/'))];
}

/** `path` is `folder` itself or lies below it ('' holds everything). */
export function isAtOrUnder(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(`${folder}/`);
}

/**
 * The absolute key of a library root: its real path when it exists (a symlinked or relative
 * spelling is the same library), else the resolved path (the root check then reports it).
 */
export function realPathOrResolved(path: string): string {
  const resolved = resolve(path);
  try {
    return realpathSync(resolved);
  } catch {
    return resolved;
  }
}

/**
 * The absolute path a path typed on a command line names: `path`, or `notUtf8`, the display form
 * (src/path-bytes.ts) of a real path that no string can name. path.resolve joins a relative path
 * to process.cwd(), a string in which Node writes U+FFFD for each byte of the working directory's
 * path that is not valid UTF-8, and that string opens nothing. The kernel still resolves the
 * relative path against the real working directory, so there the real path is read as bytes
 * (a path reached through `..` or a link may be valid UTF-8 again).
 */
export function resolveTyped(typed: string): { path: string } | { notUtf8: string } {
  const resolved = resolve(typed);
  if (isAbsolute(typed) || !process.cwd().includes('\uFFFD')) return { path: resolved };
  let real: Buffer;
  try {
    real = realpathSync.native(typed, { encoding: 'buffer' });
  } catch {
    return { path: resolved }; // Not there: the caller's check says so.
  }
  return isValidUtf8(real) ? { path: real.toString() } : { notUtf8: displayName(real) };
}

/**
 * The absolute library root typed on a command line (see resolveTyped). Throws ROOT_UNAVAILABLE
 * when its path is not valid UTF-8: the root is stored, and joined to every file's path, as text.
 */
export function resolveRoot(typed: string, consequence: string): string {
  const root = resolveTyped(typed);
  if ('path' in root) return root.path;
  throw rootUnavailable(root.notUtf8, 'its path is not valid UTF-8, and longbox keeps a root by its path as text: give the folder shown with \\xHH a UTF-8 name', consequence);
}

/**
 * Throws ROOT_UNAVAILABLE unless `root` is a folder this user can list, in one wording
 * everywhere: "library root unavailable: <root> (<reason>); <consequence>". A root that cannot
 * be listed would scan as empty: a new library would be stored with no comics, an existing one
 * refused for the wrong reason ("holds no comics").
 */
export function assertLibraryRoot(root: string, consequence: string): void {
  let reason: string | undefined;
  try {
    if (!statSync(root).isDirectory()) reason = 'not a folder';
    else opendirSync(root).closeSync();
  } catch (error) {
    reason = describeFsError(error);
  }
  if (reason) throw rootUnavailable(root, reason, consequence);
}

const rootUnavailable = (root: string, reason: string, consequence: string) =>
  createError('ROOT_UNAVAILABLE', `library root unavailable: ${root} (${reason}); ${consequence}`);
