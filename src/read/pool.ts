import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LongboxError } from '../errors';
import type { ReadOutcome } from './read-comic';
import type { BatchRequest, WorkerInput, WorkerMessage } from './worker';

/**
 * Reads many comics on worker threads. Paths go out in batches (one message per batch keeps the
 * per-file cost low), each worker holds at most two batches so none idles between messages, and
 * input is pulled only while few results wait for the consumer: memory stays flat however many
 * paths are fed in. Results come back in completion order, each carrying its path. PDF and 7z
 * files are batched apart and, in a mixed library, go to the first worker (HEAVY_FORMATS).
 *
 * A worker that crashes or hangs is replaced. The batch it was reading is retried one file per
 * batch, so only the file that brings a reader down fails ("reader crashed"); batches queued
 * behind it are resent as they were.
 */

export interface ReadPoolOptions {
  /** Worker threads; default one per CPU. */
  workers?: number;
  /** Stops reading promptly: workers are terminated and `read` throws LongboxError('ABORTED'). */
  signal?: AbortSignal;
  maxEntryBytes?: number;
  /** Paths per message. */
  batchSize?: number;
  /**
   * Files read ahead of the consumer. A consumer that works in long synchronous stretches (the
   * importer writes a whole chunk at a time) sets this to about one chunk, so the workers keep
   * reading the next chunk meanwhile instead of waiting for the event loop.
   */
  readAhead?: number;
  /** A file that takes longer than this fails and its worker is replaced. */
  fileTimeoutMs?: number;
}

export interface ReadPool {
  read(paths: Iterable<string> | AsyncIterable<string>): AsyncIterable<ReadOutcome>;
  close(): Promise<void>;
}

const BATCHES_PER_WORKER = 2;
/**
 * Formats whose reader loads a large library into the thread that meets one: pdfjs (about 80 MB)
 * and 7-Zip's wasm (about 40 MB). In a mixed library they all go to the first worker, so one
 * thread pays for each library instead of every thread; once they are more than DENSE_SHARE of
 * the files seen, they spread like the rest. The extension is only a routing hint: the reader
 * trusts the file's bytes either way.
 */
const HEAVY_FORMATS = /\.(pdf|cb7|7z)$/i;
const DENSE_SHARE = 0.25;
/**
 * The built package runs the compiled worker.js beside this file; from source (a clone, the
 * tests) this file is .ts, and worker-entry.mjs registers tsx before loading worker.ts.
 */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', import.meta.url);

export function createReadPool(options: ReadPoolOptions = {}): ReadPool {
  return createPoolOn(WORKER_ENTRY, options);
}

interface Batch {
  id: number;
  paths: string[];
}

interface LaneBatch {
  paths: string[];
  heavy: boolean;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Batch>;
  started: boolean;
  timer?: NodeJS.Timeout;
  /** Why we terminated this worker ourselves, if we did. */
  stopping?: 'close' | 'timeout';
  lastError?: Error;
}

