import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LongboxError } from '../../src/errors';
import { createReadPool, readComic, type ReadOutcome } from '../../src/read';
import { createPoolOn } from '../../src/read/pool';
import { pathBatches } from '../../src/read/path-batches';
import { writeCb7 } from '../../tools/archive-writers';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { useTempDir } from '../support/temp-dir';
import { buildZip } from '../support/zip-writer';

const dir = useTempDir();
const FAULTY_WORKER = new URL('./fixtures/faulty-worker-entry.mjs', import.meta.url);

function writeComics(count: number, prefix = 'Series'): string[] {
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `${prefix} ${i % 37} #${i}.cbz`);
    const comicInfo = `<ComicInfo><Series>${prefix} ${i % 37}</Series><Number>${i}</Number><Title>Issue ${i}</Title></ComicInfo>`;
    writeFileSync(path, buildZip([{ name: '01.jpg', data: Buffer.from([i & 0xff]) }, { name: 'ComicInfo.xml', data: Buffer.from(comicInfo), method: 'deflate' }]));
    return path;
  });
}

async function collect(outcomes: AsyncIterable<ReadOutcome>): Promise<ReadOutcome[]> {
  const all: ReadOutcome[] = [];
  for await (const outcome of outcomes) all.push(outcome);
  return all.sort((a, b) => a.path.localeCompare(b.path));
}

/** The first `count` outcomes, then stops reading (the rest of the input may never be answered). */
async function firstOutcomes(outcomes: AsyncIterable<ReadOutcome>, count: number): Promise<ReadOutcome[]> {
  const taken: ReadOutcome[] = [];
  for await (const outcome of outcomes) if (taken.push(outcome) === count) break;
  return taken;
}

