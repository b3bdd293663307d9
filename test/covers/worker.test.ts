import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { CoverOutcome } from '../../src/covers/make-cover';
import type { CoverRequest, CoverWorkerMessage } from '../../src/covers/worker-loop';
import { coverSettings, expectedCoverOutcome, mixedCoverJobs, writeCoverJob } from '../support/cover-jobs';
import { useTempDir } from '../support/temp-dir';

/* The real cover worker thread, started through its tsx entry as the pool starts it, and real sharp. */

const dir = useTempDir();
const WORKER_ENTRY = new URL('../../src/covers/worker-entry.mjs', import.meta.url);

/** Starts a cover worker and collects its answers; `answered(count)` resolves once that many came. */
function startWorker() {
  const worker = new Worker(WORKER_ENTRY, { workerData: coverSettings(dir) });
  const results: { id: number; outcome: CoverOutcome }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let failure: Error | undefined;
  const wake = () => {
    for (const waiter of waiters) if (failure || results.length >= waiter.count) waiter.resolve();
  };
  worker.on('message', (message: CoverWorkerMessage) => {
    if (message.type === 'result') results.push({ id: message.id, outcome: message.outcome });
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    wake();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the cover worker exited (${code})`);
    wake();
  });
  return {
    results,
    send: (request: CoverRequest) => worker.postMessage(request),
    answered: async (count: number) => {
      await new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        wake();
      });
      if (failure) throw failure;
    },
    stop: () => {
      worker.removeAllListeners();
      return worker.terminate();
    },
  };
}

describe('cover worker thread', () => {
  it('answers 30 jobs once each, in the order sent, with its own outcome, when reads and decodes fail between good pages', async () => {
    const { kinds, jobs } = await mixedCoverJobs(dir, 30);
    const last = await writeCoverJob(dir, 30, 'good');
    const worker = startWorker();
    try {
      jobs.forEach((job, id) => worker.send({ id, job }));
      await worker.answered(30);
      // Sent once all 30 are answered: an answer given twice would come before this one's.
      worker.send({ id: 30, job: last });
      await worker.answered(31);
    } finally {
      await worker.stop();
    }
    expect(worker.results).toEqual([...kinds, 'good' as const].map((kind, id) => ({ id, outcome: expectedCoverOutcome(id, kind) })));
  });
});
