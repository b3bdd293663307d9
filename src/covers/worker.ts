import { parentPort, workerData } from 'node:worker_threads';
import { type CoverJob, type CoverOutcome, finishCover, readCoverPage } from './make-cover';
import type { CoverSettings } from './options';
import { readAheadInOrder } from './read-ahead';

/** One cover thread: makes the covers it is sent, in order, and answers each (read-ahead.ts). */
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

const make = readAheadInOrder({
  read: ({ job }: CoverRequest) => readCoverPage(job, settings),
  finish: ({ job }, page) => finishCover(job, page, settings),
  unexpected: UNEXPECTED,
  answer: ({ id }, outcome) => post({ type: 'result', id, outcome }),
});
port.on('message', make);
post({ type: 'ready' });
