/**
 * Who reads a batch sent to a worker: the worker, when it gets to it, or the calling thread, which
 * takes back a batch still queued behind others when it has nothing else to read (the end of an
 * import, when the worker still holds a read-ahead's worth of files). One cell of shared memory
 * per batch, claimed once by compare-and-swap, so a file is never read twice nor skipped.
 */
const UNCLAIMED = 0;
const WORKER = 1;
const CALLER = 2;

export function createBatchClaim(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** The worker's side: true when the batch is its to read. */
export function claimForWorker(claim: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(claim), 0, UNCLAIMED, WORKER) === UNCLAIMED;
}

/** The calling thread's side: true when the worker has not started the batch and now never will. */
export function claimForCaller(claim: SharedArrayBuffer): boolean {
  return Atomics.compareExchange(new Int32Array(claim), 0, UNCLAIMED, CALLER) === UNCLAIMED;
}
