/** The two halves of making one cover, and where its outcome goes. */
export interface ReadAheadSteps<Job, Page, Outcome> {
  /** Reads the job's page, on the calling thread: one read runs at a time. */
  read(job: Job): Promise<Page>;
  /** Decodes, encodes and writes the page (sharp works on libuv's threads meanwhile). */
  finish(job: Job, page: Page): Promise<Outcome>;
  /** The outcome of a job whose read or finish threw: it is still answered, in its turn. */
  unexpected: Outcome;
  answer(job: Job, outcome: Outcome): void;
}

const settled = (promise: Promise<unknown>): Promise<void> => promise.then(() => undefined, () => undefined);

/**
 * Jobs are finished and answered one at a time, in the order given, but the next job's page is
 * read while the current one is finished: the read (~1-5 ms) runs on the worker's own thread,
 * the sharp call on libuv's pool, so without the overlap one of the two always waits and a worker
 * keeps less than one core busy (bench/README.md, "Covers").
 *
 * Bounded: a job's read waits for the read before it and for the job two back to be finished, so
 * at most two pages are held (the one being finished and the next) and one image decoded, however
 * many jobs are given. A job is finished only after the one before it, even when its own read
 * threw: otherwise it would be answered out of turn.
 */
export function readAheadInOrder<Job, Page, Outcome>(steps: ReadAheadSteps<Job, Page, Outcome>): (job: Job) => void {
  let lastRead: Promise<void> = Promise.resolve();
  let lastDone: Promise<void> = Promise.resolve();
  let doneBeforeLast: Promise<void> = Promise.resolve();
  return (job) => {
    const read = Promise.all([lastRead, doneBeforeLast]).then(() => steps.read(job));
    const outcome = lastDone
      .then(() => read)
      .then((page) => steps.finish(job, page))
      .catch(() => steps.unexpected);
    // Registered before the next job chains on this one, so answers go out in order. A throwing
    // answer is not an outcome of the job: it surfaces as an unhandled rejection.
    void outcome.then((value) => steps.answer(job, value));
    // Only the fact that they settled: a page is not kept past its job.
    lastRead = settled(read);
    doneBeforeLast = lastDone;
    lastDone = settled(outcome);
  };
}
