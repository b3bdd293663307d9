import { parentPort, workerData } from 'node:worker_threads';
import { type CoverJob, type CoverOutcome, finishCover, readCoverPage } from './make-cover';
import type { CoverSettings } from './options';

/** One cover thread: makes the covers it is sent, in order, and answers each. */
export interface CoverRequest {
  id: number;
  job: CoverJob;
}
export type CoverWorkerMessage = { type: 'ready' } | { type: 'result'; id: number; outcome: CoverOutcome };

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const settings = workerData as CoverSettings;
const post = (message: CoverWorkerMessage): void => port.postMessage(message);

const UNEXPECTED: CoverOutcome = { ok: false, reason: 'the cover could not be made: an unexpected error' };

// Jobs finish one at a time, in order, but the next job's page is read while the current one is
// decoded and encoded: the read (~1-5 ms) runs on this thread, the sharp call on libuv's pool, so
// without the overlap one of the two always waits and a worker keeps less than one core busy
// (bench/README.md, "Covers"). Bounded: a job's read waits for the read before it and for the job
// two back to finish, so a worker holds at most two pages (the one being encoded and the next)
// and one decoded image, whatever number of jobs the pool sends it.
let lastRead: Promise<unknown> = Promise.resolve();
let lastDone: Promise<unknown> = Promise.resolve();
let doneBeforeLast: Promise<unknown> = Promise.resolve();
port.on('message', ({ id, job }: CoverRequest) => {
  const read = Promise.all([lastRead, doneBeforeLast]).then(() => readCoverPage(job, settings));
  const done = Promise.all([read, lastDone])
    .then(([page]) => finishCover(job, page, settings))
    .catch(() => UNEXPECTED)
    .then((outcome) => post({ type: 'result', id, outcome }));
  lastRead = read.catch(() => undefined);
  doneBeforeLast = lastDone;
  lastDone = done;
});
post({ type: 'ready' });
