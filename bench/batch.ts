import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/db';
import { importLibrary } from '../src/importer/import-library';
import type { ImportReport } from '../src/importer/report';
import { watchLibrary, type WatchBatch } from '../src/watch/watch-library';
import { middleBy } from './lib/median';
import { rewriteComics } from './lib/mutations';

/**
 * The batch scenario, alone in its process (bench/lib/bench.ts spawns it):
 *   node --import tsx bench/batch.ts '<json BatchJob>'
 * on a library already imported. Like a watcher, it opens the database once and keeps it open.
 * 1. One-file batches: touch a file (mtime + 1 s), then `importLibrary(db, root, { paths: [it] })`;
 *    the wall time of each call, after one untimed warm-up batch.
 * 2. Watch latency: `watchLibrary` with the default 0.5 s quiet period; a comic is rewritten with
 *    new metadata, and the time from the end of the write to the `onImport` of the batch that
 *    updated it (its transaction committed) is the latency.
 */
export interface BatchJob {
  db: string;
  root: string;
  profile: 'realistic' | 'codex';
  libraryCount: number;
  seed: number;
  batches: number;
  watchWrites: number;
  result: string;
}

export interface BatchResult {
  /** Wall time of each timed one-file batch, ms. */
  batchMs: number[];
  /** The phases of the median batch's report. */
  medianPhases: ImportReport['phases'];
  /** End of write to onImport, ms, per rewritten comic. */
  watchMs: number[];
  peakRssKiB: number;
}

const job = JSON.parse(process.argv[2] ?? '') as BatchJob;
const db = openDatabase(job.db);
// Spread over the library (ids are in scan order): not all in one folder.
const all = db.$client.prepare('SELECT path FROM comics ORDER BY id').pluck().all() as string[];
const pick = (count: number, shift: number) => Array.from({ length: count }, (_, i) => all[Math.floor(((i + shift) * all.length) / count)]!);

const touch = (path: string) => {
  const file = join(job.root, path);
  const { mtimeMs } = statSync(file);
  const next = new Date(Math.floor(mtimeMs / 1000) * 1000 + 1000);
  utimesSync(file, next, next);
};

const runs: { ms: number; report: ImportReport }[] = [];
for (const [index, path] of pick(job.batches + 1, 0.5).entries()) {
  touch(path);
  const started = performance.now();
  const report = await importLibrary(db, job.root, { paths: [path] });
  const ms = performance.now() - started;
  if (report.comics.updated + report.comics.failed !== 1) throw new Error(`batch of ${path}: expected one comic re-read, got ${JSON.stringify(report.comics)}`);
  if (index > 0) runs.push({ ms, report });
}
const median = middleBy(runs, (run) => run.ms);

const watchMs: number[] = [];
if (job.watchWrites > 0) {
  let waiting: { path: string; resolve: (batch: WatchBatch) => void } | undefined;
  const watcher = watchLibrary(db, job.root, {
    fullScanIntervalMs: 0,
    onImport: (batch) => {
      if (waiting && batch.paths?.includes(waiting.path) && batch.report.comics.updated + batch.report.comics.failed > 0) waiting.resolve(batch);
    },
    onError: (error) => console.error('watch:', error),
  });
  await watcher.ready;
  for (const [index, path] of pick(job.watchWrites, 0.25).entries()) {
    const imported = new Promise<WatchBatch>((resolve) => (waiting = { path, resolve }));
    await rewriteComics(job.root, [path], { profile: job.profile, seed: job.seed, salt: 900 + index, libraryCount: job.libraryCount });
    const written = performance.now();
    await imported;
    watchMs.push(performance.now() - written);
  }
  await watcher.stop();
}
db.$client.close();
const result: BatchResult = { batchMs: runs.map((run) => run.ms), medianPhases: median.report.phases, watchMs, peakRssKiB: process.resourceUsage().maxRSS };
writeFileSync(job.result, JSON.stringify(result));
