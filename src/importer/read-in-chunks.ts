import { join } from 'node:path';
import { createError } from '../errors';
import { createReadPool, readComicAt, type ReadOutcome } from '../read';
import type { ResolvedImportOptions } from './options';
import type { ProgressReporter } from './progress';
import type { FileStat } from './scan/walk';
import type { Timer } from './timer';

const FIRST_CHUNK = 100;

/** Below this many files per worker, starting another worker costs more than it reads. */
const FILES_PER_WORKER_START = 250;

/**
 * Up to this many files are read on this thread: starting a reader worker costs about 0.4 s, a
 * read 0.2-2 ms. A watch batch is mostly one file. The price: no per-file timeout and no crash
 * isolation for these few files (the worker pool's job for everything larger).
 */
export const INLINE_READ_MAX = 16;

/**
 * Reads files and hands them over in chunks to `write` (synchronous). Large sets are read on the
 * worker pool, which keeps reading the next chunk while `write` runs on this thread; time spent
 * here waiting for reads is the "read" phase (what reading costs beyond what overlaps writing).
 */
export async function readInChunks<T extends { file: FileStat }>(
  root: string,
  items: readonly T[],
  options: ResolvedImportOptions,
  progress: ProgressReporter,
  timer: Timer,
  write: (chunk: (T & { outcome: ReadOutcome })[]) => void,
): Promise<void> {
  if (items.length === 0) return;
  // Keyed by the relative path the item already holds; absolute paths are made one at a time as
  // they are read, so a 600k-file import does not keep 600k extra strings alive.
  const byPath = new Map(items.map((item) => [item.file.path, item]));
  const absolutePaths = function* () {
    for (const item of items) yield join(root, item.file.path);
  };
  const prefixLength = join(root, 'x').length - 1;
  progress('read', 0, items.length);
  const reader = items.length <= INLINE_READ_MAX ? inlineReader(options) : poolReader(items.length, options);
  let chunk: (T & { outcome: ReadOutcome })[] = [];
  let done = 0;
  // The first chunks are small so writing starts early instead of idling through a whole chunk's
  // read; they double up to chunkSize.
  let threshold = Math.min(options.chunkSize, FIRST_CHUNK);
  const flush = () => {
    timer.pause('read', () => write(chunk));
    done += chunk.length;
    progress('read', done, items.length, true);
    chunk = [];
    threshold = Math.min(options.chunkSize, threshold * 2);
  };
  await timer.timeAsync('read', async () => {
    try {
      for await (const outcome of reader.read(absolutePaths())) {
        chunk.push({ ...byPath.get(outcome.path.slice(prefixLength))!, outcome });
        if (chunk.length >= threshold) flush();
      }
      if (chunk.length > 0) flush();
    } finally {
      await reader.close();
    }
  });
}

interface Reader {
  read(paths: Iterable<string>): AsyncIterable<ReadOutcome>;
  close(): Promise<void>;
}

function poolReader(count: number, options: ResolvedImportOptions): Reader {
  return createReadPool({
    // A worker costs a fraction of a second to start: small batches use fewer.
    workers: Math.min(options.workers, Math.ceil(count / FILES_PER_WORKER_START)),
    signal: options.signal,
    maxEntryBytes: options.maxEntryBytes,
    readAhead: options.chunkSize,
  });
}

function inlineReader(options: ResolvedImportOptions): Reader {
  return {
    async *read(paths) {
      for (const path of paths) {
        if (options.signal?.aborted) throw createError('ABORTED', 'reading stopped: the import was aborted', options.signal.reason);
        yield await readComicAt(path, { maxEntryBytes: options.maxEntryBytes });
      }
    },
    close: async () => {},
  };
}
