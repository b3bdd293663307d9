import { z } from 'zod';
import { type LongboxDb, openDatabase } from '../db';
import { invalidOptions } from '../errors';
import { assertLibraryRoot, realPathOrResolved } from '../paths';
import { importLibrary } from '../importer/import-library';
import { type ImportOptions, parseImportOptions } from '../importer/options';
import type { ImportReport } from '../importer/report';
import { createBatchTimer } from './batch-timer';
import { collapsePaths } from './collapse-paths';
import { watchTree } from './tree-watcher';

/** The longest delay a timer takes: Node runs a longer one after 1 ms instead (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const timerMs = () => z.number().int().min(0).max(MAX_TIMER_MS);

export const watchOptionsSchema = z.object({
  /** A batch is imported once no event has come for this long. Default 500 ms. */
  quietMs: timerMs().default(500),
  /** ...but never later than this after its first event. Default 5000 ms. */
  maxWaitMs: timerMs().default(5000),
  /** A full scan (the safety net for missed events) this long after the last one. Default 15 min; 0 = never. */
  fullScanIntervalMs: timerMs().default(15 * 60 * 1000),
});

export type WatchOptions = z.input<typeof watchOptionsSchema> & {
  /** Stops the watcher, like `stop()`. */
  signal?: AbortSignal;
  /** After each import that completed. */
  onImport?: (batch: WatchBatch) => void;
  /**
   * An import that failed (root unavailable, database locked, ...) or a watch problem; watching
   * goes on, and a failed batch's paths are imported again with the next batch. Default: a
   * process warning.
   */
  onError?: (error: unknown) => void;
  /** Passed to every import (checked at once: a wrong one throws here, not at every batch); `paths` and `signal` are the watcher's. */
  importOptions?: Omit<ImportOptions, 'paths' | 'signal'>;
};

export interface WatchBatch {
  /** `start`: the initial full import; `schedule`: a periodic full scan; `events`: changes seen. */
  reason: 'start' | 'schedule' | 'events';
  /** The library-relative paths imported; undefined for a full scan. */
  paths: string[] | undefined;
  report: ImportReport;
}

export interface LibraryWatcher {
  /** Resolves once the folders are watched and the initial full import has ended (an error goes to onError). */
  ready: Promise<void>;
  /** Resolves once the watcher has stopped: watches closed, no import running. */
  stopped: Promise<void>;
  /** Closes the watches, aborts a running import (its committed work stays), resolves `stopped`. */
  stop(): Promise<void>;
}

type Job = { reason: WatchBatch['reason']; paths: string[] | undefined };

/**
 * Keeps the database in step with the folder while it changes: a full import at start, then one
 * incremental import of only the touched paths per batch of filesystem events, and a periodic
 * full scan for events the OS dropped (network shares, inotify overflow). Imports never overlap:
 * what arrives during one waits for it. Changes not yet imported when the watcher stops are picked
 * up by the next import. Throws at once when `root` is not a folder that can be watched, or when
 * an option (the import's included) is out of range.
 */
export function watchLibrary(target: LongboxDb | string, root: string, options: WatchOptions = {}): LibraryWatcher {
  const parsed = watchOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions('watch', parsed.error);
  const { quietMs, maxWaitMs, fullScanIntervalMs } = parsed.data;
  parseImportOptions(options.importOptions ?? {});
  const libraryRoot = realPathOrResolved(root);
  assertLibraryRoot(libraryRoot, 'nothing to watch');
  const onError = options.onError ?? ((error: unknown) => process.emitWarning(error instanceof Error ? error : String(error)));
  const aborter = new AbortController();
  let pendingPaths = new Set<string>();
  // Paths of a batch whose import failed (a locked database, ...): they go with the next batch.
  let retryPaths = new Set<string>();
  // A full scan (the start's or a scheduled one) that failed: it runs again with the next batch.
  let retryFullScan: Job['reason'] | undefined;
  let fullScan: Job['reason'] | undefined = 'start';
  let running: Promise<void> | undefined;
  let fullScanTimer: ReturnType<typeof setTimeout> | undefined;
  let stopping: Promise<void> | undefined;
  let markReady!: () => void;
  let markStopped!: () => void;
  const ready = new Promise<void>((done) => (markReady = done));
  const stopped = new Promise<void>((done) => (markStopped = done));

  const batches = createBatchTimer({ quietMs, maxWaitMs }, (paths) => {
    for (const path of [...retryPaths, ...paths]) pendingPaths.add(path);
    retryPaths = new Set();
    if (retryFullScan) fullScan ??= retryFullScan;
    retryFullScan = undefined;
    runNext();
  });
  // Watches go in place before the initial import, so changes made during it are not missed.
  const tree = watchTree(libraryRoot, (path) => batches.add(path), onError);
  const db = openTarget(target, tree.close);

  const nextJob = (): Job | undefined => {
    if (fullScan) {
      const job = { reason: fullScan, paths: undefined };
      fullScan = undefined;
      // The full scan walks the whole tree after this point: it covers everything pending.
      pendingPaths = new Set();
      retryPaths = new Set();
      return job;
    }
    const paths = collapsePaths(pendingPaths);
    pendingPaths = new Set();
    return paths.length > 0 ? { reason: 'events', paths } : undefined;
  };

  const runJob = async (job: Job) => {
    if (job.reason === 'schedule') tree.resync();
    let report: ImportReport;
    try {
      report = await importLibrary(db, libraryRoot, { ...options.importOptions, paths: job.paths, signal: aborter.signal });
    } catch (error) {
      if (aborter.signal.aborted) return;
      // A failed full scan had taken over every pending path (nextJob): it is what must run again.
      if (job.paths === undefined) retryFullScan = job.reason;
      else for (const path of job.paths) retryPaths.add(path);
      return onError(error);
    }
    try {
      options.onImport?.({ ...job, report });
    } catch (error) {
      onError(error);
    }
  };

  const scheduleFullScan = () => {
    if (fullScanIntervalMs <= 0 || stopping) return;
    fullScanTimer = setTimeout(() => {
      fullScan = 'schedule';
      runNext();
    }, fullScanIntervalMs);
  };

  function runNext() {
    if (running || stopping) return;
    const job = nextJob();
    if (!job) return;
    running = runJob(job).finally(() => {
      running = undefined;
      if (job.reason === 'start') markReady();
      if (job.paths === undefined) scheduleFullScan();
      runNext();
    });
  }

  const stop = () => {
    stopping ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort);
      tree.close();
      batches.cancel();
      clearTimeout(fullScanTimer);
      aborter.abort();
      await running;
      if (typeof target === 'string') db.$client.close();
      markReady();
      markStopped();
    })();
    return stopping;
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  if (options.signal?.aborted) void stop();
  else runNext();
  return { ready, stopped, stop };
}

function openTarget(target: LongboxDb | string, closeWatches: () => void): LongboxDb {
  if (typeof target !== 'string') return target;
  try {
    return openDatabase(target);
  } catch (error) {
    closeWatches();
    throw error;
  }
}
