import { z } from 'zod';
import { databaseFileOf, type LongboxDb, migrate, openDatabase, runPhase, withImportPragmas } from '../db';
import { createError, LongboxError } from '../errors';
import { normalizeLibraryPath, realPathOrResolved } from '../paths';
import { acquireImportLock } from './import-lock';
import { type ImportOptions, importOptionsSchema, type ResolvedImportOptions } from './options';
import { createOrphanCandidates, prepareCleanupStatements, removeOrphanCandidates, removeOrphans } from './phases/cleanup';
import { prepareComicWrites } from './phases/create-update';
import { deleteComics } from './phases/delete';
import { prepareFailureStatements, recordFailures } from './phases/failed';
import { createFolderTree } from './phases/folders';
import { prepareLinkStatements } from './phases/link';
import { applyMoves } from './phases/move';
import { preparePageStatements } from './phases/pages';
import { createReferenceResolvers } from './phases/references';
import { prepareSearchStatements } from './phases/search';
import { createProgressReporter } from './progress';
import { findLibrary, findOrCreateLibrary } from './queries/library';
import { selectStoredFailures, selectStoredStats } from './queries/stored-comics';
import { readInChunks } from './read-in-chunks';
import type { ImportReport } from './report';
import { diffLibrary } from './scan/diff';
import { assertRootAvailable, isUnderUnreadable } from './scan/guard';
import { pairByFingerprint } from './scan/pair-by-fingerprint';
import { planImport } from './scan/plan';
import { existsOnDisk, walkLibrary } from './scan/walk';
import { createTimer } from './timer';
import { type ChunkContext, collectStoredReferences, type PhaseRunner, writeChunk } from './write-chunk';

/**
 * Imports the comics under `root` into the database and keeps them in step with the folder on
 * every later run.
 *
 * scan -> diff -> plan -> move -> (read -> query -> create/update -> link -> search -> failed ->
 * delete -> finish) per chunk -> failed -> delete -> cleanup -> folders. Each DB phase is its own
 * transaction; a crash or an abort at any point leaves a database the next run completes.
 */
export async function importLibrary(target: LongboxDb | string, root: string, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = importOptionsSchema.safeParse(options);
  if (!parsed.success) throw createError('USAGE', `invalid import options: ${z.prettifyError(parsed.error)}`, parsed.error);
  const resolved: ResolvedImportOptions = { ...parsed.data, signal: options.signal, onProgress: options.onProgress };
  const db = typeof target === 'string' ? openDatabase(target) : target;
  const file = databaseFileOf(db);
  let releaseLock: (() => void) | undefined;
  try {
    releaseLock = typeof file === 'string' ? acquireImportLock(file) : undefined;
    migrate(db);
    const { cacheSize, walAutocheckpoint } = resolved.tuning;
    return await withImportPragmas(db, () => runImport(db, realPathOrResolved(root), resolved), {
      cacheSizeKiB: resolved.cacheSizeKiB,
      knobs: { cacheSize, walAutocheckpoint },
    });
  } catch (error) {
    throw causedByAbort(error, resolved.signal) ? createError('ABORTED', 'import aborted; committed work is kept and the next run completes it', error) : error;
  } finally {
    releaseLock?.();
    if (typeof target === 'string') db.$client.close();
  }
}

/** Only what the abort itself threw (its reason, or a LongboxError ABORTED) is an abort. */
function causedByAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  if (error instanceof LongboxError) return false;
  return error === signal.reason || (error instanceof DOMException && error.name === 'AbortError');
}

