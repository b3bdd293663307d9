/**
 * What a reader thread is doing, in shared memory, so the pool can time each file without a
 * message per file and without waiting for the thread's event loop (a reader stuck in a
 * synchronous loop can post nothing). The thread writes; the pool only reads.
 *
 * Slots: a beat counter that moves whenever the thread starts a file or finishes a batch, whether
 * it is reading a file now, and which file (batch id, index in the batch).
 */
const BEATS = 0;
const READING = 1;
const BATCH = 2;
const INDEX = 3;
const SLOTS = 4;

export function createHeartbeatBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** The reader thread's side. */
export class HeartbeatWriter {
  private readonly view: Int32Array;
  constructor(buffer: SharedArrayBuffer) {
    this.view = new Int32Array(buffer);
  }

  startFile(batchId: number, index: number): void {
    Atomics.store(this.view, BATCH, batchId);
    Atomics.store(this.view, INDEX, index);
    Atomics.store(this.view, READING, 1);
    Atomics.add(this.view, BEATS, 1);
  }

  /** Between batches the thread waits for work: no file's clock runs. */
  finishBatch(): void {
    Atomics.store(this.view, READING, 0);
    Atomics.add(this.view, BEATS, 1);
  }
}

/** The pool's side. */
export class HeartbeatReader {
  private readonly view: Int32Array;
  constructor(buffer: SharedArrayBuffer) {
    this.view = new Int32Array(buffer);
  }

  beats(): number {
    return Atomics.load(this.view, BEATS);
  }

  isReading(): boolean {
    return Atomics.load(this.view, READING) === 1;
  }

  /** The file being read, or being read when the thread stopped; undefined before the first. */
  currentFile(): { batchId: number; index: number } | undefined {
    if (this.beats() === 0) return undefined;
    return { batchId: Atomics.load(this.view, BATCH), index: Atomics.load(this.view, INDEX) };
  }
}
