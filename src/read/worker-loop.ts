import type { MessagePort } from 'node:worker_threads';
import { claimForWorker } from './batch-claim';
import { HeartbeatWriter } from './heartbeat';
import type { ReadComicOptions, ReadOutcome } from './read-comic';
import { encodeOutcomes } from './transfer';

/**
 * One reader thread's loop: it reads the batches it is sent one after another (the wasm readers
 * are not re-entrant), marks each file's start in the shared heartbeat (the pool's per-file
 * clock), and answers each batch with one message on its results port. A batch the calling
 * thread took back before the worker got to it (batch-claim.ts) is skipped without an answer.
 */
export interface WorkerInput {
  maxEntryBytes?: number;
  heartbeat: SharedArrayBuffer;
  /** Where results go: the pool polls it synchronously between files it reads itself. */
  results: MessagePort;
}
export interface BatchRequest {
  id: number;
  paths: string[];
  /** createBatchClaim's cell: the worker reads the batch only if it claims it first. */
  claim: SharedArrayBuffer;
}
/** On the results port. */
export interface BatchResult {
  id: number;
  /** encodeOutcomes of the batch, in the batch's order. */
  outcomes: string;
}
/** On the worker's own port: the reader loaded, so a crash from now on is a file's doing. */
export type WorkerMessage = { type: 'ready' };

export type ReadFile = (path: string, options: ReadComicOptions) => Promise<ReadOutcome>;

export function serveReads(port: MessagePort, input: WorkerInput, read: ReadFile): void {
  const heartbeat = new HeartbeatWriter(input.heartbeat);
  const options: ReadComicOptions = { maxEntryBytes: input.maxEntryBytes };
  let queue = Promise.resolve();
  port.on('message', (batch: BatchRequest) => {
    queue = queue.then(async () => {
      if (!claimForWorker(batch.claim)) return;
      const outcomes: ReadOutcome[] = [];
      for (const [index, path] of batch.paths.entries()) {
        heartbeat.startFile(batch.id, index);
        // readComic turns bad input into outcomes; anything it still throws fails this file only,
        // and the chain goes on (a rejected chain would stall every later batch).
        outcomes.push(await read(path, options).catch(() => ({ ok: false as const, path, reason: 'the reader failed unexpectedly on this file: report it with the file if it keeps happening' })));
      }
      input.results.postMessage({ id: batch.id, outcomes: encodeOutcomes(outcomes) } satisfies BatchResult);
      heartbeat.finishBatch();
    });
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}
