import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { countRows, useTempDatabase } from '../db/temp-database';
import { RowResolver, sortInIndexOrder } from '../../src/importer/queries/row-resolver';
import { tags, universes, volumes } from '../../src/schema';

const { openMigrated } = useTempDatabase();

const tagResolver = (client: Database, loading: 'preload' | 'lookup') =>
  new RowResolver(client, tags, tags.id, [tags.name], { attributes: [tags.identifierId], fillOnly: [true], loading });
const universeResolver = (client: Database) =>
  new RowResolver(client, universes, universes.id, [universes.name], { attributes: [universes.designation], loading: 'preload' });
const names = (client: Database) =>
  client.prepare('SELECT name FROM tags ORDER BY id').pluck().all();

describe('RowResolver request + flush', () => {
  it('inserts the new keys of a flush in the unique index order, whatever order they were requested in', () => {
    const { $client: client } = openMigrated();
    const resolver = tagResolver(client, 'preload');
    const rows = ['pear', 'apple', 'Zebra', 'fig'].map((name) => resolver.request([name]));
    resolver.flush();
    expect(names(client)).toEqual(['Zebra', 'apple', 'fig', 'pear']);
    expect(rows.map((row) => row.id)).toEqual([4, 2, 1, 3]);
  });

  it('gives every request of a key one row, and finds it again in a later flush', () => {
    const db = openMigrated();
    const client = db.$client;
    const resolver = tagResolver(client, 'preload');
    const [a, b] = [resolver.request(['x']), resolver.request(['x'])];
    resolver.flush();
    const again = resolver.request(['x']);
    resolver.flush();
    expect([a.id, b.id, again.id]).toEqual([1, 1, 1]);
    expect(countRows(db, 'tags')).toBe(1);
    expect(resolver.created).toBe(1);
  });

  it('finds rows stored before the import by their index in lookup mode, creating none', () => {
    const { $client: client } = openMigrated();
    client.prepare("INSERT INTO tags (id, name) VALUES (7, 'old')").run();
    const resolver = tagResolver(client, 'lookup');
    const row = resolver.request(['old']);
    resolver.flush();
    expect(row.id).toBe(7);
    expect(resolver.created).toBe(0);
  });

  it('lets the first request that states a fill-only attribute set it, and never calls a later one', () => {
    const { $client: client } = openMigrated();
    client.prepare("INSERT INTO identifiers (id, key) VALUES (5, 'a'), (6, 'b')").run();
    const resolver = tagResolver(client, 'preload');
    let laterCalls = 0;
    resolver.request(['t'], [undefined]);
    resolver.request(['t'], [() => 5]);
    resolver.request(['t'], [() => ++laterCalls + 5]);
    resolver.flush();
    expect(client.prepare("SELECT identifier_id FROM tags WHERE name = 't'").pluck().get()).toBe(5);
    expect(laterCalls).toBe(0);
  });

  it('lets the last request that states a last-writer attribute win, and keeps it when none states one', () => {
    const { $client: client } = openMigrated();
    const resolver = universeResolver(client);
    resolver.request(['U'], ['Earth-1']);
    resolver.request(['U'], ['Earth-2']);
    resolver.request(['U'], [undefined]);
    resolver.flush();
    resolver.request(['U'], [undefined]);
    resolver.flush();
    expect(client.prepare("SELECT designation FROM universes WHERE name = 'U'").pluck().get()).toBe('Earth-2');
  });

  const designation = (client: Database) => client.prepare("SELECT designation FROM universes WHERE name = 'U'").pluck().get();

  it('remembers an attribute a flush changed, so a later flush that changes it back is written', () => {
    const { $client: client } = openMigrated();
    const resolver = universeResolver(client);
    resolver.request(['U'], ['Earth-1']);
    resolver.request(['U'], ['Earth-2']);
    resolver.flush();
    resolver.request(['U'], ['Earth-1']);
    resolver.flush();
    expect(designation(client)).toBe('Earth-1');
  });

  it('remembers an attribute a resolve changed, so a later resolve that changes it back is written', () => {
    const { $client: client } = openMigrated();
    const resolver = universeResolver(client);
    for (const value of ['Earth-1', 'Earth-2', 'Earth-1']) resolver.resolve(['U'], [value]);
    expect(designation(client)).toBe('Earth-1');
  });

  it('remembers an attribute set back to NULL, so stating it again is written', () => {
    const { $client: client } = openMigrated();
    const resolver = universeResolver(client);
    resolver.resolve(['U'], ['Earth-1']);
    resolver.resolve(['U'], [() => null]);
    expect(designation(client)).toBeNull();
    resolver.resolve(['U'], ['Earth-1']);
    expect(designation(client)).toBe('Earth-1');
  });

  it('keeps a fill-only attribute across flushes once one states it', () => {
    const { $client: client } = openMigrated();
    client.prepare("INSERT INTO identifiers (id, key) VALUES (5, 'a'), (6, 'b')").run();
    const resolver = tagResolver(client, 'preload');
    for (const value of [undefined, 5, 6]) {
      resolver.request(['t'], [value]);
      resolver.flush();
    }
    expect(client.prepare("SELECT identifier_id FROM tags WHERE name = 't'").pluck().get()).toBe(5);
  });
});

describe('sortInIndexOrder', () => {
  it('sorts NULL-safe composite keys as their unique index does (a NULL number after every number)', () => {
    const keys = [
      [2, null, null],
      [1, null, null],
      [1, 10, null],
      [1, 2, 3],
      [1, 2, null],
    ];
    const pending = new Map(keys.map((key) => [key.join(','), { key }]));
    const sorted = sortInIndexOrder([volumes.seriesId, volumes.number, volumes.numberTo])([...pending.keys()], pending);
    expect(sorted).toEqual(['1,2,3', '1,2,', '1,10,', '1,,', '2,,']);
  });
});
