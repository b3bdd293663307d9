import { Worker } from 'node:worker_threads';
import { createError } from '../errors';
import type { CoverJob, CoverOutcome } from './make-cover';
import type { CoverSettings } from './options';
import type { CoverRequest, CoverWorkerMessage } from './worker-loop';
import { workerScriptUrl } from '../worker-script';

/**
 * A few worker threads that make covers, fed one job at a time (two in flight per worker, so none
 * idles between messages, and a worker reads the second job's page while it encodes the first:
 * read-ahead.ts). A cover costs milliseconds, so a few messages per job (the job, the start and
 * end of its read, its result) cost nothing worth batching. A worker that crashes or hangs fails
 * only the job it was on and is replaced; the other job it held goes to the replacement. The job
 * it was on is the one whose page it was reading, if a read was running (worker-loop.ts), else the
 * oldest it held (it answers in order). One that dies before it is ready fails the run instead
 * (its jobs would all be stored as failed covers).
 */

const WORKER_ENTRY = workerScriptUrl('covers', import.meta.url);
const IN_FLIGHT_PER_WORKER = 2;
const CRASHED = 'the cover worker crashed on this comic: its cover page is likely damaged';
/** A cover that takes longer is given up (a hostile file made a reader or a decoder spin). */
const JOB_TIMEOUT_MS = 120_000;

/** For tests: a worker script that misbehaves, shorter clocks. */
export interface CoverPoolTesting {
  workerEntry?: URL;
  jobTimeoutMs?: number;
  startupTimeoutMs?: number;
}

export interface CoverPool {
  /** Makes every job's cover; resolves when all are answered or the signal aborts. */
  run(jobs: readonly CoverJob[], onOutcome: (job: CoverJob, outcome: CoverOutcome) => void): Promise<void>;
  close(): Promise<void>;
}

interface Lane {
  worker: Worker;
  /** The worker said 'ready': its script loaded, so a later death is the job's doing. */
  started: boolean;
  /** In the order sent, which is the order the worker answers in. */
  inFlight: Map<number, CoverJob>;
  /** The job whose page the worker is reading: the read holds its thread until it ends. */
  reading?: number;
  /**
   * The one clock that runs, from 'ready' on, on the job the worker would be stuck on (blocker);
   * before it, the clock of the start-up, so that loading sharp on a busy machine is no job's time.
   */
  clock?: { id: number; timer: NodeJS.Timeout };
  startup?: NodeJS.Timeout;
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

export function createCoverPool(settings: CoverSettings, workers: number, signal?: AbortSignal, testing: CoverPoolTesting = {}): CoverPool {
  const { workerEntry = WORKER_ENTRY, jobTimeoutMs = JOB_TIMEOUT_MS, startupTimeoutMs = JOB_TIMEOUT_MS } = testing;
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
      lane.inFlight.set(id, job);
      lane.worker.postMessage({ id, job } satisfies CoverRequest);
    }
    startClock(lane);
  };
  /**
   * The job a worker stuck now would be stuck on: the one whose page it reads (the read holds its
   * thread, so the job before it cannot be answered either), else the oldest it holds.
   */
  const blocker = (lane: Lane): number | undefined => lane.reading ?? lane.inFlight.keys().next().value;
  /**
   * The blocker's clock, started when it becomes the blocker and kept while it stays one: a job
   * queued behind another is not timed while it waits its turn.
   */
  const startClock = (lane: Lane) => {
    if (!lane.started) return;
    const id = blocker(lane);
    if (lane.clock?.id === id) return;
    clearTimeout(lane.clock?.timer);
    lane.clock = id === undefined ? undefined : { id, timer: setTimeout(() => crash(lane, timedOut(lane)), jobTimeoutMs) };
  };
  const timedOut = (lane: Lane) =>
    lane.reading === undefined
      ? `making the cover took longer than ${jobTimeoutMs / 1000} s (a hostile image?)`
      : `reading the cover page took longer than ${jobTimeoutMs / 1000} s (a hostile archive, or a stalled disk or network mount?)`;
  const onMessage = (lane: Lane, message: CoverWorkerMessage) => {
    switch (message.type) {
      case 'ready':
        lane.started = true;
        clearTimeout(lane.startup);
        return startClock(lane);
      case 'reading':
        lane.reading = message.id;
        return startClock(lane);
      case 'readDone':
        lane.reading = undefined;
        return startClock(lane);
      case 'result': {
        const job = lane.inFlight.get(message.id);
        if (!job) return;
        lane.inFlight.delete(message.id);
        answer(job, message.outcome);
        feed(lane);
        finishIfDone();
      }
    }
  };
  /** Stops a lane's worker and its clock (its jobs stay in inFlight, for the caller to answer). */
  const stop = (lane: Lane): Promise<number> => {
    clearTimeout(lane.clock?.timer);
    clearTimeout(lane.startup);
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
    // The blocker is the job it was stuck on (and the one whose clock ran); the others, the oldest
    // among them when it was not the blocker, go to the replacement in their order.
    const stuckOn = blocker(lane);
    for (const [id, job] of lane.inFlight) {
      if (id === stuckOn) answer(job, { ok: false, reason });
      else current?.again.push(job);
    }
    lane.inFlight.clear();
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
    lane.startup = setTimeout(() => died(lane, new Error(`it did not start within ${startupTimeoutMs / 1000} s`)), startupTimeoutMs);
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
