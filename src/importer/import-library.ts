import { databaseFileOf, type LongboxDb, migrate, openDatabase, withImportPragmas } from '../db';
import { createError, LongboxError } from '../errors';
import { realPathOrResolved } from '../paths';
import { createChunkContext, createPhaseRunner } from './chunk-context';
import { createChunkTally } from './chunk-tally';
import { detectChanges } from './detect-changes';
import { acquireImportLock } from './import-lock';
import { type ImportOptions, parseImportOptions, type ResolvedImportOptions } from './options';
import { createOrphanCandidates } from './phases/cleanup';
import { recordFailures } from './phases/failed';
import { createProgressReporter } from './progress';
import { readInChunks } from './read-in-chunks';
import type { ImportReport } from './report';
import { deleteVanished, moveComics, removeUnused, stillVanished } from './run-steps';
import { scopeOf } from './scan/scope';
import { createTimer } from './timer';
import { writeChunk } from './write-chunk';

/**
 * Imports the comics under `root` into the database and keeps them in step with the folder on
 * every later run.
 *
 * scan -> diff -> plan -> move -> (read -> query -> create/update -> link -> search -> failed ->
 * delete -> finish) per chunk -> failed -> delete -> cleanup -> folders. Each DB phase is its own
 * transaction; a crash or an abort at any point leaves a database the next run completes.
 */
export async function importLibrary(target: LongboxDb | string, root: string, options: ImportOptions = {}): Promise<ImportReport> {
  const resolved = parseImportOptions(options);
  const db = typeof target === 'string' ? openDatabase(target) : target;
  const file = databaseFileOf(db);
  let releaseLock: (() => void) | undefined;
  try {
    releaseLock = typeof file === 'string' ? acquireImportLock(file) : undefined;
    migrate(db);
    const { cacheSize, walAutocheckpoint } = resolved.tuning;
    return await withImportPragmas(db, () => runImport(db, realPathOrResolved(root), resolved), {
      cacheSizeKiB: resolved.cacheSizeKiB,
      walBudgetMiB: resolved.walBudgetMiB,
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
  const scope = scopeOf(options.paths);

  const changes = await detectChanges(db, root, scope, options, timer, progress);
  const { libraryId, folders, diff, plan } = changes;
  const phase = createPhaseRunner(db, libraryId, options, timer);
  // A scoped run (a watch batch) cleans up only what it touched; a full scan sweeps everything.
  const orphans = scope ? createOrphanCandidates() : undefined;
  const context = createChunkContext(client, changes, { orphans, phase, timer });

  phase('move', () => moveComics(client, changes, orphans));
  const tally = createChunkTally();
  await readInChunks(root, plan.toRead, options, progress, timer, (chunk) => tally.add(writeChunk(context, chunk)));
  phase('failed', () => recordFailures(context.statements.failures, libraryId, [], diff.failuresGone));
  const vanished = stillVanished(root, changes);
  const deleted = phase('delete', () => deleteVanished(client, vanished, changes, orphans));
  const removed = phase('cleanup', () => removeUnused(db, changes, orphans, options));
  phase('folders', () => folders.updateStats());

  const totalMs = performance.now() - started;
  const { created, updated, failed } = tally.counts;
  return {
    libraryId,
    root,
    comics: { created, updated, failed, unchanged: diff.unchanged, moved: diff.moved.length, deleted, stillFailed: diff.stillFailed },
    warnings: tally.warnings,
    tags: { created: context.references.createdCount(), removed: removed.references },
    folders: { created: folders.createdCount(), removed: removed.folders },
    unreadable: changes.unreadable,
    phases: timer.phases(),
    totalMs: Math.round(totalMs),
    comicsPerSecond: Math.round(((created + updated + failed) * 1000) / Math.max(totalMs, 1)),
  };
}
