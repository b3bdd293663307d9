import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isComicFileName, isIgnoredName, isIgnoredPath } from '../src/walk/ignore';
import { readFloorFiles, readFloorThreaded } from './lib/read-floor.mjs';
import { scanPass } from './lib/scan-floor.mjs';
import { measureWriteFloor, type WriteFloorResult } from './lib/write-floor';

/**
 * The floors, each alone in its process, for `npm run bench` (bench/run.ts spawns it):
 *   node --import tsx bench/floor.ts '<json FloorJob>'
 * read: every archive under `root`, one thread (after one untimed pass, so the page cache is as
 * warm as the import found it), then `threads` worker threads. write: see measureWriteFloor.
 * scan: what a no-change rescan cannot do without: list every folder and lstat every comic file,
 * nothing kept; the best of 3 passes after an untimed one.
 */
export type FloorJob =
  | { kind: 'read'; root: string; threads: number; result: string }
  | { kind: 'scan'; root: string; result: string }
  | { kind: 'write'; source: string; target: string; result: string };

export interface ReadFloorResult {
  files: number;
  bytes: number;
  singleMs: number;
  threads: number;
  threadedMs: number;
}

export interface ScanFloorResult {
  files: number;
  folders: number;
  ms: number;
}

export type FloorResult = ReadFloorResult | WriteFloorResult | ScanFloorResult;

/** Comic files under `root`, by the importer's own rules (ignored names, comic extensions). */
function listArchives(root: string): string[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((path) => !isIgnoredPath(path) && isComicFileName(basename(path)))
    .sort()
    .map((path) => join(root, path));
}

/** The importer's own rules: ignored names are skipped, files only when they have a comic's name. */
const visitsLikeTheImporter = (name: string, isDirectory: boolean): boolean => !isIgnoredName(name) && (isDirectory || isComicFileName(name));

const job = JSON.parse(process.argv[2] ?? '') as FloorJob;
let result: FloorResult;
if (job.kind === 'read') {
  const paths = listArchives(job.root);
  readFloorFiles(paths);
  const started = performance.now();
  const { files, bytes } = readFloorFiles(paths);
  const singleMs = performance.now() - started;
  const threaded = await readFloorThreaded(paths, job.threads);
  result = { files, bytes, singleMs, threads: job.threads, threadedMs: threaded.ms };
} else if (job.kind === 'scan') {
  scanPass(job.root, visitsLikeTheImporter);
  let best = Infinity;
  let counts = { files: 0, folders: 0 };
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    counts = scanPass(job.root, visitsLikeTheImporter);
    best = Math.min(best, performance.now() - started);
  }
  result = { ...counts, ms: best };
} else {
  result = measureWriteFloor(job.source, job.target);
}
writeFileSync(job.result, JSON.stringify(result));
