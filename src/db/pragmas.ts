import {
  applySteadyState,
  type DatabaseFile,
  databaseFileOf,
  type LongboxDb,
  openConnectionsTo,
  registerConnectionHook,
  steadyBusyTimeoutMs,
} from './open';

export interface ImportPragmaOptions {
  /** Page cache per connection during the import. Default 128 MiB (see DEFAULT_IMPORT_CACHE_KIB). */
  cacheSizeKiB?: number;
  /**
   * Which import PRAGMAs to apply (both by default). Turning one off only serves to measure what
   * it buys (the benchmark's ablation).
   */
  knobs?: { cacheSize?: boolean; walAutocheckpoint?: boolean };
  /** WAL size at which a commit inside the scope checkpoints. Default 256 MiB (see DEFAULT_IMPORT_WAL_BUDGET_MIB). */
  walBudgetMiB?: number;
  /** Longest wait for other connections when the scope ends (optimize, TRUNCATE checkpoint). Default 2000 ms. */
  checkpointTimeoutMs?: number;
}

/**
 * 128 MiB, not DESIGN.md's 512: measured on 600k realistic comics, 512 MiB imported in 293 s at
 * 2,079 MiB peak RSS and 128 MiB in 297 s at 1,637 MiB (the OS page cache serves what SQLite's
 * cache would); at 100k, 24 s either way. Callers with spare memory can still raise it.
 */
export const DEFAULT_IMPORT_CACHE_KIB = 131_072;
/**
 * The WAL an import lets grow before the commit that passes it checkpoints (SQLite's
 * wal_autocheckpoint: PASSIVE, on the committing connection); the next write then starts the
 * WAL over, so the file stays near this size. Left to grow until the import's end (DESIGN.md's
 * wal_autocheckpoint = 0), a 600k-comic fresh import's WAL reached 12 GB for a 1.6 GB database,
 * since every chunk's commit appends each index page it touched again, and the import took 385 s
 * against 303 s with this budget (a bigger WAL costs every page lookup more). At 10k comics
 * (WAL 50-500 MB) it measured no slower.
 */
export const DEFAULT_IMPORT_WAL_BUDGET_MIB = 256;
const DEFAULT_CHECKPOINT_TIMEOUT_MS = 2000;
/** Rows an ANALYZE run by optimize samples per index: approximate statistics at a bounded cost. */
const ANALYSIS_LIMIT = 1000;
/**
 * `PRAGMA optimize` flags: 0x02 runs ANALYZE on the tables that need it, 0x10000 checks every
 * table (not only those this connection queried). Without 0x10 our own analysis_limit applies.
 */
const OPTIMIZE_FLAGS = '0x10002';

/**
 * Scopes running per database file. Scopes may overlap (two imports into one file); the first
 * applies the import PRAGMAs with its options, the last to end restores the steady state.
 */
const activeScopes = new Map<DatabaseFile, number>();

/**
 * Runs `fn` (sync or async) with the import PRAGMAs (DESIGN.md section 2, but a WAL budget in
 * place of its deferred checkpoint) on every connection to the database file of `db`: those
 * already open now, and through a hook those opened meanwhile. However the scope ends (return,
 * throw, abort) it restores the steady state on every connection still open, refreshes planner
 * statistics where they went stale and truncates the WAL, which the import let grow up to its
 * budget. When both `fn` and the scope's end fail, the error of `fn` is thrown, with the other as
 * its `cause`.
 */
export async function withImportPragmas<T>(
  db: LongboxDb,
  fn: () => T | Promise<T>,
  options: ImportPragmaOptions = {},
): Promise<T> {
  const file = databaseFileOf(db);
  const running = activeScopes.get(file) ?? 0;
  const unregister =
    running === 0
      ? applyImportPragmas(file, { cacheSizeKiB: options.cacheSizeKiB ?? DEFAULT_IMPORT_CACHE_KIB, walBudgetMiB: options.walBudgetMiB ?? DEFAULT_IMPORT_WAL_BUDGET_MIB }, options.knobs ?? {})
      : () => {};
  activeScopes.set(file, running + 1);
  const end = () => {
    const remaining = (activeScopes.get(file) ?? 1) - 1;
    if (remaining > 0) return activeScopes.set(file, remaining);
    activeScopes.delete(file);
    unregister();
    endImport(file, db, options.checkpointTimeoutMs ?? DEFAULT_CHECKPOINT_TIMEOUT_MS);
  };
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    try {
      end();
    } catch (endError) {
      attachCause(error, endError);
    }
    throw error;
  }
  end();
  return result;
}

