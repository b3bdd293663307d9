import type { Database } from 'better-sqlite3';
import { comics } from '../../schema';
import { batchStatements } from '../queries/batch-statements';
import { placeholders, tableName } from '../queries/sql-names';

/**
 * Phase "delete": removes comics by id. Their join rows go by cascade and their comics_fts row
 * by trigger; reference rows they leave unused go in the cleanup phase.
 */
export function deleteComics(client: Database, ids: readonly number[]): number {
  let deleted = 0;
  for (const [statement, batch] of batchStatements(client, ids, (count) => `DELETE FROM ${tableName(comics)} WHERE id IN (${placeholders(count)})`)) {
    deleted += statement.run(...batch).changes;
  }
  return deleted;
}
