import { Worker } from 'node:worker_threads';
import { createError } from '../errors';
import type { CoverJob, CoverOutcome } from './make-cover';
import type { CoverSettings } from './options';
import type { CoverRequest, CoverWorkerMessage } from './worker';
import { workerScriptUrl } from '../worker-script';

/**
 * A few worker threads that make covers, fed one job at a time (two in flight per worker, so none
 * idles between messages, and a worker reads the second job's page while it encodes the first:
 * read-ahead.ts). A cover costs milliseconds, so a message per job costs nothing worth
 * batching. A worker that crashes or hangs fails only the job it was on (the oldest it held: it
 * answers in order) and is replaced; the job queued behind that one goes to the replacement. One
 * that dies before it is ready fails the run instead (its jobs would all be stored as failed covers).
 */

const WORKER_ENTRY = workerScriptUrl('covers', import.meta.url);
const IN_FLIGHT_PER_WORKER = 2;
const CRASHED = 'the cover worker crashed on this comic: its cover page is likely damaged';
/** A cover that takes longer is given up (a hostile file made a decoder spin). */
const JOB_TIMEOUT_MS = 120_000;

export interface CoverPool {
  /** Makes every job's cover; resolves when all are answered or the signal aborts. */
  run(jobs: readonly CoverJob[], onOutcome: (job: CoverJob, outcome: CoverOutcome) => void): Promise<void>;
  close(): Promise<void>;
}

interface Lane {
  worker: Worker;
  /** The worker said 'ready': its script loaded, so a later death is the job's doing. */
  started: boolean;
  /** In the order sent, which is the order the worker answers in; only the oldest job's clock runs. */
  inFlight: Map<number, { job: CoverJob; timer?: NodeJS.Timeout }>;
}

interface Run {
  jobs: readonly CoverJob[];
  next: number;
  /** Jobs a crashed worker held behind the one it failed on: sent again before the next new one. */
  again: CoverJob[];
  answered: number;
  onOutcome: (job: CoverJob, outcome: CoverOutcome) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** `workerEntry` is for tests: a script that fails to start. */
export function createCoverPool(settings: CoverSettings, workers: number, signal?: AbortSignal, workerEntry: URL = WORKER_ENTRY): CoverPool {
  const lanes: Lane[] = [];
  let nextId = 0;
  let closed = false;
  // The lanes outlive a run (workers start once); their handlers act on the run in progress.
  let current: Run | undefined;

  const finishIfDone = () => {
    if (current && (current.answered === current.jobs.length || signal?.aborted)) {
      const { resolve } = current;
      current = undefined;
      resolve();
    }
  };
  const answer = (job: CoverJob, outcome: CoverOutcome) => {
    if (!current) return;
    current.answered++;
    current.onOutcome(job, outcome);
  };
  const feed = (lane: Lane) => {
    while (current && !signal?.aborted && (current.again.length > 0 || current.next < current.jobs.length) && lane.inFlight.size < IN_FLIGHT_PER_WORKER) {
      const job = current.again.shift() ?? current.jobs[current.next++]!;
      const id = nextId++;
      lane.inFlight.set(id, { job });
      lane.worker.postMessage({ id, job } satisfies CoverRequest);
    }
    startClock(lane);
  };
  /** The oldest job's clock: a job queued behind it is not timed while it waits its turn. */
  const startClock = (lane: Lane) => {
    const oldest = lane.inFlight.values().next().value;
    if (oldest && !oldest.timer) {
      oldest.timer = setTimeout(() => crash(lane, `making the cover took longer than ${JOB_TIMEOUT_MS / 1000} s (a hostile image?)`), JOB_TIMEOUT_MS);
    }
  };
  const onMessage = (lane: Lane, message: CoverWorkerMessage) => {
    if (message.type === 'ready') {
      lane.started = true;
      return;
    }
    const held = lane.inFlight.get(message.id);
    if (!held) return;
    clearTimeout(held.timer);
    lane.inFlight.delete(message.id);
    startClock(lane);
    answer(held.job, message.outcome);
    feed(lane);
    finishIfDone();
  };
  /** Stops a lane's worker and its jobs' clocks (its jobs stay in inFlight, for the caller to answer). */
  const stop = (lane: Lane): Promise<number> => {
    for (const { timer } of lane.inFlight.values()) clearTimeout(timer);
    lane.worker.removeAllListeners();
    // A worker stopped while its script still loads may report that script's failure after this:
    // without a listener that 'error' event would be an uncaught exception in the caller's process.
    lane.worker.on('error', () => undefined);
    return lane.worker.terminate();
  };
  /** Takes a lane out of the pool and stops it; false when it was out already. */
  const retire = (lane: Lane): boolean => {
    const index = lanes.indexOf(lane);
    if (index === -1) return false;
    lanes.splice(index, 1);
    void stop(lane);
    return true;
  };
  const crash = (lane: Lane, reason: string) => {
    if (closed || !retire(lane)) return;
    // The worker answers in order, so the oldest job held is the one it was stuck on (and the only
    // one whose clock runs); the others go to the replacement.
    const [culprit, ...queued] = [...lane.inFlight.values()].map(({ job }) => job);
    lane.inFlight.clear();
    if (culprit) answer(culprit, { ok: false, reason });
    current?.again.push(...queued);
    if (!signal?.aborted) {
      const replacement = spawn();
      lanes.push(replacement);
      feed(replacement);
    }
    finishIfDone();
  };
  const died = (lane: Lane, error?: Error) => {
    if (lane.started) return crash(lane, CRASHED);
    // Its script did not load: a replacement would die the same way, whatever the job.
    if (!retire(lane)) return;
    if (!current || closed) return;
    const { reject } = current;
    current = undefined;
    reject(createError('INTERNAL', `the cover worker failed to start: ${error?.message ?? 'it exited'}`, error));
  };
  const spawn = (): Lane => {
    const lane: Lane = { worker: new Worker(workerEntry, { workerData: settings }), started: false, inFlight: new Map() };
    lane.worker.on('message', (message: CoverWorkerMessage) => onMessage(lane, message));
    lane.worker.on('error', (error) => died(lane, error));
    lane.worker.on('exit', () => died(lane));
    return lane;
  };
  const onAbort = () => finishIfDone();
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    run(jobs, onOutcome) {
      if (closed) return Promise.reject(new Error('the cover pool is closed'));
      return new Promise<void>((resolve, reject) => {
        current = { jobs, next: 0, again: [], answered: 0, onOutcome, resolve, reject };
        while (lanes.length < workers && jobs.length > 0) lanes.push(spawn());
        for (const lane of lanes) feed(lane);
        finishIfDone();
      });
    },
    async close() {
      closed = true;
      signal?.removeEventListener('abort', onAbort);
      await Promise.all(lanes.splice(0).map(stop));
    },
  };
}