describe('the read pool', () => {
  let paths: string[];
  beforeAll(() => {
    paths = writeComics(1000);
  });

  it('reads 1,000 generated CBZs with the same results as reading them one by one', async () => {
    const expected: ReadOutcome[] = [];
    for (const path of paths) expected.push(await readComic(path));
    const pool = createReadPool({ workers: 2 });
    const actual = await collect(pool.read(paths));
    await pool.close();
    expect(actual).toEqual(expected.sort((a, b) => a.path.localeCompare(b.path)));
    expect(actual.every((outcome) => outcome.ok)).toBe(true);
  });

  it('reads PDF and 7z files, batched apart, with the same results as reading them one by one', { tags: CORPUS_TAG }, async () => {
    const heavy = ['komga/komga.pdf', 'komga/7zip.7z', 'comicbox/Captain Science #001.cb7', 'comicbox/test_cix.pdf', 'comicbox/test_pdf.pdf'].map(corpusPath);
    const mixed = [...paths.slice(0, 40), ...heavy, ...paths.slice(40, 80), ...heavy];
    const expected: ReadOutcome[] = [];
    for (const path of mixed) expected.push(await readComic(path));
    const pool = createReadPool({ workers: 2, batchSize: 4 });
    const actual = await collect(pool.read(mixed));
    await pool.close();
    expect(actual).toEqual(expected.sort((a, b) => a.path.localeCompare(b.path)));
  });

  it('takes an async iterable of paths and reads again after a first list', async () => {
    const pool = createReadPool({ workers: 2 });
    async function* slowly() {
      for (const path of paths.slice(0, 50)) {
        await new Promise((resolve) => setImmediate(resolve));
        yield path;
      }
    }
    expect(await collect(pool.read(slowly()))).toHaveLength(50);
    expect(await collect(pool.read(paths.slice(50, 60)))).toHaveLength(10);
    await pool.close();
  });

  it('pulls paths only as fast as results are consumed', async () => {
    const pool = createReadPool({ workers: 2, batchSize: 4 });
    let pulled = 0;
    function* counted() {
      for (;;) {
        pulled++;
        yield paths[pulled % paths.length]!;
      }
    }
    let consumed = 0;
    for await (const _ of pool.read(counted())) {
      if (++consumed === 200) break;
      // A slow consumer: workers finish long before it asks for more.
      if (consumed % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await pool.close();
    // At most: waiting results + two batches in flight per worker + the batch being pulled.
    expect(pulled - consumed).toBeLessThanOrEqual(2 * 2 * 4 + 2 * 2 * 4 + 4);
  });

  it('stops promptly on abort and throws ABORTED', async () => {
    const controller = new AbortController();
    const pool = createReadPool({ workers: 2, signal: controller.signal });
    let seen = 0;
    const reading = (async () => {
      for await (const _ of pool.read(paths)) if (++seen === 20) controller.abort();
    })();
    await expect(reading).rejects.toSatisfy((error: LongboxError) => error instanceof LongboxError && error.code === 'ABORTED');
    expect(seen).toBeLessThan(paths.length);
    await pool.close();
  });

  it('refuses to start when the signal is already aborted', async () => {
    const pool = createReadPool({ signal: AbortSignal.abort() });
    await expect(collect(pool.read(paths))).rejects.toThrow('reading stopped: the import was aborted');
  });

  it('fails only the file that crashes its worker, and goes on with a new one', async () => {
    const crash = join(dir, 'CRASH #1.cbz');
    writeFileSync(crash, 'not even read');
    const pool = createPoolOn(FAULTY_WORKER, { workers: 2, batchSize: 8, readOnCallingThread: false });
    const outcomes = await collect(pool.read([...paths.slice(0, 30), crash, ...paths.slice(30, 60)]));
    await pool.close();
    expect(outcomes).toHaveLength(61);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, path: crash, reason: 'reader crashed on this file twice (its worker thread died): the file is likely damaged' }]);
  });

  it("fails a file whose reading outgrows the reader's memory cap, and goes on with a new reader", async () => {
    const hog = join(dir, 'HOG #1.cbz');
    writeFileSync(hog, 'not even read');
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 8, readOnCallingThread: false });
    const outcomes = await collect(pool.read([...paths.slice(0, 10), hog, ...paths.slice(10, 20)]));
    await pool.close();
    expect(outcomes).toHaveLength(21);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, path: hog, reason: "reading this file took more than the reader's 256 MiB of memory, twice: the file is likely damaged or built to exhaust memory" },
    ]);
  });

  it('reads a file alone in its batch whose worker crashed once, on a new worker', async () => {
    const once = join(dir, 'ONCE #1.cbz');
    writeFileSync(once, readFileSync(paths[0]!));
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 1, readOnCallingThread: false });
    const outcomes = await collect(pool.read([once]));
    await pool.close();
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true]);
  });

  it.each([
    ['blocks its worker in a synchronous loop', 'HANG'],
    ['leaves its read pending forever', 'STALL'],
  ])('fails a file that %s after the per-file timeout, and reads the rest of its batch', async (_label, fault) => {
    const stuck = join(dir, `${fault} #1.cbz`);
    writeFileSync(stuck, 'never answered');
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 8, fileTimeoutMs: 300, readOnCallingThread: false });
    const outcomes = await collect(pool.read([...paths.slice(0, 3), stuck, ...paths.slice(3, 20)]));
    await pool.close();
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([{ ok: false, path: stuck, reason: 'reader timed out after 0.3 s' }]);
    expect(outcomes).toHaveLength(21);
  });

  it('times each file, not the batch: slow files whose sum passes the timeout all read', async () => {
    // Each SLOW file takes a tenth of the timeout; twelve of them in one batch take more than it.
    const slow = Array.from({ length: 12 }, (_, i) => join(dir, `SLOW #${i}.cbz`));
    slow.forEach((path, i) => writeFileSync(path, readFileSync(paths[i]!)));
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 16, fileTimeoutMs: 1000, readOnCallingThread: false });
    const outcomes = await collect(pool.read(slow));
    await pool.close();
    expect(outcomes.map((outcome) => outcome.ok)).toEqual(slow.map(() => true));
  });

  it('reads CBZs on the calling thread while its worker is busy', async () => {
    // The worker is stuck on the first file (and holds the second); the calling thread reads the rest.
    const stall = join(dir, 'STALL #2.cbr');
    writeFileSync(stall, 'never answered');
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 1, fileTimeoutMs: 60_000 });
    const outcomes = await firstOutcomes(pool.read([stall, ...paths.slice(0, 200)]), 199);
    await pool.close();
    expect(outcomes.map((outcome) => outcome.path).sort()).toEqual(paths.slice(1, 200).sort());
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('reads CBZs on the calling thread while the worker that holds the PDFs is busy, past a batch of PDFs waiting', async () => {
    // The worker is stuck on the first PDF and holds 63 more; 36 wait in the heavy lane, then the CBZs.
    const pdfs = Array.from({ length: 100 }, (_, i) => join(dir, `${i === 0 ? 'STALL' : 'Waiting'} #${i}.pdf`));
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 1, readAhead: 64, fileTimeoutMs: 60_000 });
    const outcomes = await firstOutcomes(pool.read([...pdfs, ...paths.slice(0, 50)]), 50);
    await pool.close();
    expect(outcomes.map((outcome) => outcome.path).sort()).toEqual(paths.slice(0, 50).sort());
  });

  it('takes back the CBZs a busy worker holds queued, once it has no other file to read', async () => {
    // The worker is stuck on the first file of its first batch and holds a second batch; the
    // calling thread reads the input's other CBZs, then the second batch's.
    const stall = join(dir, 'STALL #3.cbr');
    writeFileSync(stall, 'never answered');
    const pool = createPoolOn(FAULTY_WORKER, { workers: 1, batchSize: 4, fileTimeoutMs: 60_000 });
    const outcomes = await firstOutcomes(pool.read([stall, ...paths.slice(0, 40)]), 37);
    await pool.close();
    expect(outcomes.map((outcome) => outcome.path).sort()).toEqual(paths.slice(3, 40).sort());
  });

  it('reads a short list of CBZs without starting a worker', async () => {
    // A worker here could not start: the read would throw 'read worker failed to start'.
    const pool = createPoolOn(new URL('./fixtures/no-such-worker.mjs', import.meta.url), { workers: 2 });
    const outcomes = await collect(pool.read(paths.slice(0, 64)));
    await pool.close();
    expect(outcomes).toHaveLength(64);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('reads a list of up to 16 files of any format without starting a worker', async () => {
    const pool = createPoolOn(new URL('./fixtures/no-such-worker.mjs', import.meta.url), { workers: 1 });
    const sevenZip = join(dir, 'tiny-list.cb7');
    await writeCb7(sevenZip, [{ name: 'ComicInfo.xml', data: '<ComicInfo><Series>Seven</Series></ComicInfo>' }]);
    const outcomes = await collect(pool.read([...paths.slice(0, 15), sevenZip]));
    await pool.close();
    expect(outcomes).toHaveLength(16);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
  });

  it('starts a worker for a list of more than 16 files that holds other formats', async () => {
    const pool = createPoolOn(new URL('./fixtures/no-such-worker.mjs', import.meta.url), { workers: 1 });
    const cbr = join(dir, 'other-format.cbr');
    writeFileSync(cbr, 'Rar!');
    await expect(collect(pool.read([...paths.slice(0, 16), cbr]))).rejects.toThrow('read worker failed to start');
    await pool.close();
  });

  // A child process that starts tsx and worker threads: slow on a busy machine, hence the timeout.
  it('runs its TypeScript workers under plain tsx too, outside vitest', { timeout: 300_000 }, async () => {
    const script = fileURLToPath(new URL('./fixtures/read-with-pool.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
    const [plain, locked] = [join(dir, 'tsx-plain.cbz'), join(dir, 'tsx-locked.cbz')];
    writeFileSync(plain, buildZip([{ name: 'ComicInfo.xml', data: Buffer.from('<ComicInfo><Series>Tsx</Series></ComicInfo>') }]));
    writeFileSync(locked, buildZip([{ name: 'ComicInfo.xml', data: Buffer.from('<ComicInfo/>'), encrypted: true }]));
    const sevenZip = join(dir, 'tsx-seven.cb7');
    await writeCb7(sevenZip, [{ name: 'ComicInfo.xml', data: '<ComicInfo><Series>Seven</Series></ComicInfo>' }]);
    const files = [plain, locked, sevenZip];
    const output = execFileSync(tsx, [script, ...files], { encoding: 'utf8' });
    const results = (JSON.parse(output) as Array<{ path: string; ok: boolean }>).sort((a, b) => a.path.localeCompare(b.path));
    expect(results).toEqual([
      { path: locked, ok: false },
      { path: plain, ok: true },
      { path: sevenZip, ok: true },
    ]);
  });
});

describe('pathBatches', () => {
  const all = async (paths: string[], size: number) => {
    const batches = pathBatches(paths, size);
    const out: Array<{ paths: string[]; heavy: boolean }> = [];
    for (let batch = await batches.next(); batch; batch = await batches.next()) out.push(batch);
    return out;
  };

  it('batches PDF and 7z files apart from the rest, each lane full before it goes', async () => {
    const paths = ['a.cbz', 'b.pdf', 'c.cbr', 'd.CB7', 'e.cbz', 'f.7z', 'g.cbt', 'h.cbz'];
    expect(await all(paths, 2)).toEqual([
      { paths: ['a.cbz', 'c.cbr'], heavy: false },
      { paths: ['b.pdf', 'd.CB7'], heavy: true },
      { paths: ['e.cbz', 'g.cbt'], heavy: false },
      { paths: ['h.cbz'], heavy: false },
      { paths: ['f.7z'], heavy: true },
    ]);
  });

  it('lets the calling thread take a light path past a full heavy lane, up to the heavy paths it allows', async () => {
    const paths = ['a.pdf', 'b.pdf', 'c.pdf', 'd.cbz'];
    expect(await pathBatches(paths, 2).nextLight(/\.cbz$/)).toBeUndefined();
    expect(await pathBatches(paths, 2).nextLight(/\.cbz$/, 3)).toBeUndefined();
    const batches = pathBatches(paths, 2);
    expect(await batches.nextLight(/\.cbz$/, 4)).toBe('d.cbz');
    expect(await batches.next()).toEqual({ paths: ['a.pdf', 'b.pdf'], heavy: true });
    expect(await batches.next()).toEqual({ paths: ['c.pdf'], heavy: true });
  });

  it('pulls no more than a batch per lane ahead', async () => {
    let pulled = 0;
    function* counted() {
      for (;;) yield `${pulled++ % 10 === 0 ? 'x.pdf' : 'x.cbz'}`;
    }
    const batches = pathBatches(counted(), 4);
    for (let i = 0; i < 20; i++) await batches.next();
    // 20 batches handed out, at most one partial batch per lane held back.
    expect(pulled).toBeLessThanOrEqual(20 * 4 + 2 * 3);
  });
});
