import { databaseFileOf, type LongboxDb, migrate, openDatabase } from '../db';
import { createError, invalidOptions, LongboxError } from '../errors';
import { acquireImportLock } from '../importer/import-lock';
import { coversDirOf, listCoverFiles, removeCoverFiles } from './covers-dir';
import type { CoverJob, CoverOutcome } from './make-cover';
import { type CoverOptions, coverOptionsSchema, type CoverSettings } from './options';
import { prepareCoverPlan } from './plan';
import { createCoverPool } from './pool';
import { prepareCoverWrites } from './write-covers';

/** What a cover run did. */
export interface CoverReport {
  coversDir: string;
  /** Covers made (new or replacing a stale one). */
  made: number;
  /** Comics whose cover could not be made: `cover_failures` rows, listed by `longbox failed`. */
  failed: number;
  /**
   * Comics whose file changed, moved or went away since the import (an unmounted disk, an import
   * running meanwhile): nothing is recorded, and the next run after an import makes their cover.
   */
  skipped: number;
  /** Files removed: covers of deleted comics, replaced covers, leftovers of a killed run. */
  removed: number;
  totalMs: number;
  coversPerSecond: number;
}

/** Comics planned at a time (memory stays flat on a first run over a large library). */
const PLAN_CHUNK = 1000;
/** Results written per transaction. */
const WRITE_BATCH = 100;
const PROGRESS_INTERVAL_MS = 100;

/**
 * Makes the missing and stale covers of a database's comics, on worker threads, and removes the
 * files no row points at any more. Incremental (a rerun with nothing to do writes nothing) and
 * crash-safe: a file is complete under its final name before a row points at it, and is removed
 * only after no row does.
 */
export async function generateCovers(target: LongboxDb | string, options: CoverOptions = {}): Promise<CoverReport> {
  const parsed = coverOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions('cover', parsed.error);
  const { workers, coversDir: givenDir, ...rest } = parsed.data;
  const db = typeof target === 'string' ? openDatabase(target) : target;
  let release: (() => void) | undefined;
  try {
    const file = databaseFileOf(db);
    if (typeof file !== 'string' && givenDir === undefined) throw createError('USAGE', 'an in-memory database has no folder beside it: give coversDir');
    const coversDir = givenDir ?? coversDirOf(file as string);
    release = typeof file === 'string' ? acquireImportLock(file, 'covers') : undefined;
    // Not under the import lock, which would refuse covers while an import or watch runs: an
    // import migrated before it began (so this is one query), and two migrate() calls apply each
    // migration once (see db/migrate.ts).
    migrate(db);
    return await runCovers(db, { ...rest, coversDir }, workers, options);
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof LongboxError)) throw createError('ABORTED', 'cover run aborted; the covers made so far are kept', error);
    throw error;
  } finally {
    release?.();
    if (typeof target === 'string') db.$client.close();
  }
}

async function runCovers(db: LongboxDb, settings: CoverSettings, workers: number, options: CoverOptions): Promise<CoverReport> {
  const started = performance.now();
  const client = db.$client;
  const { coversDir } = settings;
  const { signal, onProgress } = options;
  const onDisk = listCoverFiles(coversDir);
  // Only this run writes here (it holds the covers lock): any temp file is a killed run's.
  let removed = removeCoverFiles(coversDir, onDisk.temps);
  const plan = prepareCoverPlan(client);
  const writes = prepareCoverWrites(client);
  const missing = (client.prepare('SELECT comic_id, path FROM covers').raw().all() as [number, string][])
    .filter(([, path]) => !onDisk.covers.has(path))
    .flatMap(([id]) => plan.one(id) ?? []);
  const total = missing.length + plan.count();
  const written = new Set<string>();
  let made = 0;
  let failed = 0;
  let skipped = 0;
  let lastProgress = 0;
  const progress = (force: boolean) => {
    const now = performance.now();
    if (!onProgress || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = now;
    const done = made + failed + skipped;
    // An import running meanwhile may add comics the count before the run did not see.
    onProgress({ done, total: Math.max(total, done), rate: (done * 1000) / Math.max(1, now - started) });
  };
  let pending: { job: CoverJob; outcome: CoverOutcome }[] = [];
  const flush = () => {
    if (pending.length > 0) writes.write(pending);
    pending = [];
  };

  if (total > 0) {
    progress(true);
    const pool = createCoverPool(settings, Math.min(workers, total), signal);
    const runJobs = async (jobs: CoverJob[]) => {
      await pool.run(jobs, (job, outcome) => {
        if (outcome.ok) {
          made++;
          written.add(outcome.path);
        } else if (outcome.stale) skipped++;
        else failed++;
        pending.push({ job, outcome });
        if (pending.length >= WRITE_BATCH) flush();
        progress(false);
      });
      flush();
    };
    try {
      await runJobs(missing);
      // Each chunk's comics get a row (cover or failure), so the next chunk starts after them.
      let afterId = 0;
      while (!signal?.aborted) {
        const jobs = plan.chunk(afterId, PLAN_CHUNK);
        if (jobs.length === 0) break;
        afterId = jobs.at(-1)!.comicId;
        await runJobs(jobs);
      }
    } finally {
      flush();
      await pool.close();
      progress(true);
    }
  }

  writes.removePageless();
  // After every row is committed: a file goes only once no row names it (deleted comics' covers,
  // replaced covers, covers of comics left without a page, files of a run killed before its rows
  // were written).
  const referenced = new Set(client.prepare('SELECT DISTINCT path FROM covers').pluck().all() as string[]);
  removed += removeCoverFiles(coversDir, [...new Set([...onDisk.covers, ...written])].filter((path) => !referenced.has(path)));
  signal?.throwIfAborted();
  const totalMs = performance.now() - started;
  return { coversDir, made, failed, skipped, removed, totalMs: Math.round(totalMs), coversPerSecond: Math.round(((made + failed) * 1000) / Math.max(1, totalMs)) };
}