/** The pool on a given worker script: tests pass one that crashes or hangs on request. */
export function createPoolOn(workerEntry: URL, options: ReadPoolOptions): ReadPool {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const fileTimeoutMs = options.fileTimeoutMs ?? 120_000;
  const maxWaiting = Math.max(options.readAhead ?? 0, workerCount * BATCHES_PER_WORKER * batchSize);
  const batchesPerWorker = Math.ceil(maxWaiting / (workerCount * batchSize));
  const { signal } = options;

  const slots: Slot[] = [];
  const ready: ReadOutcome[] = [];
  const retry: Batch[] = [];
  let nextBatchId = 0;
  let fatal: LongboxError | undefined;
  let reading = false;
  let wake: () => void = () => undefined;

  const notify = (): void => wake();
  const nextEvent = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  function spawn(): Slot {
    const worker = new Worker(workerEntry, { workerData: { maxEntryBytes: options.maxEntryBytes } satisfies WorkerInput });
    const slot: Slot = { worker, inFlight: new Map(), started: false };
    worker.on('message', (message: WorkerMessage) => onMessage(slot, message));
    worker.on('error', (error) => (slot.lastError = error));
    worker.on('exit', () => onExit(slot));
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.started = true;
      // The clock starts now: loading the reader (seconds on a busy machine) is not reading.
      armTimer(slot);
      return;
    }
    const batch = slot.inFlight.get(message.id);
    if (!batch) return;
    slot.inFlight.delete(message.id);
    ready.push(...message.outcomes);
    if (slot.inFlight.size === 0) slot.worker.unref();
    armTimer(slot);
    notify();
  }

  function onExit(slot: Slot): void {
    clearTimeout(slot.timer);
    slots.splice(slots.indexOf(slot), 1);
    if (slot.stopping === 'close') return;
    if (!slot.started) {
      fatal ??= new LongboxError('INTERNAL', `read worker failed to start: ${slot.lastError?.message ?? 'it exited'}`, { cause: slot.lastError });
      return notify();
    }
    // The worker reads its batches in order, so the first one in flight is the one it died on.
    const [suspect, ...queued] = slot.inFlight.values();
    retry.push(...queued);
    if (suspect && suspect.paths.length > 1) {
      retry.push(...suspect.paths.map((path) => ({ id: nextBatchId++, paths: [path] })));
    } else if (suspect) {
      const reason =
        slot.stopping === 'timeout'
          ? `reader timed out after ${fileTimeoutMs / 1000} s`
          : `reader crashed: ${slot.lastError?.message ?? 'the worker thread exited'}`;
      ready.push({ ok: false, path: suspect.paths[0]!, reason });
    }
    notify();
  }

  function armTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    const [head] = slot.inFlight.values();
    if (!head) return;
    slot.timer = setTimeout(() => {
      slot.stopping = 'timeout';
      void slot.worker.terminate();
    }, fileTimeoutMs * head.paths.length);
    slot.timer.unref();
  }

  function dispatch(slot: Slot, batch: Batch): void {
    slot.inFlight.set(batch.id, batch);
    slot.worker.ref();
    if (slot.inFlight.size === 1 && slot.started) armTimer(slot);
    slot.worker.postMessage({ id: batch.id, paths: batch.paths } satisfies BatchRequest);
  }

  function freeSlot(): Slot | undefined {
    const live = slots.filter((slot) => !slot.stopping);
    const idlest = live.reduce<Slot | undefined>((best, slot) => (!best || slot.inFlight.size < best.inFlight.size ? slot : best), undefined);
    if (idlest && idlest.inFlight.size === 0) return idlest;
    if (live.length < workerCount) return spawn();
    return idlest && idlest.inFlight.size < batchesPerWorker ? idlest : undefined;
  }

  const inFlightCount = (): number => slots.reduce((sum, slot) => sum + slot.inFlight.size, 0);

  async function stopAll(): Promise<void> {
    await Promise.all(
      slots.map((slot) => {
        slot.stopping = 'close';
        return slot.worker.terminate();
      }),
    );
  }

  function abortError(): LongboxError {
    return new LongboxError('ABORTED', 'reading stopped: the import was aborted', { cause: signal?.reason });
  }

  async function* read(paths: Iterable<string> | AsyncIterable<string>): AsyncGenerator<ReadOutcome> {
    if (reading) throw new LongboxError('USAGE', 'a read pool reads one list of paths at a time');
    if (signal?.aborted) throw abortError();
    reading = true;
    const input = pathBatches(paths, batchSize);
    let inputDone = false;
    let seen = 0;
    let heavySeen = 0;
    /** Where a batch goes when `free` asks for work: heavy batches of a mixed library go to the first worker. */
    const targetOf = (batch: LaneBatch, free: Slot): Slot => {
      seen += batch.paths.length;
      if (batch.heavy) heavySeen += batch.paths.length;
      if (!batch.heavy || heavySeen > seen * DENSE_SHARE) return free;
      return slots.find((slot) => !slot.stopping) ?? free;
    };
    const onAbort = (): void => {
      void stopAll();
      notify();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) throw abortError();
        if (fatal) throw fatal;
        while (ready.length + inFlightCount() * batchSize < maxWaiting) {
          const slot = retry.length > 0 || !inputDone ? freeSlot() : undefined;
          if (!slot) break;
          const retried = retry.shift();
          if (retried) {
            dispatch(slot, retried);
            continue;
          }
          const next = await input.next();
          if (!next) {
            inputDone = true;
            break;
          }
          // The first worker may take a heavy batch beyond its share; the total stays bounded.
          dispatch(targetOf(next, slot), { id: nextBatchId++, paths: next.paths });
        }
        if (ready.length > 0) {
          yield ready.shift()!;
          continue;
        }
        if (inputDone && retry.length === 0 && inFlightCount() === 0) return;
        await nextEvent();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      reading = false;
      // A consumer that stops early leaves batches in flight: their workers go with them.
      if (inFlightCount() > 0) await stopAll();
      ready.length = 0;
      retry.length = 0;
      await input.return();
    }
  }

  return { read, close: stopAll };
}

/**
 * Pulls paths from a sync or async iterable into two lanes, light and heavy formats, and hands
 * out a lane's batch as soon as it is full (at the end, what is left, light first): no more than
 * a batch per lane is ever pulled ahead.
 */
export function pathBatches(paths: Iterable<string> | AsyncIterable<string>, size: number) {
  const sync = Symbol.iterator in paths ? paths[Symbol.iterator]() : undefined;
  const async = sync ? undefined : (paths as AsyncIterable<string>)[Symbol.asyncIterator]();
  const lanes = { light: [] as string[], heavy: [] as string[] };
  let done = false;
  return {
    async next(): Promise<LaneBatch | undefined> {
      while (!done) {
        const result = sync ? sync.next() : await async!.next();
        if (result.done) {
          done = true;
          break;
        }
        const heavy = HEAVY_FORMATS.test(result.value);
        const lane = heavy ? lanes.heavy : lanes.light;
        lane.push(result.value);
        if (lane.length >= size) return { paths: lane.splice(0), heavy };
      }
      if (lanes.light.length > 0) return { paths: lanes.light.splice(0), heavy: false };
      if (lanes.heavy.length > 0) return { paths: lanes.heavy.splice(0), heavy: true };
      return undefined;
    },
    async return(): Promise<void> {
      sync?.return?.();
      await async?.return?.();
    },
  };
}
