import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type LongboxDb, openDatabase, withImportPragmas } from 'longbox';
import { insertRow, useTempDatabase } from './temp-database';

const { open, openMigrated, path } = useTempDatabase();

const pragma = (db: LongboxDb, name: string) => db.$client.pragma(name, { simple: true });

function scopeValues(db: LongboxDb) {
  return { cacheSize: pragma(db, 'cache_size'), walAutocheckpoint: pragma(db, 'wal_autocheckpoint'), mmapSize: pragma(db, 'mmap_size') };
}
const steady = { cacheSize: -64_000, walAutocheckpoint: 1000, mmapSize: 256 * 1024 * 1024 };
/** The import's WAL budget in 4 KiB pages: 256 MiB by default. */
const budgetPages = (mib: number) => (mib * 1024 * 1024) / 4096;

function writeComics(db: LongboxDb, count: number): void {
  insertRow(db, 'libraries', { path: '/library' });
  insertRow(db, 'folders', { library_id: 1, path: '', name: '', sort_name: '', mtime: 0, size: 0 });
  insertRow(db, 'publishers', { name: '' });
  insertRow(db, 'imprints', { publisher_id: 1, name: '' });
  insertRow(db, 'series', { imprint_id: 1, name: '' });
  insertRow(db, 'volumes', { series_id: 1 });
  const insert = db.$client.prepare(`
    INSERT INTO comics (library_id, folder_id, path, publisher_id, imprint_id, series_id, volume_id, file_type, size, mtime)
    VALUES (1, 1, ?, 1, 1, 1, 1, 'CBZ', ?, 0)`);
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`comic-${i}.cbz`, i);
  })();
}

describe('openDatabase', () => {
  it('applies the steady-state PRAGMAs of DESIGN.md section 2', () => {
    const db = open({ busyTimeoutMs: 1234 });
    expect({
      journalMode: pragma(db, 'journal_mode'),
      synchronous: pragma(db, 'synchronous'),
      foreignKeys: pragma(db, 'foreign_keys'),
      busyTimeout: pragma(db, 'busy_timeout'),
      tempStore: pragma(db, 'temp_store'),
      ...scopeValues(db),
    }).toEqual({
      journalMode: 'wal',
      synchronous: 1,
      foreignKeys: 1,
      busyTimeout: 1234,
      tempStore: 2,
      ...steady,
    });
  });
});

describe('withImportPragmas', () => {
  it('gives import PRAGMAs to a connection open before the scope and to one opened inside it', async () => {
    const before = openMigrated();
    let inside: LongboxDb | undefined;
    await withImportPragmas(
      before,
      () => {
        inside = open();
        expect(scopeValues(before)).toEqual({ cacheSize: -100_000, walAutocheckpoint: budgetPages(8), mmapSize: 256 * 1024 * 1024 });
        expect(scopeValues(inside)).toEqual({ cacheSize: -100_000, walAutocheckpoint: budgetPages(8), mmapSize: 256 * 1024 * 1024 });
      },
      { cacheSizeKiB: 100_000, walBudgetMiB: 8 },
    );
    expect(scopeValues(before)).toEqual(steady);
    expect(scopeValues(inside!)).toEqual(steady);
  });

  it('defaults the import cache to 128 MiB and the WAL budget to 256 MiB, keeps the 256 MiB memory map, and leaves connections to other files alone', async () => {
    const db = openMigrated();
    const other = open();
    const elsewhere = openDatabase(':memory:');
    try {
      await withImportPragmas(db, () => {
        expect(scopeValues(other)).toEqual({ cacheSize: -131_072, walAutocheckpoint: budgetPages(256), mmapSize: 256 * 1024 * 1024 });
        // An in-memory database has no file to map: only its cache and checkpoint are compared.
        expect(scopeValues(elsewhere)).toEqual({ ...steady, mmapSize: undefined });
      });
    } finally {
      elsewhere.$client.close();
    }
  });

  it('restores the steady state on every connection after a throw, and rethrows', async () => {
    const db = openMigrated({ busyTimeoutMs: 2500 });
    const reader = open({ readonly: true });
    await expect(
      withImportPragmas(db, async () => {
        await Promise.resolve();
        throw new Error('import failed');
      }),
    ).rejects.toThrow('import failed');
    expect(scopeValues(db)).toEqual(steady);
    expect(scopeValues(reader)).toEqual(steady);
    expect(pragma(db, 'busy_timeout')).toBe(2500);
    expect(pragma(reader, 'busy_timeout')).toBe(5000);
  });

  it('returns the value of async work', async () => {
    const db = openMigrated();
    await expect(withImportPragmas(db, async () => 42)).resolves.toBe(42);
  });

  it('stops applying the import PRAGMAs to connections opened after the scope', async () => {
    const db = openMigrated();
    await withImportPragmas(db, () => {});
    expect(scopeValues(open())).toEqual(steady);
  });

  it('ends cleanly when a connection is closed inside the scope', async () => {
    const db = openMigrated();
    const shortLived = open();
    await withImportPragmas(db, () => shortLived.$client.close());
    expect(scopeValues(db)).toEqual(steady);
  });

  it('keeps the import PRAGMAs until the last of two overlapping scopes ends', async () => {
    const db = openMigrated();
    let releaseFirst = () => {};
    const first = withImportPragmas(db, () => new Promise<void>((resolve) => (releaseFirst = resolve)));
    await withImportPragmas(db, () => {});
    expect(scopeValues(db).walAutocheckpoint).toBe(budgetPages(256));
    releaseFirst();
    await first;
    expect(scopeValues(db)).toEqual(steady);
  });

  it('throws the error of the scope with the failure of its end attached as the cause', async () => {
    const db = openMigrated();
    const failing = withImportPragmas(db, () => {
      // Left open, the transaction makes the closing checkpoint fail.
      db.$client.exec('BEGIN');
      insertRow(db, 'publishers', { name: 'inside' });
      throw new Error('the import failed');
    });
    const error = await failing.then(() => undefined, (caught: unknown) => caught as Error);
    expect(error?.message).toBe('the import failed');
    expect(error?.cause).toBeInstanceOf(Error);
    db.$client.exec('ROLLBACK');
  });

  it('leaves a 0-byte WAL and planner statistics for the tables written in the scope', async () => {
    const db = openMigrated();
    await withImportPragmas(db, () => writeComics(db, 2000));
    expect(statSync(`${path()}-wal`).size).toBe(0);
    const analyzed = db.$client.prepare('SELECT DISTINCT tbl FROM sqlite_stat1').pluck().all();
    expect(analyzed).toEqual(expect.arrayContaining(['comics', 'libraries', 'folders', 'volumes']));
  });

  it('does not wait for a reader that holds the WAL, and checkpoints once the reader is gone', async () => {
    const db = openMigrated();
    const reader = open();
    await withImportPragmas(
      db,
      () => {
        writeComics(db, 500);
        // The reader's snapshot includes frames in the WAL; later writes add frames after it.
        reader.$client.exec('BEGIN');
        reader.$client.prepare('SELECT count(*) FROM comics').get();
        insertRow(db, 'publishers', { name: 'after the reader' });
      },
      { checkpointTimeoutMs: 300 },
    );
    // The reader ends its snapshot only after the scope returned: a checkpoint that waited for it
    // would never return (the test would time out). A WAL left with frames shows it gave up.
    expect(statSync(`${path()}-wal`).size).toBeGreaterThan(0);
    reader.$client.exec('COMMIT');
    expect(db.$client.pragma('wal_checkpoint(TRUNCATE)')).toEqual([{ busy: 0, log: 0, checkpointed: 0 }]);
  });
});
