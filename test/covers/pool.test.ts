import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CoverJob, CoverOutcome } from '../../src/covers/make-cover';
import { createCoverPool } from '../../src/covers/pool';
import { coverSettings, expectedCoverOutcome, mixedCoverJobs, writeCoverJob } from '../support/cover-jobs';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir();
const settings = coverSettings(dir);
const FAULTY_WORKER = new URL('./fixtures/faulty-worker-entry.mjs', import.meta.url);
/** Far longer than a good cover takes; a job's clock starts once its worker is ready, so start-up is no job's time. */
const SHORT_TIMEOUT_MS = 5_000;
const job = (comicId: number) => ({ comicId, file: { path: join(dir, `${comicId}.cbz`), size: 1, mtime: 1 }, page: { entry: '01.jpg', mediaType: 'image/jpeg' }, pageIndex: 0 });

/** Comics 1 to 3 with good covers, the one named by `fault` given a path that makes the faulty worker misbehave. */
async function jobsWithFault(fault: { comicId: number; marker: string }) {
  const jobs = await Promise.all([1, 2, 3].map((n) => writeCoverJob(dir, n, 'good')));
  return jobs.map((job) => (job.comicId === fault.comicId ? { ...job, file: { ...job.file, path: join(dir, `${fault.marker}.cbz`) } } : job));
}

/** The outcomes by comic, made by one faulty worker (and its replacements). */
async function runOnFaultyWorker(jobs: CoverJob[]): Promise<[number, CoverOutcome][]> {
  const pool = createCoverPool(settings, 1, undefined, { workerEntry: FAULTY_WORKER, jobTimeoutMs: SHORT_TIMEOUT_MS });
  const answers: [number, CoverOutcome][] = [];
  try {
    await pool.run(jobs, (job, outcome) => answers.push([job.comicId, outcome]));
  } finally {
    await pool.close();
  }
  return answers.sort(([a], [b]) => a - b);
}

describe('cover pool', () => {
  it('fails the run, storing no outcome, when its worker cannot start (not every comic as a damaged cover)', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('the worker script is missing a module');\n");
    const pool = createCoverPool(settings, 2, undefined, { workerEntry: pathToFileURL(broken) });
    const outcomes: unknown[] = [];
    try {
      await expect(pool.run([job(1), job(2), job(3)], (_, outcome) => outcomes.push(outcome))).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringContaining('the cover worker failed to start: the worker script is missing a module'),
      });
    } finally {
      await pool.close();
    }
    expect(outcomes).toEqual([]);
  });

  it('fails the run when its worker never gets ready, instead of waiting forever or blaming a comic', async () => {
    const stuck = join(dir, 'stuck-worker.mjs');
    writeFileSync(stuck, 'for (;;);\n');
    const pool = createCoverPool(settings, 1, undefined, { workerEntry: pathToFileURL(stuck), startupTimeoutMs: 1_000 });
    const outcomes: unknown[] = [];
    try {
      await expect(pool.run([job(1), job(2)], (_, outcome) => outcomes.push(outcome))).rejects.toMatchObject({
        code: 'INTERNAL',
        message: 'the cover worker failed to start: it did not start within 1 s',
      });
    } finally {
      await pool.close();
    }
    expect(outcomes).toEqual([]);
  });

  it('answers each of 30 jobs once, with its own outcome, on two workers, when reads and decodes fail between good pages', async () => {
    const { kinds, jobs } = await mixedCoverJobs(dir, 30);
    const pool = createCoverPool(settings, 2);
    const answers: [number, CoverOutcome][] = [];
    try {
      await pool.run(jobs, (job, outcome) => answers.push([job.comicId, outcome]));
    } finally {
      await pool.close();
    }
    expect(answers.sort(([a], [b]) => a - b)).toEqual(kinds.map((kind, n) => [n, expectedCoverOutcome(n, kind)]));
  });

  it('fails only the comic a worker crashed on; the one queued behind it on that worker is made by the replacement', async () => {
    // A worker that answers in order, as the real one does, and dies on comic 1.
    const crashing = join(dir, 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      `import { parentPort } from 'node:worker_threads';
let chain = Promise.resolve();
parentPort.on('message', ({ id, job }) => {
  chain = chain.then(() => job.comicId === 1
    ? new Promise(() => setTimeout(() => process.exit(1), 100))
    : parentPort.postMessage({ type: 'result', id, outcome: { ok: true, path: 'ab/cover.webp', width: 40, height: 60 } }));
});
parentPort.postMessage({ type: 'ready' });
`,
    );
    const pool = createCoverPool(settings, 1, undefined, { workerEntry: pathToFileURL(crashing) });
    const answers: [number, CoverOutcome][] = [];
    try {
      await pool.run([job(1), job(2), job(3)], (job, outcome) => answers.push([job.comicId, outcome]));
    } finally {
      await pool.close();
    }
    expect(answers.sort(([a], [b]) => a - b)).toEqual([
      [1, { ok: false, reason: 'the cover worker crashed on this comic: its cover page is likely damaged' }],
      [2, expect.objectContaining({ ok: true })],
      [3, expect.objectContaining({ ok: true })],
    ]);
  });

  it.each([
    ['hangs reading the page ahead', 'HANG', 'reading the cover page took longer than 5 s (a hostile archive, or a stalled disk or network mount?)'],
    ['crashes reading the page ahead', 'CRASH', 'the cover worker crashed on this comic: its cover page is likely damaged'],
  ])('fails only the comic whose page a worker %s, not the one it was encoding; both others get their cover', async (_, fault, reason) => {
    // One worker: comic 2's page is read while comic 1's cover is encoded.
    expect(await runOnFaultyWorker(await jobsWithFault({ comicId: 2, marker: fault }))).toEqual([
      [1, expectedCoverOutcome(1, 'good')],
      [2, { ok: false, reason }],
      [3, expectedCoverOutcome(3, 'good')],
    ]);
  });

  it('fails the comic whose encode hangs, not the one whose page was read ahead meanwhile', async () => {
    expect(await runOnFaultyWorker(await jobsWithFault({ comicId: 1, marker: 'SPIN' }))).toEqual([
      [1, { ok: false, reason: 'making the cover took longer than 5 s (a hostile image?)' }],
      [2, expectedCoverOutcome(2, 'good')],
      [3, expectedCoverOutcome(3, 'good')],
    ]);
  });
});
