import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../db/temp-database';
import { batchStatements } from '../../src/importer/queries/batch-statements';
import { MAX_PARAMETERS, placeholders } from '../../src/importer/queries/sql-names';

const { open } = useTempDatabase();

describe('batchStatements', () => {
  it('runs every id, in full batches that share one statement and a shorter last batch with its own', () => {
    const { $client: client } = open();
    client.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const ids = Array.from({ length: 2 * MAX_PARAMETERS + 5 }, (_, index) => index + 1);
    const insert = client.prepare('INSERT INTO t (id) VALUES (?)');
    client.transaction(() => ids.forEach((id) => insert.run(id)))();

    const seen = [...batchStatements(client, ids, (count) => `DELETE FROM t WHERE id IN (${placeholders(count)})`)];
    const deleted = seen.reduce((sum, [statement, batch]) => sum + statement.run(...batch).changes, 0);

    expect(seen.map(([, batch]) => batch.length)).toEqual([MAX_PARAMETERS, MAX_PARAMETERS, 5]);
    expect(seen[1]![0]).toBe(seen[0]![0]);
    expect(seen[2]![0]).not.toBe(seen[0]![0]);
    expect(deleted).toBe(ids.length);
    expect(client.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('prepares nothing for no items', () => {
    const { $client: client } = open();
    expect([...batchStatements(client, [], () => 'not SQL at all')]).toEqual([]);
  });
});
