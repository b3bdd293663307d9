import { LongboxError } from '../errors';
import type { LongboxDb } from './open';

/** The transaction handle of drizzle's own `db.transaction` (with the full schema). */
export type LongboxTransaction = Parameters<Parameters<LongboxDb['transaction']>[0]>[0];

/**
 * Runs one import phase in a single `BEGIN IMMEDIATE` transaction on the connection of `db` (the
 * write lock is taken up front, so the phase never fails half-way on a lock upgrade). `fn` writes
 * through that connection: the raw client's prepared statements, or `db` itself. `fn` must be
 * synchronous: with better-sqlite3 an async callback commits at its first `await` and runs the
 * rest outside the transaction. An AsyncFunction is refused before anything runs; any other
 * function returning a thenable is rolled back.
 */
export function runPhase<T>(db: LongboxDb, name: string, fn: () => T): T {
  assertSynchronous(name, fn);
  return db.$client
    .transaction(() => {
      const result = fn();
      if (isThenable(result)) {
        // Nothing will await it: keep its eventual rejection from surfacing as unhandled.
        result.then(undefined, () => {});
        throw asyncPhaseError(name);
      }
      return result;
    })
    .immediate();
}

/** Refuses an AsyncFunction before anything runs (a wrapper must check what it wraps). */
export function assertSynchronous(name: string, fn: () => unknown): void {
  if (fn.constructor.name === 'AsyncFunction') throw asyncPhaseError(name);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function asyncPhaseError(name: string): LongboxError {
  return new LongboxError(
    'ASYNC_PHASE',
    `Phase "${name}" was given an async callback; a phase must be synchronous (do file I/O before the phase starts).`,
  );
}
