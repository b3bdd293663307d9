import { parentPort, workerData } from 'node:worker_threads';
import { readComicAt } from './openable-path';
import { serveReads, type WorkerInput } from './worker-loop';

/** A reader thread (started by the pool): readComicAt on each file (names that are not UTF-8 too). */
if (!parentPort) throw new Error('worker.ts runs only as a worker thread');
serveReads(parentPort, workerData as WorkerInput, readComicAt);
