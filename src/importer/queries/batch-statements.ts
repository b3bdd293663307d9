import type { Database, Statement } from 'better-sqlite3';
import { batches, MAX_PARAMETERS } from './sql-names';

/**
 * Splits `items` into batches of at most MAX_PARAMETERS and pairs each with its statement,
 * `sqlFor(batch.length)` prepared once per length: every full batch shares one, only the last,
 * shorter one needs its own (preparing a statement of 30,000 placeholders is not free).
 */
export function* batchStatements<T>(client: Database, items: readonly T[], sqlFor: (count: number) => string): Generator<[Statement, T[]]> {
  const prepared = new Map<number, Statement>();
  for (const batch of batches(items, MAX_PARAMETERS)) {
    let statement = prepared.get(batch.length);
    if (!statement) prepared.set(batch.length, (statement = client.prepare(sqlFor(batch.length))));
    yield [statement, batch];
  }
}
