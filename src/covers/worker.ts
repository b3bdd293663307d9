import { parentPort, workerData } from 'node:worker_threads';
import { finishCover, readCoverPage } from './make-cover';
import type { CoverSettings } from './options';
import { serveCovers } from './worker-loop';

/** A cover thread (started by the pool): the worker loop on the real cover steps. */
if (!parentPort) throw new Error('worker.ts runs only as a worker thread');
const settings = workerData as CoverSettings;
serveCovers(parentPort, {
  read: (job) => readCoverPage(job, settings),
  finish: (job, page) => finishCover(job, page, settings),
});
