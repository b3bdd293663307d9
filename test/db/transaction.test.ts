import { describe, expect, it } from 'vitest';
import { LongboxError, publishers, runPhase } from 'longbox';
import { countRows, useTempDatabase } from './temp-database';

const { open, openMigrated } = useTempDatabase();

describe('runPhase', () => {
  it('commits the phase so another connection sees its rows, and returns its result', () => {
    const db = openMigrated();
    const result = runPhase(db, 'create', () => db.insert(publishers).values({ name: 'Marvel' }).returning().get());
    expect(result.name).toBe('Marvel');
    expect(countRows(open(), 'publishers')).toBe(1);
  });

  it('rolls the whole phase back when it throws, and rethrows', () => {
    const db = openMigrated();
    expect(() =>
      runPhase(db, 'create', () => {
        db.insert(publishers).values({ name: 'Marvel' }).run();
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(countRows(db, 'publishers')).toBe(0);
  });

  it('takes the write lock up front (BEGIN IMMEDIATE)', () => {
    const db = openMigrated();
    const other = open({ busyTimeoutMs: 0 });
    runPhase(db, 'lock', () => {
      expect(() => other.$client.exec('BEGIN IMMEDIATE')).toThrow(/database is locked/);
    });
  });

  it('refuses an async function before running it', () => {
    const db = openMigrated();
    let ran = false;
    const phase = async () => {
      ran = true;
    };
    expect(() => runPhase(db, 'link', phase)).toThrow(expect.objectContaining({ code: 'ASYNC_PHASE' }));
    expect(ran).toBe(false);
  });

  it('rolls back a function that returns a promise', () => {
    const db = openMigrated();
    const error = (() => {
      try {
        runPhase(db, 'link', () => {
          db.insert(publishers).values({ name: 'Marvel' }).run();
          return Promise.resolve();
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LongboxError);
    expect((error as LongboxError).code).toBe('ASYNC_PHASE');
    expect(countRows(db, 'publishers')).toBe(0);
  });
});
