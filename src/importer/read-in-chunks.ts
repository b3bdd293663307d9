import { join } from 'node:path';
import { createError } from '../errors';
import type { ResolvedImportOptions } from './options';
import type { ProgressReporter } from './progress';
import type { ReadItem, ReadList } from '../walk/file-list';
import type { Timer } from './timer';
import type { ChunkItem } from './write-chunk';

const FIRST_CHUNK = 100;

/** Below this many files per worker, starting another worker costs more than it reads. */
const FILES_PER_WORKER_START = 250;

/**
 * Reads files and hands them over in chunks to `write` (synchronous). The read pool decides where
 * each file is read (a short list of CBZs, a typical watch batch, on this thread without starting a
 * worker) and keeps reading the next chunk while `write` runs on this thread; time spent
 * here waiting for reads is the "read" phase (what reading costs beyond what overlaps writing).
 */
export async function readInChunks(
  root: string,
  items: ReadList,
  options: ResolvedImportOptions,
  progress: ProgressReporter,
  timer: Timer,
  write: (chunk: ChunkItem[]) => void,
): Promise<void> {
  if (items.length === 0) return;
  // Only the items out with the reader are objects, keyed by the relative path they hold: the
  // list itself stays compact (see FileList). A path listed twice waits in line behind itself.
  const reading = new Map<string, ReadItem[]>();
  const absolutePaths = function* () {
    for (const item of items.items()) {
      const waiting = reading.get(item.file.path);
      if (waiting) waiting.push(item);
      else reading.set(item.file.path, [item]);
      yield join(root, item.file.path);
    }
  };
  const taken = (path: string): ReadItem => {
    const waiting = reading.get(path);
    const item = waiting?.shift();
    if (!item) throw createError('INTERNAL', `the reader returned a file it was not given: ${path}`);
    if (waiting!.length === 0) reading.delete(path);
    return item;
  };
  const prefixLength = join(root, 'x').length - 1;
  progress('read', 0, items.length);
  // Loaded here, not at the top: the pool brings the archive readers, the metadata parsers and
  // their zod schemas, which an import that reads nothing (a no-change run) never needs.
  const { createReadPool } = await import('../read/pool');
  const reader = createReadPool({
    // A worker costs a fraction of a second to start: small batches use fewer.
    workers: Math.min(options.workers, Math.ceil(items.length / FILES_PER_WORKER_START)),
    signal: options.signal,
    maxEntryBytes: options.maxEntryBytes,
    readAhead: options.chunkSize,
  });
  let chunk: ChunkItem[] = [];
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
        chunk.push({ ...taken(outcome.path.slice(prefixLength)), outcome });
        if (chunk.length >= threshold) flush();
      }
      if (chunk.length > 0) flush();
    } finally {
      await reader.close();
    }
  });
}
