import { join } from 'node:path';
import { fingerprintFile, openablePath } from '../../read/fingerprint';
import type { LibraryDiff } from './diff';
import { FileList } from '../../walk/file-list';
import { pairUnique } from './pair-unique';
import type { FileStat } from '../../walk/file-list';

/**
 * Second pass of move detection, for files whose inode changed (copied, then the original
 * deleted; network shares): a deleted comic and a created file of the same size and the same
 * content fingerprint are one comic. Only same-size candidates are hashed, so a library without
 * such churn reads nothing here. Ambiguous matches (two identical copies) are not paired.
 */
export function pairByFingerprint(
  diff: LibraryDiff,
  root: string,
  fingerprintsOf: (ids: readonly number[]) => ReadonlyMap<number, string>,
): LibraryDiff {
  if (diff.deleted.length === 0 || diff.created.length === 0) return diff;
  // As objects here: pairing goes by identity. A library with deleted comics has few new files.
  const created = [...diff.created];
  // A fingerprint covers the size, so only a vanished comic of a size some new file has can pair:
  // only those are looked up (a deleted folder of 50k comics and one new file ask for none or few).
  const createdSizes = new Set(created.map((file) => file.size));
  const candidates = diff.deleted.filter((comic) => createdSizes.has(comic.size));
  if (candidates.length === 0) return diff;
  const stored = fingerprintsOf(candidates.map((comic) => comic.id));
  const sizes = new Set(candidates.filter((comic) => stored.has(comic.id)).map((comic) => comic.size));
  if (sizes.size === 0) return diff;
  const fingerprints = new Map<FileStat, string>();
  for (const file of created) {
    if (!sizes.has(file.size)) continue;
    try {
      const opened = openablePath(join(root, file.path));
      if (!opened.ok) continue;
      try {
        fingerprints.set(file, fingerprintFile(opened.path, file.size));
      } finally {
        opened.close();
      }
    } catch {
      // Unreadable now: it will be read (and fail with a reason) as a new file.
    }
  }
  const pairs = pairUnique(candidates, created, (comic) => stored.get(comic.id), (file) => fingerprints.get(file));
  if (pairs.length === 0) return diff;
  const pairedComics = new Set(pairs.map(([comic]) => comic));
  const pairedFiles = new Set(pairs.map(([, file]) => file));
  return {
    ...diff,
    moved: [...diff.moved, ...pairs.map(([comic, file]) => ({ id: comic.id, from: comic.path, file }))],
    // A comic whose last write never finished (a mark in its mtime) is read again, not restated.
    restat: [...diff.restat, ...pairs.filter(([comic]) => comic.mtime >= 0).map(([comic, file]) => ({ id: comic.id, file }))],
    modified: [...diff.modified, ...pairs.filter(([comic]) => comic.mtime < 0).map(([comic, file]) => ({ id: comic.id, file }))],
    created: FileList.of(created.filter((file) => !pairedFiles.has(file))),
    deleted: diff.deleted.filter((comic) => !pairedComics.has(comic)),
  };
}
