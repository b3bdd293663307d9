import { isIgnoredPath } from '../walk/ignore';
import { ancestorPaths, normalizeLibraryPath, parentOf } from '../paths';

/**
 * Above this many touched entries in one folder, the folder itself is imported instead: the
 * import then stats the folder's files once (cheap, unchanged files are not opened) instead of
 * matching every stored comic against a long path list.
 */
export const DEFAULT_MAX_PATHS_PER_FOLDER = 10;

/**
 * Turns the library-relative paths touched by a batch of events into the shortest list an
 * incremental import needs: ignored paths dropped, paths under another listed path dropped (the
 * folder covers them), many paths in one folder replaced by the folder. The root's direct
 * entries are never merged into the root: that would be a full rescan. Sorted, so a batch
 * always gives the same list.
 */
export function collapsePaths(paths: Iterable<string>, maxPerFolder = DEFAULT_MAX_PATHS_PER_FOLDER): string[] {
  const kept = new Set<string>();
  for (const path of paths) {
    const normalized = normalizeLibraryPath(path);
    if (normalized === '') return [''];
    if (!isIgnoredPath(normalized)) kept.add(normalized);
  }
  for (const folder of crowdedFolders(kept, maxPerFolder)) kept.add(folder);
  return [...dropCovered(kept)].sort();
}

/** Paths with a listed ancestor go: importing the ancestor imports them ('' is never listed here). */
function dropCovered(paths: Set<string>): Set<string> {
  return new Set([...paths].filter((path) => !ancestorPaths(parentOf(path)).some((ancestor) => paths.has(ancestor))));
}

/** Folders (the root aside) with more than `maxPerFolder` touched entries: touched paths, or folders holding one. */
function crowdedFolders(paths: Set<string>, maxPerFolder: number): string[] {
  const touchedEntries = new Map<string, Set<string>>();
  for (const path of paths) {
    for (let entry = path, folder = parentOf(path); folder !== ''; entry = folder, folder = parentOf(folder)) {
      let entries = touchedEntries.get(folder);
      if (!entries) touchedEntries.set(folder, (entries = new Set()));
      entries.add(entry);
    }
  }
  return [...touchedEntries].filter(([, entries]) => entries.size > maxPerFolder).map(([folder]) => folder);
}
