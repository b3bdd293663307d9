import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAheadInOrder } from '../../src/covers/read-ahead';

/*
 * The cover worker's loop driven in-process: every read and finish is a promise this test settles
 * itself, in an order it picks, so what runs when is observed without any clock. A job holds a
 * page from the moment its read starts until its finish settles (or its read throws).
 */

/** What a job's steps do: a page read fine, a read that fails (an outcome), or throws; a finish that fails or throws. */
const KINDS = ['good', 'readFails', 'readThrows', 'finishFails', 'finishThrows'] as const;
type Kind = (typeof KINDS)[number];
interface Job {
  n: number;
  kind: Kind;
}
type Page = { ok: true; n: number } | { ok: false; reason: string };

const expectedOutcome = ({ n, kind }: Job): string =>
  ({ good: `cover ${n}`, readFails: `read failed ${n}`, readThrows: 'unexpected', finishFails: `decode failed ${n}`, finishThrows: 'unexpected' })[kind];

/** Lets every promise callback that can run, run (no timer involved). */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

function harness() {
  const waiting: { what: string; settle: () => void }[] = [];
  const holding = new Set<number>();
  const reading = new Set<number>();
  const finishing = new Set<number>();
  const answers: [number, string][] = [];
  const seen = { maxHolding: 0, maxReading: 0, maxFinishing: 0, readsStartedWhileFinishing: 0 };
  const later = <T>(what: string, outcome: () => T | Error) =>
    new Promise<T>((resolve, reject) =>
      waiting.push({
        what,
        settle: () => {
          const value = outcome();
          if (value instanceof Error) reject(value);
          else resolve(value);
        },
      }),
    );
  const submit = readAheadInOrder<Job, Page, string>({
    read: (job) => {
      holding.add(job.n);
      reading.add(job.n);
      seen.maxHolding = Math.max(seen.maxHolding, holding.size);
      seen.maxReading = Math.max(seen.maxReading, reading.size);
      if (finishing.size > 0) seen.readsStartedWhileFinishing++;
      return later(`read ${job.n}`, () => {
        reading.delete(job.n);
        if (job.kind === 'readThrows') {
          holding.delete(job.n);
          return new Error('the read threw');
        }
        return job.kind === 'readFails' ? { ok: false, reason: `read failed ${job.n}` } : { ok: true, n: job.n };
      });
    },
    finish: (job, page) => {
      finishing.add(job.n);
      seen.maxFinishing = Math.max(seen.maxFinishing, finishing.size);
      return later(`finish ${job.n}`, () => {
        finishing.delete(job.n);
        holding.delete(job.n);
        if (!page.ok) return page.reason;
        return job.kind === 'finishThrows' ? new Error('the finish threw') : job.kind === 'finishFails' ? `decode failed ${job.n}` : `cover ${page.n}`;
      });
    },
    unexpected: 'unexpected',
    answer: (job, outcome) => answers.push([job.n, outcome]),
  });
  return { waiting, answers, seen, submit };
}

type Harness = ReturnType<typeof harness>;
const waitingFor = (h: Harness) => h.waiting.map((step) => step.what).sort();
async function settle(h: Harness, what: string) {
  const index = h.waiting.findIndex((step) => step.what === what);
  if (index === -1) throw new Error(`${what} is not waiting (${waitingFor(h).join(', ')} are)`);
  h.waiting.splice(index, 1)[0]!.settle();
  await drain();
}

/** Submits the jobs, then settles waiting steps one at a time, the one `choose` picks, until none is left. */
async function run(kinds: readonly Kind[], choose: (waiting: number, step: number) => number) {
  const h = harness();
  const jobs = kinds.map((kind, n) => ({ n, kind }));
  for (const job of jobs) h.submit(job);
  for (let step = 0; ; step++) {
    await drain();
    if (h.waiting.length === 0) break;
    const [next] = h.waiting.splice(choose(h.waiting.length, step), 1);
    next!.settle();
  }
  return { ...h, jobs };
}

describe('readAheadInOrder (the cover worker loop)', () => {
  it('reads the next page while the current one is finished, and no further ahead', async () => {
    const h = harness();
    for (let n = 0; n < 5; n++) h.submit({ n, kind: 'good' });
    await drain();
    expect(waitingFor(h)).toEqual(['read 0']);
    await settle(h, 'read 0');
    // Job 1's page is read while job 0 is finished; job 2 waits for job 0's page to be let go.
    expect(waitingFor(h)).toEqual(['finish 0', 'read 1']);
    await settle(h, 'read 1');
    expect(waitingFor(h)).toEqual(['finish 0']);
    await settle(h, 'finish 0');
    expect(waitingFor(h)).toEqual(['finish 1', 'read 2']);
    expect(h.answers).toEqual([[0, 'cover 0']]);
  });

  it('answers a job whose read threw only after the job before it', async () => {
    const h = harness();
    h.submit({ n: 0, kind: 'good' });
    h.submit({ n: 1, kind: 'readThrows' });
    h.submit({ n: 2, kind: 'good' });
    await drain();
    await settle(h, 'read 0');
    await settle(h, 'read 1');
    expect(h.answers).toEqual([]);
    expect(waitingFor(h)).toEqual(['finish 0']);
    await settle(h, 'finish 0');
    expect(h.answers).toEqual([
      [0, 'cover 0'],
      [1, 'unexpected'],
    ]);
    expect(waitingFor(h)).toEqual(['read 2']);
  });

  it('answers 30 mixed jobs once each, in order, with their own outcomes, holding at most two pages', async () => {
    const kinds = Array.from({ length: 30 }, (_, n) => KINDS[(n * 7) % KINDS.length]!);
    // Settle the newest waiting step first: reads race ahead of finishes wherever they may.
    const { answers, seen, jobs } = await run(kinds, (waiting) => waiting - 1);
    expect(answers).toEqual(jobs.map((job) => [job.n, expectedOutcome(job)]));
    expect(seen).toMatchObject({ maxHolding: 2, maxReading: 1, maxFinishing: 1 });
    expect(seen.readsStartedWhileFinishing).toBeGreaterThan(0);
  });

  it('keeps order, one answer per job and the two-page bound whatever order reads and finishes settle in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), async (kinds, picks) => {
        const { answers, seen, jobs } = await run(kinds, (waiting, step) => picks[step % picks.length]! % waiting);
        expect(answers).toEqual(jobs.map((job) => [job.n, expectedOutcome(job)]));
        expect(seen.maxHolding).toBeLessThanOrEqual(2);
        expect(seen.maxReading).toBe(1);
        expect(seen.maxFinishing).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
