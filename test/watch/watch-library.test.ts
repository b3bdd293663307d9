import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type LongboxDb, openDatabase } from '../../src/db';
import { LongboxError } from '../../src/errors';
import { acquireImportLock } from '../../src/importer/import-lock';
import { type LibraryWatcher, type WatchBatch, type WatchOptions, watchLibrary } from '../../src/watch/watch-library';
import { tempDir, testLibrary, writeComic } from '../support/library';
import { waitFor } from './wait-for';

const running: LibraryWatcher[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((watcher) => watcher.stop()));
});

/** A library folder, a watcher on it (fast batches, no periodic scan unless asked) and a second connection to poll. */
function watchedLibrary(options: WatchOptions = {}) {
  const lib = testLibrary();
  const batches: WatchBatch[] = [];
  const errors: unknown[] = [];
  const start = (target: LongboxDb | string = lib.dbPath) => {
    const watcher = watchLibrary(target, lib.root, {
      quietMs: 100,
      maxWaitMs: 1000,
      fullScanIntervalMs: 0,
      importOptions: { workers: 1 },
      onImport: (batch) => batches.push(batch),
      onError: (error) => errors.push(error),
      ...options,
    });
    running.push(watcher);
    return watcher;
  };
  let db: LongboxDb | undefined;
  const query = <T>(sql: string, ...params: unknown[]) => {
    db ??= lib.open();
    return db.$client.prepare(sql).get(...params) as T | undefined;
  };
  const comic = (path: string) => query<{ id: number; name: string | null; folder: string }>(
    'SELECT c.id, c.name, f.path folder FROM comics c JOIN folders f ON f.id = c.folder_id WHERE c.path = ?', path);
  const comicCount = () => query<{ n: number }>('SELECT count(*) n FROM comics')!.n;
  return { ...lib, batches, errors, start, query, comic, comicCount };
}