/** Keeps `error` as what the caller sees, with `later` reachable at the end of its cause chain. */
function attachCause(error: unknown, later: unknown): void {
  if (!(error instanceof Error)) return;
  let last: Error = error;
  while (last.cause instanceof Error && last.cause !== later) last = last.cause;
  if (last.cause === undefined) Object.defineProperty(last, 'cause', { value: later, configurable: true, writable: true });
}

/** Applies the import PRAGMAs to open connections and, until unregistered, to new ones. */
function applyImportPragmas(
  file: DatabaseFile,
  { cacheSizeKiB, walBudgetMiB }: { cacheSizeKiB: number; walBudgetMiB: number },
  knobs: NonNullable<ImportPragmaOptions['knobs']>,
): () => void {
  const apply = (conn: LongboxDb) => {
    if (knobs.cacheSize !== false) conn.$client.pragma(`cache_size = ${-cacheSizeKiB}`);
    // mmap_size stays the steady state's 256 MiB: mapped pages a scan touches count in RSS, so the
    // import's SQLite memory budget is the cache plus at most the map. Without the map (quiet 2-core
    // machine, bench/results/2026-11-29-1132-both-10000) a codex 10k no-change import took 1.43 s
    // instead of 0.62 s (each of cleanup's index probes missed into a read call) and the fresh
    // import's peak RSS did not drop (674 MiB at 100k without, 620 MiB with).
    if (knobs.walAutocheckpoint !== false) {
      const pageSize = conn.$client.pragma('page_size', { simple: true }) as number;
      conn.$client.pragma(`wal_autocheckpoint = ${Math.ceil((walBudgetMiB * 2 ** 20) / pageSize)}`);
    }
  };
  const unregister = registerConnectionHook((conn) => {
    if (databaseFileOf(conn) === file) apply(conn);
  });
  for (const conn of openConnectionsTo(file)) apply(conn);
  return unregister;
}

function endImport(file: DatabaseFile, importer: LongboxDb, timeoutMs: number): void {
  // Only connections still open: one closed inside the scope is simply not there.
  const open = openConnectionsTo(file);
  for (const conn of open) applySteadyState(conn);
  // The import's own connection does the closing work; another one only if it was closed.
  const writer = open.includes(importer) && !importer.$client.readonly ? importer : open.find((conn) => !conn.$client.readonly);
  if (writer) refreshStatisticsAndCheckpoint(writer, timeoutMs);
}

/**
 * The design's end of an import: `optimize`, then a checkpoint. optimize comes first because it
 * writes sqlite_stat1 into the WAL. It is `PRAGMA optimize`, not a plain bounded ANALYZE: optimize
 * analyzes only the tables whose size changed a lot since their last statistics (or that have
 * none), so a watch batch pays nothing for it. Measured at 10k comics on a loaded 2-core machine:
 * ANALYZE with analysis_limit 1000 took 40-80 ms (realistic) and 190-250 ms (codex) after every
 * import; optimize 0x10002 took 0.04 ms when nothing had changed, and a fresh import still gets
 * statistics for every table it filled.
 * Both steps wait at most `timeoutMs` for other connections. A checkpoint blocked by a reader
 * falls back to PASSIVE (copy what it can now) instead of hanging; a later checkpoint finishes
 * the job. Statistics blocked by another writer are left for the next import: they speed queries
 * up, the data is committed.
 */
function refreshStatisticsAndCheckpoint(db: LongboxDb, timeoutMs: number): void {
  const client = db.$client;
  client.pragma(`busy_timeout = ${timeoutMs}`);
  try {
    client.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    try {
      client.pragma(`optimize = ${OPTIMIZE_FLAGS}`);
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    const [result] = client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy) client.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    client.pragma('analysis_limit = 0');
    client.pragma(`busy_timeout = ${steadyBusyTimeoutMs(db)}`);
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
