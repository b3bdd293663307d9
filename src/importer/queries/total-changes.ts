import type { Database, Statement } from 'better-sqlite3';

/**
 * `SELECT total_changes()`: rows inserted, updated or deleted on this connection since it opened,
 * the ones a foreign key action deleted included (a statement's own `changes` leaves those out).
 */
export function prepareTotalChanges(client: Database): Statement<[], number> {
  return client.prepare<[], number>('SELECT total_changes()').pluck();
}