async function runImport(db: LongboxDb, root: string, options: ResolvedImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const client = db.$client;
  const timer = createTimer();
  const progress = createProgressReporter(options.onProgress);
  const phase: PhaseRunner = (name, fn) => {
    options.signal?.throwIfAborted();
    return timer.time(name, () => (options.tuning.phaseTransactions ? runPhase(db, name, fn) : fn()));
  };

  const knownLibraryId = findLibrary(db, root);
  const scope = scopeOf(options.paths);
  // An empty scope has nothing to look at (walkLibrary would take it for the whole tree).
  const scan = scope?.length === 0 ? { files: [], folders: [], unreadable: [] } : await timer.timeAsync('scan', () => walkLibrary(root, { subPaths: scope, signal: options.signal }));
  progress('scan', scan.files.length, scan.files.length);
  const { stored, failures } = timer.time('scan', () => ({
    stored: knownLibraryId === undefined ? [] : selectStoredStats(client, knownLibraryId, scope),
    failures: knownLibraryId === undefined ? [] : selectStoredFailures(client, knownLibraryId, scope),
  }));
  assertRootAvailable(root, stored.length, scan.files.length, { allowClear: options.allowClear, partial: scope !== undefined });
  // Created only now: a mistyped or missing root leaves no library row behind.
  const libraryId = knownLibraryId ?? findOrCreateLibrary(db, root);

  // Comics under a folder that could not be read are not known to be gone: keep them as they are.
  const present = stored.filter((comic) => !isUnderUnreadable(comic.path, scan.unreadable));
  const folders = createFolderTree(client, libraryId, root, new Map(scan.folders.map((folder) => [folder.path, folder])), scope);
  const diff = timer.time('scan', () =>
    pairByFingerprint(diffLibrary(scan.files, present, failures, { force: options.force, folders: { stored: folders.stored(), scanned: scan.folders } }), root),
  );
  const plan = planImport(diff, present);
  // A scoped run (a watch batch) cleans up only what it touched; a full scan sweeps everything.
  const orphans = scope ? createOrphanCandidates() : undefined;

  const context: ChunkContext = {
    client,
    libraryId,
    statements: {
      comics: prepareComicWrites(client),
      links: prepareLinkStatements(client),
      search: prepareSearchStatements(client),
      failures: prepareFailureStatements(client),
      pages: preparePageStatements(client),
    },
    // Preloading a table costs a read of all its rows: worth it only for a large import.
    references: createReferenceResolvers(client, plan.toRead.length >= PRELOAD_MIN_READS ? 'preload' : 'lookup'),
    folders,
    failedBefore: new Set(failures.map((failure) => failure.path)),
    incomplete: plan.incomplete,
    orphans,
    phase,
    timer,
  };

  phase('move', () => {
    if (orphans) collectStoredReferences(client, plan.displaced, orphans);
    applyMoves(client, { folders, folderMoves: diff.folderMoves, moves: diff.moved, displaced: plan.displaced, restat: diff.restat, stale: plan.stale });
  });
  const counts = { created: 0, updated: 0, failed: 0 };
  const warnings: ImportReport['warnings'] = { count: 0, sample: [] };
  await readInChunks(root, plan.toRead, options, progress, timer, (chunk) => {
    const result = writeChunk(context, chunk);
    counts.created += result.created;
    counts.updated += result.updated;
    counts.failed += result.failed;
    warnings.count += result.warnings.length;
    warnings.sample.push(...result.warnings.slice(0, WARNING_SAMPLE - warnings.sample.length));
  });

  const onDisk = new Set(scan.files.map((file) => file.path));
  phase('failed', () => recordFailures(context.statements.failures, libraryId, [], failures.filter((failure) => !onDisk.has(failure.path)).map((failure) => failure.path)));
  const vanished = plan.vanished.filter((comic) => !existsOnDisk(root, comic.path)).map((comic) => comic.id);
  const deleted = phase('delete', () => {
    if (orphans) collectStoredReferences(client, vanished, orphans);
    return deleteComics(client, vanished) + plan.displaced.length;
  });
  const removed = phase('cleanup', () => {
    if (!orphans) return removeOrphans(prepareCleanupStatements(client), libraryId);
    orphans.addFolders(folders.ids());
    return removeOrphanCandidates(client, orphans);
  });
  phase('folders', () => folders.updateStats());

  const totalMs = performance.now() - started;
  const { created, updated, failed } = counts;
  return {
    libraryId,
    root,
    comics: { created, updated, failed, unchanged: diff.unchanged, moved: diff.moved.length, deleted, stillFailed: diff.stillFailed },
    warnings,
    tags: { created: context.references.createdCount(), removed: removed.tags },
    folders: { created: folders.createdCount(), removed: removed.folders },
    unreadable: scan.unreadable,
    phases: timer.phases(),
    totalMs: Math.round(totalMs),
    comicsPerSecond: Math.round(((created + updated + failed) * 1000) / Math.max(totalMs, 1)),
  };
}

/** Metadata warnings listed in the report; the rest are only counted. */
const WARNING_SAMPLE = 20;

/**
 * From this many files to read, reference tables are read whole up front (one scan each, then
 * Map lookups); below it, each name is looked up by index when first met. Measured at codex 10k
 * (about 200k names): the preload costs about 1.2 s, a lookup about 10 µs.
 */
const PRELOAD_MIN_READS = 1000;

/**
 * The paths of a scoped run, or undefined for a full scan (no paths, or one that includes the
 * root, which then gets every safety check of a full scan). Paths inside another listed path
 * are dropped: they would list their comics twice.
 */
function scopeOf(paths: readonly string[] | undefined): string[] | undefined {
  if (!paths) return undefined;
  const normalized = [...new Set(paths.map(normalizeLibraryPath))];
  if (normalized.includes('')) return undefined;
  return normalized.filter((path) => !normalized.some((outer) => path.startsWith(`${outer}/`)));
}
