import { parentPort, workerData } from 'node:worker_threads';
import { readComic } from './read-comic';
import { serveReads, type WorkerInput } from './worker-loop';

/** A reader thread (started by the pool through worker-entry.mjs): readComic on each file. */
if (!parentPort) throw new Error('worker.ts runs only as a worker thread');
serveReads(parentPort, workerData as WorkerInput, readComic);
