import type { MessagePort } from 'node:worker_threads';
import type { PageResult } from '../pages/read-page';
import type { CoverJob, CoverOutcome } from './make-cover';
import { readAheadInOrder } from './read-ahead';

/**
 * One cover thread's loop: makes the covers it is sent, in order, and answers each (read-ahead.ts).
 * It says when it starts and ends reading a job's page: a read runs on this thread, so one that
 * hangs (a hostile archive, a stalled mount) stops the job before it from being answered too, and
 * the pool must know whose read it was to blame the right comic. The message goes out before the
 * read begins, so it arrives even when the read never gives the thread back.
 */
export interface CoverRequest {
  id: number;
  job: CoverJob;
}
export type CoverWorkerMessage =
  | { type: 'ready' }
  | { type: 'reading'; id: number }
  | { type: 'readDone' }
  | { type: 'result'; id: number; outcome: CoverOutcome };

/** The two halves of making a cover (make-cover.ts): a test may stand in for either. */
export interface CoverSteps {
  read(job: CoverJob): Promise<PageResult>;
  finish(job: CoverJob, page: PageResult): Promise<CoverOutcome>;
}

const UNEXPECTED: CoverOutcome = { ok: false, reason: 'the cover could not be made: an unexpected error' };

export function serveCovers(port: MessagePort, steps: CoverSteps): void {
  const post = (message: CoverWorkerMessage): void => port.postMessage(message);
  const make = readAheadInOrder({
    read: async ({ id, job }: CoverRequest) => {
      post({ type: 'reading', id });
      try {
        return await steps.read(job);
      } finally {
        post({ type: 'readDone' });
      }
    },
    finish: ({ job }, page) => steps.finish(job, page),
    unexpected: UNEXPECTED,
    answer: ({ id }, outcome) => post({ type: 'result', id, outcome }),
  });
  port.on('message', make);
  post({ type: 'ready' });
}
