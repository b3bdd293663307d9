import { readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readFloorFiles, readFloorThreaded } from './lib/read-floor.mjs';
import { measureWriteFloor, type WriteFloorResult } from './lib/write-floor';

/**
 * The floors, each alone in its process, for `npm run bench` (bench/run.ts spawns it):
 *   node --import tsx bench/floor.ts '<json FloorJob>'
 * read: every archive under `root`, one thread (after one untimed pass, so the page cache is as
 * warm as the import found it), then `threads` worker threads. write: see measureWriteFloor.
 */
export type FloorJob =
  | { kind: 'read'; root: string; threads: number; result: string }
  | { kind: 'write'; source: string; target: string; result: string };

export interface ReadFloorResult {
  files: number;
  bytes: number;
  singleMs: number;
  threads: number;
  threadedMs: number;
}

export type FloorResult = ReadFloorResult | WriteFloorResult;

const COMIC_EXTENSIONS = new Set(['.cbz', '.cbr', '.cb7', '.cbt', '.pdf']);

/** Comic files under `root`, skipping dot-names like the importer (enough for generated libraries). */
function listArchives(root: string): string[] {
  return (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((path) => !path.split(/[\\/]/).some((part) => part.startsWith('.')) && COMIC_EXTENSIONS.has(extname(path).toLowerCase()))
    .sort()
    .map((path) => join(root, path));
}

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
} else {
  result = measureWriteFloor(job.source, job.target);
}
writeFileSync(job.result, JSON.stringify(result));
