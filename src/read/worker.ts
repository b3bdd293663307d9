import { parentPort, workerData } from 'node:worker_threads';
import { readComicAt } from './openable-path';
import type { ReadOutcome } from './read-comic';

/**
 * One reader thread: it reads the batches it is sent one after another (the wasm readers are not
 * re-entrant) and answers each batch with one message, so messaging costs little per file.
 */
export interface WorkerInput {
  maxEntryBytes?: number;
}
export interface BatchRequest {
  id: number;
  paths: string[];
}
export type WorkerMessage = { type: 'ready' } | { type: 'result'; id: number; outcomes: ReadOutcome[] };

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const { maxEntryBytes } = workerData as WorkerInput;
const post = (message: WorkerMessage): void => port.postMessage(message);

let queue = Promise.resolve();
port.on('message', (batch: BatchRequest) => {
  queue = queue.then(async () => {
    const outcomes: ReadOutcome[] = [];
    for (const path of batch.paths) {
      // readComic turns bad input into outcomes; anything it still throws fails this file only,
      // and the chain goes on (a rejected chain would stall every later batch).
      outcomes.push(await readComicAt(path, { maxEntryBytes }).catch((error: unknown) => ({ ok: false as const, path, reason: `reader error: ${(error as Error)?.message ?? String(error)}` })));
    }
    post({ type: 'result', id: batch.id, outcomes });
  });
});
// Tells the pool the reader loaded: a crash before this is a broken setup, not a bad file.
post({ type: 'ready' });