describe('watchLibrary', () => {
  it('imports the whole library at start, then resolves ready', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'Marvel/X-Men/1.cbz', { Title: 'Genesis' });
    writeComic(lib.root, 'loose.cbz', null);
    await lib.start().ready;
    expect(lib.comic('Marvel/X-Men/1.cbz')).toMatchObject({ name: 'Genesis', folder: 'Marvel/X-Men' });
    expect(lib.comicCount()).toBe(2);
    expect(lib.batches.map((batch) => [batch.reason, batch.paths])).toEqual([['start', undefined]]);
  });

  it('imports a comic added while watching, with only its path', async () => {
    const lib = watchedLibrary();
    await lib.start().ready;
    writeComic(lib.root, 'DC/Batman/1.cbz', { Title: 'Year One', Series: 'Batman' });
    await waitFor(() => lib.comic('DC/Batman/1.cbz'), 'the new comic in the database');
    expect(lib.comic('DC/Batman/1.cbz')).toMatchObject({ name: 'Year One', folder: 'DC/Batman' });
    expect(lib.batches.filter((batch) => batch.reason === 'events').every((batch) => batch.paths?.every((path) => path.startsWith('DC')))).toBe(true);
  });

  it('updates a comic rewritten with new metadata and keeps its id', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'a/1.cbz', { Title: 'Before' }, { mtime: new Date('2020-01-01') });
    await lib.start().ready;
    const before = lib.comic('a/1.cbz')!;
    writeComic(lib.root, 'a/1.cbz', { Title: 'After' }, { mtime: new Date('2024-01-01') });
    await waitFor(() => lib.comic('a/1.cbz')?.name === 'After', 'the new title');
    expect(lib.comic('a/1.cbz')!.id).toBe(before.id);
  });

  it('updates a comic replaced by an atomic save (a temporary file renamed over it) and keeps its id', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'a/1.cbz', { Title: 'Before' });
    await lib.start().ready;
    const before = lib.comic('a/1.cbz')!;
    writeComic(lib.root, 'a/.1.cbz.tmp', { Title: 'Saved' });
    renameSync(join(lib.root, 'a/.1.cbz.tmp'), join(lib.root, 'a/1.cbz'));
    await waitFor(() => lib.comic('a/1.cbz')?.name === 'Saved', 'the saved title');
    expect(lib.comic('a/1.cbz')!.id).toBe(before.id);
    expect(lib.comicCount()).toBe(1);
  });

  it('imports a file that was caught half-written once it is complete', async () => {
    const lib = watchedLibrary();
    await lib.start().ready;
    const file = writeComic(lib.root, 'slow.cbz', { Title: 'Complete' }, { mtime: new Date('2024-01-01') });
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    const failed = () => lib.query<{ n: number }>('SELECT count(*) n FROM failed_imports')!.n;
    await waitFor(() => failed() === 1, 'the half-written file recorded as failed');
    writeFileSync(file, bytes);
    await waitFor(() => lib.comic('slow.cbz')?.name === 'Complete', 'the complete comic');
    expect(failed()).toBe(0);
  });

  it('keeps the comic id when a file is renamed or moved to another folder', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'a/old name.cbz', { Title: 'Kept' });
    await lib.start().ready;
    const { id } = lib.comic('a/old name.cbz')!;
    renameSync(join(lib.root, 'a/old name.cbz'), join(lib.root, 'a/new name.cbz'));
    await waitFor(() => lib.comic('a/new name.cbz'), 'the renamed comic');
    expect(lib.comic('a/new name.cbz')!.id).toBe(id);
    mkdirSync(join(lib.root, 'b'));
    renameSync(join(lib.root, 'a/new name.cbz'), join(lib.root, 'b/moved.cbz'));
    await waitFor(() => lib.comic('b/moved.cbz'), 'the moved comic');
    expect(lib.comic('b/moved.cbz')).toMatchObject({ id, folder: 'b' });
    expect(lib.comicCount()).toBe(1);
  });

  it('keeps the comic ids when a whole folder is renamed', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'Series (2019)/1.cbz', { Title: 'One' });
    writeComic(lib.root, 'Series (2019)/2.cbz', { Title: 'Two' });
    await lib.start().ready;
    const ids = [lib.comic('Series (2019)/1.cbz')!.id, lib.comic('Series (2019)/2.cbz')!.id];
    renameSync(join(lib.root, 'Series (2019)'), join(lib.root, 'Series (2020)'));
    await waitFor(() => lib.comic('Series (2020)/2.cbz') && lib.comic('Series (2020)/1.cbz'), 'the comics under the new folder name');
    expect([lib.comic('Series (2020)/1.cbz')!.id, lib.comic('Series (2020)/2.cbz')!.id]).toEqual(ids);
    expect(lib.comicCount()).toBe(2);
  });

  it('deletes a comic whose file is deleted', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'keep.cbz', null);
    writeComic(lib.root, 'Old/gone.cbz', null);
    await lib.start().ready;
    rmSync(join(lib.root, 'Old'), { recursive: true });
    await waitFor(() => lib.comicCount() === 1, 'one comic left');
    expect(lib.comic('keep.cbz')).toBeDefined();
  });

  it('lands a burst of 50 files in a few imports, not 50', async () => {
    // A long quiet period: only a pause of over 1.5 s between two writes (a very busy machine)
    // may split the burst, and no maximum wait cuts it while it is being written.
    const lib = watchedLibrary({ quietMs: 1500, maxWaitMs: 60_000 });
    await lib.start().ready;
    for (let index = 0; index < 50; index++) writeComic(lib.root, `Burst/${String(index).padStart(2, '0')}.cbz`, { Title: `#${index}` });
    const imports = () => lib.batches.filter((batch) => batch.reason === 'events');
    await waitFor(() => imports().reduce((sum, batch) => sum + batch.report.comics.created, 0) === 50, 'reports of all 50 comics created');
    expect(lib.comicCount()).toBe(50);
    expect(imports().length).toBeLessThanOrEqual(5);
  });

  it('runs the full scan on schedule and picks up changes no batch brought', async () => {
    // Batches that never come due stand for events the OS dropped.
    const lib = watchedLibrary({ quietMs: 60_000, maxWaitMs: 60_000, fullScanIntervalMs: 200 });
    await lib.start().ready;
    writeComic(lib.root, 'missed.cbz', null);
    await waitFor(() => lib.comic('missed.cbz'), 'the comic from a scheduled full scan');
    await waitFor(() => lib.batches.filter((batch) => batch.reason === 'schedule').length >= 2, 'a second scheduled scan');
    expect(lib.batches.every((batch) => batch.paths === undefined)).toBe(true);
  });

  it('reports a batch that fails through onError, deletes nothing, and goes on watching', async () => {
    const lib = watchedLibrary({ fullScanIntervalMs: 300 });
    writeComic(lib.root, 'a/1.cbz', null);
    await lib.start().ready;
    const away = `${lib.root}-unmounted`;
    renameSync(lib.root, away);
    await waitFor(() => lib.errors.some((error) => error instanceof LongboxError && error.code === 'ROOT_UNAVAILABLE'), 'a root unavailable error');
    expect(lib.comicCount()).toBe(1);
    renameSync(away, lib.root);
    writeComic(lib.root, 'a/2.cbz', null);
    await waitFor(() => lib.comicCount() === 2, 'the library back after the root returned');
    // Once the scheduled scan has watched the returned root again, events flow as before.
    const scans = lib.batches.filter((batch) => batch.reason === 'schedule').length;
    await waitFor(() => lib.batches.filter((batch) => batch.reason === 'schedule').length > scans, 'a scan after the root returned');
    writeComic(lib.root, 'a/3.cbz', null);
    await waitFor(() => lib.batches.some((batch) => batch.reason === 'events' && batch.paths?.includes('a/3.cbz')), 'an event batch for a/3.cbz');
  });

  it('imports the paths of a batch that failed on a locked database again with the next batch', async () => {
    const lib = watchedLibrary();
    const impatient = openDatabase(lib.dbPath, { busyTimeoutMs: 50 });
    try {
      const watcher = lib.start(impatient);
      await watcher.ready;
      const blocker = lib.open();
      blocker.$client.exec('BEGIN EXCLUSIVE');
      writeComic(lib.root, 'while-locked.cbz', null);
      await waitFor(() => lib.errors.length > 0, 'the failed batch reported');
      blocker.$client.exec('COMMIT');
      writeComic(lib.root, 'after-unlock.cbz', null);
      const retried = await waitFor(() => lib.batches.find((batch) => batch.paths?.includes('while-locked.cbz')), 'the retried batch');
      expect(retried.paths).toEqual(['after-unlock.cbz', 'while-locked.cbz']);
      expect(lib.comic('while-locked.cbz')).toBeDefined();
      expect(lib.comic('after-unlock.cbz')).toBeDefined();
      await watcher.stop();
    } finally {
      impatient.$client.close();
    }
  });

  it('runs an initial import that failed (another import held the lock) again with the next batch', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'before.cbz', null);
    const release = acquireImportLock(lib.dbPath);
    const watcher = lib.start();
    await watcher.ready;
    expect(lib.errors).toEqual([expect.objectContaining({ code: 'BUSY' })]);
    release();
    writeComic(lib.root, 'later.cbz', null);
    await waitFor(() => lib.batches.length > 0, 'an import after the lock was released');
    expect(lib.comic('later.cbz')).toBeDefined();
    // With no periodic scan, nothing else would ever import what was there before the watch began.
    expect(lib.comic('before.cbz')).toBeDefined();
    expect(lib.batches.map((batch) => batch.reason)).toEqual(['start']);
  });

  it('runs a scheduled full scan that failed again with the next batch, and so imports the paths it had taken over', async () => {
    const lib = watchedLibrary({ fullScanIntervalMs: 1500 });
    await lib.start().ready;
    const release = acquireImportLock(lib.dbPath);
    writeComic(lib.root, 'while-locked.cbz', null);
    await waitFor(() => lib.errors.length >= 1, 'the failed batch');
    // The scheduled scan takes over the failed batch's path (it walks everything), and fails too.
    await waitFor(() => lib.errors.length >= 2, 'the failed scheduled scan');
    release();
    writeComic(lib.root, 'after-unlock.cbz', null);
    await waitFor(() => lib.comic('after-unlock.cbz'), 'the next batch imported');
    expect(lib.comic('while-locked.cbz')).toBeDefined();
  });

  it('stops promptly during the initial import and imports nothing afterwards', async () => {
    const lib = watchedLibrary({ maxWaitMs: 300 });
    for (let index = 0; index < 100; index++) writeComic(lib.root, `big/${index}.cbz`, null);
    const watcher = lib.start();
    await watcher.stop();
    await watcher.ready;
    await watcher.stopped;
    expect(lib.errors).toEqual([]);
    // An initial import that ran to its end would have been reported: it was cut short.
    expect(lib.batches).toEqual([]);
    // A second watcher on the same folder, with the same timings, is the clock: once it has
    // imported a new comic, a watcher still running would have imported it too.
    const witnessed: WatchBatch[] = [];
    const witness = watchLibrary(join(lib.root, '..', 'witness.sqlite'), lib.root, {
      quietMs: 100, maxWaitMs: 300, fullScanIntervalMs: 0, importOptions: { workers: 1 }, onImport: (batch) => witnessed.push(batch),
    });
    running.push(witness);
    await witness.ready;
    writeComic(lib.root, 'after-stop.cbz', null);
    await waitFor(() => witnessed.some((batch) => batch.paths?.includes('after-stop.cbz')), 'the witness watcher importing the new comic');
    expect(lib.batches).toEqual([]);
  });

  it('stops when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const lib = watchedLibrary({ signal: controller.signal });
    const watcher = lib.start();
    await watcher.ready;
    controller.abort();
    await watcher.stopped;
    expect(lib.batches.map((batch) => batch.reason)).toEqual(['start']);
  });

  it('imports nothing when its AbortSignal has already fired', async () => {
    const lib = watchedLibrary({ signal: AbortSignal.abort() });
    writeComic(lib.root, '1.cbz', null);
    const watcher = lib.start();
    await watcher.stopped;
    await watcher.ready;
    expect(lib.batches).toEqual([]);
  });

  it('drops the comics of a watched folder replaced by a link to a folder, which an import does not follow', async () => {
    const lib = watchedLibrary();
    writeComic(lib.root, 'DC/1.cbz', null);
    await lib.start().ready;
    expect(lib.comic('DC/1.cbz')).toBeDefined();
    const elsewhere = join(tempDir(), 'DC');
    // Both in one tick: by the time the rename's event is handled, a link stands at the path.
    renameSync(join(lib.root, 'DC'), elsewhere);
    symlinkSync(elsewhere, join(lib.root, 'DC'));
    await waitFor(() => lib.comic('DC/1.cbz') === undefined, `DC/1.cbz removed (${JSON.stringify(lib.batches.map((b) => [b.reason, b.paths, b.report.comics]))} ${lib.errors})`);
    expect(lib.batches.at(-1)?.paths).toEqual(['DC']);
  });

  it('refuses at once a full-scan interval longer than a timer can wait, and out-of-range import options', () => {
    // Node runs a longer timeout after 1 ms: full scans would run back to back.
    expect(() => watchedLibrary({ fullScanIntervalMs: 2 ** 31 }).start()).toThrow(
      expect.objectContaining({ code: 'USAGE', message: 'invalid watch options: fullScanIntervalMs: Too big: expected number to be <=2147483647' }),
    );
    expect(() => watchedLibrary({ importOptions: { workers: 300 } }).start()).toThrow(
      expect.objectContaining({ code: 'USAGE', message: 'invalid import options: workers: Too big: expected number to be <=256' }),
    );
  });

  it('throws at once when the root is not a folder', () => {
    const lib = watchedLibrary({ fullScanIntervalMs: 0 });
    rmSync(lib.root, { recursive: true });
    expect(() => lib.start()).toThrow(/library root unavailable: .* \(not found\); nothing to watch/);
  });
});
