import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { LongboxError } from '../errors';
import { claimForCaller, createBatchClaim } from './batch-claim';
import { createHeartbeatBuffer, HeartbeatReader } from './heartbeat';
import { pathBatches, type LaneBatch } from './path-batches';
import { readComicAt } from './openable-path';
import type { ReadOutcome } from './read-comic';
import { decodeOutcomes } from './transfer';
import type { BatchRequest, BatchResult, WorkerInput, WorkerMessage } from './worker-loop';
import { workerScriptUrl } from '../worker-script';

/**
 * Reads many comics on worker threads, and on the calling thread too while it has nothing else
 * to do. Paths go out in batches (one message per batch keeps the per-file cost low), workers
 * hold up to `readAhead` files so they keep reading while the caller works in long synchronous
 * stretches, and input is pulled only while few results wait for the consumer: memory stays flat
 * however many paths are fed in. Results come back in completion order, each carrying its path.
 * PDF and 7z files are batched apart and, in a mixed library, go to the first worker (HEAVY_FORMATS).
 *
 * The calling thread reads CBZs itself (READ_HERE) whenever no result is waiting: on 2 cores the
 * importer's thread writes while a worker reads, and reads instead of idling when it has nothing
 * to write, so both cores stay busy. When it has no path of its own left (the end of the input),
 * it takes back the newest CBZ batch a worker holds queued behind others (takeBack), so the two
 * threads finish together instead of the worker reading its whole read-ahead alone. A short list
 * (readsAlone: a watch batch) is read here alone, without paying a worker's start-up.
 *
 * Each file a worker reads is timed (heartbeat.ts): one that takes longer than `fileTimeoutMs`
 * fails with a timeout and its worker is replaced. A worker that crashes is replaced too; the
 * file it was reading is retried alone, so only a file that brings a reader down twice fails
 * ("reader crashed"). The rest of its batch and the batches queued behind it are resent.
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
  /**
   * Whether the calling thread reads files itself (default true): CBZs when no result is waiting,
   * and all of a short list (readsAlone). A file read here has no timeout and no crash isolation;
   * so beyond a few files, only CBZs are, whose reader is ours, synchronous and linear in the
   * file's directory.
   */
  readOnCallingThread?: boolean;
}

export interface ReadPool {
  read(paths: Iterable<string> | AsyncIterable<string>): AsyncIterable<ReadOutcome>;
  close(): Promise<void>;
}

const BATCHES_PER_WORKER = 2;
/**
 * Heavy formats (path-batches.ts) of a mixed library all go to the first worker, so one thread
 * pays for each large reader library instead of every thread; once they are more than
 * DENSE_SHARE of the files seen, they spread like the rest.
 */
const DENSE_SHARE = 0.25;
/** Files the calling thread may read itself (see readOnCallingThread). */
const READ_HERE = /\.cbz$/i;
/**
 * A list of at most TINY_LIST files of any format, or SMALL_LIST CBZs, is read on the calling
 * thread: a worker's start-up (~0.4 s) costs more than reading it (0.2-2 ms a CBZ).
 */
const TINY_LIST = 16;
const SMALL_LIST = 64;
const readsAlone = (list: string[]): boolean => list.length <= TINY_LIST || list.every((path) => READ_HERE.test(path));
/** The calling thread, reading, lets timers, signals and messages in at least this often. */
const YIELD_EVERY_MS = 20;

export function createReadPool(options: ReadPoolOptions = {}): ReadPool {
  return createPoolOn(workerScriptUrl('read', import.meta.url), options);
}

interface Batch {
  id: number;
  paths: string[];
  /** A file that already brought a reader down, resent alone: a second crash fails it. */
  lastChance?: true;
  /** PDF and 7z files (path-batches.ts): never taken back by the calling thread. */
  heavy?: true;
  /** Set when sent: whether the worker or the calling thread reads it (batch-claim.ts). */
  claim?: SharedArrayBuffer;
}

interface Slot {
  worker: Worker;
  results: MessagePort;
  heartbeat: HeartbeatReader;
  inFlight: Map<number, Batch>;
  started: boolean;
  /** The beat count last seen, and when it was first seen (the current file ran at least since). */
  beats: number;
  beatSeenAt: number;
  /** Why we terminated this worker ourselves, if we did. */
  stopping?: 'close' | 'timeout';
  lastError?: Error;
}

