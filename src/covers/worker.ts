import { parentPort, workerData } from 'node:worker_threads';
import { type CoverJob, type CoverOutcome, makeCover } from './make-cover';
import type { CoverSettings } from './options';

/** One cover thread: makes the covers it is sent, one at a time, and answers each. */
export interface CoverRequest {
  id: number;
  job: CoverJob;
}
export type CoverWorkerMessage = { type: 'ready' } | { type: 'result'; id: number; outcome: CoverOutcome };

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const settings = workerData as CoverSettings;
const post = (message: CoverWorkerMessage): void => port.postMessage(message);

// One cover at a time, in order: the second job in flight waits here, so a worker holds at most
// one page and one decoded image (memory), and the threads stay one lane each.
let queue = Promise.resolve();
port.on('message', ({ id, job }: CoverRequest) => {
  queue = queue.then(() =>
    makeCover(job, settings)
      .catch((): CoverOutcome => ({ ok: false, reason: 'the cover could not be made: an unexpected error' }))
      .then((outcome) => post({ type: 'result', id, outcome })),
  );
});
post({ type: 'ready' });
