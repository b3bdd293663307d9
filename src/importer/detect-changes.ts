import type { LongboxDb } from '../db';
import { createFolderTree, type FolderTree } from './phases/folders';
import type { ResolvedImportOptions } from './options';
import type { ProgressReporter } from './progress';
import { findLibrary, findOrCreateLibrary } from './queries/library';
import { countStoredComics, holdsAtLeast, iterateStoredStats, selectFingerprints, selectStoredFailures } from './queries/stored-comics';
import { diffLibrary, type LibraryDiff } from './scan/diff';
import { FileList } from '../walk/file-list';
import { assertRootAvailable, outsideUnreadable } from './scan/guard';
import { pairByFingerprint } from './scan/pair-by-fingerprint';
import { type ImportPlan, planImport } from './scan/plan';
import { SPLIT_WALK_COMICS, splitWalk } from '../walk/split-walk';
import { type ScanResult, walkLibrary } from '../walk/walk';
import type { Timer } from './timer';

export interface Changes {
  libraryId: number;
  folders: FolderTree;
  /** The files to read are in `plan.toRead`, held compactly: the diff's own lists of them are not kept. */
  diff: Omit<LibraryDiff, 'created' | 'modified'>;
  plan: ImportPlan;
  /** Paths with a failed_imports row before this run: only they have one to remove. */
  failedBefore: Set<string>;
  unreadable: ScanResult['unreadable'];
}

/**
 * The scan: walks the folder, checks that it is safe to go on, and merges the walk with the
 * stored comics as the database returns them, in path order. Only the differences and the
 * folders outlive it, and the stored rows do not; the walk's list does only in a fresh import,
 * where it is the list of files to read.
 */
export async function detectChanges(
  db: LongboxDb,
  root: string,
  scope: readonly string[] | undefined,
  options: ResolvedImportOptions,
  timer: Timer,
  progress: ProgressReporter,
): Promise<Changes> {
  const client = db.$client;
  const knownLibraryId = findLibrary(db, root);
  const scan: ScanResult = await timer.timeAsync('scan', () => walk(client, root, knownLibraryId, scope, options.signal));
  progress('scan', scan.files.length, scan.files.length);
  const failures = timer.time('scan', () => (knownLibraryId === undefined ? [] : selectStoredFailures(client, knownLibraryId, scope)));
  const storedCount = () => (knownLibraryId === undefined ? 0 : countStoredComics(client, knownLibraryId, scope));
  assertRootAvailable(root, scan.files.length, storedCount, { allowClear: options.allowClear, partial: scope !== undefined });
  // Created only now: a mistyped or missing root leaves no library row behind.
  const libraryId = knownLibraryId ?? findOrCreateLibrary(db, root);
  const folders = createFolderTree(client, libraryId, root, scan.folders, scope);
  const stored = knownLibraryId === undefined ? [] : outsideUnreadable(iterateStoredStats(client, knownLibraryId, scope), scan.unreadable);
  const diff = timer.time('scan', () =>
    pairByFingerprint(
      diffLibrary(scan.files, stored, failures, { force: options.force, folders: { stored: folders.stored(), scanned: scan.folders } }),
      root,
      (ids) => selectFingerprints(client, ids),
    ),
  );
  const { created, modified, ...kept } = diff;
  return { libraryId, folders, diff: kept, plan: planImport(diff), failedBefore: new Set(failures.map((failure) => failure.path)), unreadable: scan.unreadable };
}

/**
 * A full scan of a library that held many comics last time walks on two threads (the rescan is
 * mostly its system calls); a small or new library, or a watch batch, on this one, where a
 * helper's start-up would cost more than it saves.
 */
async function walk(client: LongboxDb['$client'], root: string, libraryId: number | undefined, scope: readonly string[] | undefined, signal: AbortSignal | undefined): Promise<ScanResult> {
  // An empty scope has nothing to look at (walkLibrary would take it for the whole tree).
  if (scope?.length === 0) return { files: new FileList(), folders: [], unreadable: [] };
  if (scope || libraryId === undefined || !holdsAtLeast(client, libraryId, SPLIT_WALK_COMICS)) return walkLibrary(root, { subPaths: scope, signal });
  return (await splitWalk(root, { signal })).scan;
}