/**
 * A reader's own heap holds one batch of parsed metadata and the parsers: far under this. The cap
 * keeps V8 from growing the heap to several times that over a long import (it sizes a heap by
 * the machine's memory, not by what is alive), and a file that would need more fails alone, as a
 * crash does, instead of taking memory from the rest of the machine.
 */
const WORKER_HEAP_MIB = 256;

/** The pool on a given worker script: tests pass one that crashes or hangs on request. */
export function createPoolOn(workerEntry: URL, options: ReadPoolOptions): ReadPool {
  const workerCount = Math.max(1, options.workers ?? availableParallelism());
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const fileTimeoutMs = options.fileTimeoutMs ?? 120_000;
  const maxWaiting = Math.max(options.readAhead ?? 0, workerCount * BATCHES_PER_WORKER * batchSize);
  const batchesPerWorker = Math.ceil(maxWaiting / (workerCount * batchSize));
  const readHere = options.readOnCallingThread ?? true;
  const readOptions = { maxEntryBytes: options.maxEntryBytes };
  const { signal } = options;

  const slots: Slot[] = [];
  const ready: ReadOutcome[] = [];
  const retry: Batch[] = [];
  let nextBatchId = 0;
  let fatal: LongboxError | undefined;
  let reading = false;
  let watchdog: NodeJS.Timeout | undefined;
  let wake: () => void = () => undefined;

  const notify = (): void => wake();
  const nextEvent = (): Promise<void> => new Promise((resolve) => (wake = resolve));

  function spawn(): Slot {
    const heartbeat = createHeartbeatBuffer();
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerInput = { maxEntryBytes: options.maxEntryBytes, heartbeat, results: port2 };
    const worker = new Worker(workerEntry, { workerData, transferList: [port2], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MIB } });
    const slot: Slot = { worker, results: port1, heartbeat: new HeartbeatReader(heartbeat), inFlight: new Map(), started: false, beats: 0, beatSeenAt: 0 };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') slot.started = true;
    });
    port1.on('message', (result: BatchResult) => onResult(slot, result));
    port1.unref();
    worker.on('error', (error) => (slot.lastError = error));
    worker.on('exit', () => onExit(slot));
    worker.unref();
    slots.push(slot);
    watchdog ??= startWatchdog();
    return slot;
  }

  function onResult(slot: Slot, result: BatchResult): void {
    if (!slot.inFlight.delete(result.id)) return;
    for (const outcome of decodeOutcomes(result.outcomes)) ready.push(outcome);
    if (slot.inFlight.size === 0) slot.worker.unref();
    notify();
  }

  /** Takes the results that arrived, without waiting for the event loop (it may not turn for a while). */
  function drainResults(): void {
    for (const slot of slots) drainSlot(slot);
  }

  function drainSlot(slot: Slot): void {
    for (let message = receiveMessageOnPort(slot.results); message; message = receiveMessageOnPort(slot.results)) {
      onResult(slot, message.message as BatchResult);
    }
  }

  function onExit(slot: Slot): void {
    // Results the worker sent before it stopped are good.
    drainSlot(slot);
    slot.results.close();
    slots.splice(slots.indexOf(slot), 1);
    if (slots.length === 0) stopWatchdog();
    if (slot.stopping === 'close') return;
    if (!slot.started) {
      fatal ??= new LongboxError('INTERNAL', `read worker failed to start: ${slot.lastError?.message ?? 'it exited'}`, { cause: slot.lastError });
      return notify();
    }
    // The worker reads its batches in order: the first one in flight is the one it stopped in.
    const [stopped, ...queued] = slot.inFlight.values();
    retry.push(...queued);
    if (stopped) recover(slot, stopped);
    notify();
  }

  /** The file the worker stopped on fails, or after a first crash is resent alone; the rest is resent. */
  function recover(slot: Slot, batch: Batch): void {
    const current = slot.heartbeat.currentFile();
    if (current === undefined || current.batchId !== batch.id || current.index >= batch.paths.length) {
      // It stopped between batches (a stray callback of a file already answered): none of this
      // batch was read, so it goes again as it is.
      retry.push(batch);
      return;
    }
    const culprit = batch.paths[current.index]!;
    const others = batch.paths.filter((_, i) => i !== current.index);
    if (others.length > 0) retry.push({ id: nextBatchId++, paths: others });
    // A crash may come from an earlier file's stray callback: the file gets a second chance alone.
    if (slot.stopping !== 'timeout' && !batch.lastChance) retry.push({ id: nextBatchId++, paths: [culprit], lastChance: true });
    else ready.push(failure(slot, culprit));
  }

  function failure(slot: Slot, path: string): ReadOutcome {
    const reason =
      slot.stopping === 'timeout'
        ? `reader timed out after ${fileTimeoutMs / 1000} s`
        : (slot.lastError as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `reading this file took more than the reader's ${WORKER_HEAP_MIB} MiB of memory, twice: the file is likely damaged or built to exhaust memory`
          : 'reader crashed on this file twice (its worker thread died): the file is likely damaged';
    return { ok: false, path, reason };
  }

  /**
   * Checks each worker a few times per timeout: a worker whose beat has not moved for
   * fileTimeoutMs while it reads a file is stuck on that file. The beat is read from shared
   * memory, so a slow consumer or a busy event loop cannot make a reader look stuck.
   */
  function startWatchdog(): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        const now = performance.now();
        for (const slot of slots) {
          const beats = slot.heartbeat.beats();
          if (beats !== slot.beats || !slot.heartbeat.isReading()) {
            slot.beats = beats;
            slot.beatSeenAt = now;
          } else if (!slot.stopping && now - slot.beatSeenAt >= fileTimeoutMs) {
            slot.stopping = 'timeout';
            void slot.worker.terminate();
          }
        }
      },
      Math.min(1000, Math.max(10, fileTimeoutMs / 4)),
    );
    timer.unref();
    return timer;
  }

  function stopWatchdog(): void {
    clearInterval(watchdog);
    watchdog = undefined;
  }

  function dispatch(slot: Slot, batch: Batch): void {
    batch.claim = createBatchClaim();
    slot.inFlight.set(batch.id, batch);
    slot.worker.ref();
    slot.worker.postMessage({ id: batch.id, paths: batch.paths, claim: batch.claim } satisfies BatchRequest);
  }

  /**
   * Takes back the newest batch holding a CBZ that a worker has queued behind at least one other
   * (the one it is reading is never taken), if the worker has not started it: its CBZs go to
   * `here`, its other files back to a worker as a batch of their own (which is never taken back).
   * False when there was none to take.
   */
  function takeBack(here: string[]): boolean {
    for (const slot of slots) {
      if (slot.stopping || slot.inFlight.size < 2) continue;
      const newest = [...slot.inFlight.values()].findLast((batch) => !batch.heavy && !batch.lastChance && batch.paths.some((path) => READ_HERE.test(path)));
      if (!newest?.claim || !claimForCaller(newest.claim)) continue;
      slot.inFlight.delete(newest.id);
      const others = newest.paths.filter((path) => !READ_HERE.test(path));
      if (others.length > 0) retry.push({ id: nextBatchId++, paths: others });
      here.push(...newest.paths.filter((path) => READ_HERE.test(path)));
      return true;
    }
    return false;
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
    /** CBZs taken back from a worker's queue, read here first. */
    const takenBack: string[] = [];
    let seen = 0;
    let heavySeen = 0;
    let yieldedAt = performance.now();
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
      // A short list is read here, all of it: no worker starts.
      const whole = readHere ? await input.whole(SMALL_LIST) : undefined;
      if (whole && readsAlone(whole)) {
        for (const path of whole) {
          if (signal?.aborted) throw abortError();
          yield await readComicAt(path, readOptions);
        }
        return;
      }
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
          dispatch(targetOf(next, slot), { id: nextBatchId++, paths: next.paths, ...(next.heavy ? { heavy: true as const } : {}) });
        }
        drainResults();
        if (ready.length > 0) {
          yield ready.shift()!;
          continue;
        }
        if (inputDone && retry.length === 0 && takenBack.length === 0 && inFlightCount() === 0) return;
        // Nothing is waiting: read a file here rather than idle, beyond the read-ahead (its result
        // is handed over at once) or taken back from a worker's queue, letting the event loop turn
        // now and then.
        let here = readHere ? takenBack.shift() : undefined;
        if (here === undefined && readHere && !inputDone) here = await input.nextLight(READ_HERE, maxWaiting);
        if (here === undefined && readHere && takeBack(takenBack)) continue;
        if (here !== undefined) {
          yield await readComicAt(here, readOptions);
          if (performance.now() - yieldedAt > YIELD_EVERY_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            yieldedAt = performance.now();
          }
          continue;
        }
        await nextEvent();
        yieldedAt = performance.now();
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      reading = false;
      // A consumer that stops early leaves batches in flight: their workers go with them.
      if (inFlightCount() > 0) await stopAll();
      ready.length = 0;
      retry.length = 0;
      takenBack.length = 0;
      await input.return();
    }
  }

  return { read, close: stopAll };
}
