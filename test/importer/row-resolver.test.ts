import { describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { countRows, useTempDatabase } from '../db/temp-database';
import { RowResolver, sortInIndexOrder } from '../../src/importer/queries/row-resolver';
import { tags, universes, volumes } from '../../src/schema';

const { openMigrated } = useTempDatabase();

const tagResolver = (client: Database, memoryKeys?: number) =>
  new RowResolver(client, tags, tags.id, [tags.name], { attributes: [tags.identifierId], fillOnly: [true], memoryKeys });
const universeResolver = (client: Database, memoryKeys?: number) =>
  new RowResolver(client, universes, universes.id, [universes.name], { attributes: [universes.designation], memoryKeys });
const designation = (client: Database) => client.prepare("SELECT designation FROM universes WHERE name = 'U'").pluck().get();
const names = (client: Database) =>
  client.prepare('SELECT name FROM tags ORDER BY id').pluck().all();

/** Series 1, for volumes to belong to. */
const addSeries = (client: Database) => {
  client.prepare("INSERT INTO publishers (id, name) VALUES (1, 'P')").run();
  client.prepare("INSERT INTO imprints (id, publisher_id, name) VALUES (1, 1, '')").run();
  client.prepare("INSERT INTO series (id, imprint_id, name) VALUES (1, 1, 'S')").run();
};
const volumeResolver = (client: Database, memoryKeys?: number) =>
  new RowResolver(client, volumes, volumes.id, [volumes.seriesId, volumes.number, volumes.numberTo], { memoryKeys });
/** A volume key JSON cannot carry: searched for by binding it, never in a flush's one statement. */
const infinite = [1, Number.POSITIVE_INFINITY, null];

describe('RowResolver request + flush', () => {
  it('inserts the new keys of a flush in the unique index order, whatever order they were requested in', () => {
    const { $client: client } = openMigrated();
    const resolver = tagResolver(client);
    const rows = ['pear', 'apple', 'Zebra', 'fig'].map((name) => resolver.request([name]));
    resolver.flush();
    expect(names(client)).toEqual(['Zebra', 'apple', 'fig', 'pear']);
    expect(rows.map((row) => row.id)).toEqual([4, 2, 1, 3]);
  });

  it('gives every request of a key one row, and finds it again in a later flush', () => {
    const db = openMigrated();
    const client = db.$client;
    const resolver = tagResolver(client);
    const [a, b] = [resolver.request(['x']), resolver.request(['x'])];
    resolver.flush();
    const again = resolver.request(['x']);
    resolver.flush();
    expect([a.id, b.id, again.id]).toEqual([1, 1, 1]);
    expect(countRows(db, 'tags')).toBe(1);
    expect(resolver.created).toBe(1);
  });

  it('finds rows stored before the import by their index, creating none', () => {
    const { $client: client } = openMigrated();
    client.prepare("INSERT INTO tags (id, name) VALUES (7, 'old')").run();
    const resolver = tagResolver(client);
    const row = resolver.request(['old']);
    resolver.flush();
    expect(row.id).toBe(7);
    expect(resolver.created).toBe(0);
  });

  it('lets the first request that states a fill-only attribute set it, and never calls a later one', () => {
    const { $client: client } = openMigrated();
    client.prepare("INSERT INTO identifiers (id, key) VALUES (5, 'a'), (6, 'b')").run();
    const resolver = tagResolver(client);
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
    const resolver = tagResolver(client);
    for (const value of [undefined, 5, 6]) {
      resolver.request(['t'], [value]);
      resolver.flush();
    }
    expect(client.prepare("SELECT identifier_id FROM tags WHERE name = 't'").pluck().get()).toBe(5);
  });
});

describe('RowResolver memory', () => {
  /** Counts INSERTs tried on a table, conflicting ones too: a key found by search tries none. */
  const countInsertAttempts = (client: Database, table: string) => {
    client.exec(`CREATE TEMP TABLE IF NOT EXISTS attempts (tbl TEXT);
      CREATE TEMP TRIGGER count_${table} BEFORE INSERT ON main.${table} BEGIN INSERT INTO attempts VALUES ('${table}'); END;`);
    return () => client.prepare('SELECT count(*) FROM attempts WHERE tbl = ?').pluck().get(table);
  };

  const requestAll = (resolver: RowResolver, keys: readonly string[]) => {
    const rows = keys.map((key) => resolver.request([key]));
    resolver.flush();
    return rows.map((row) => row.id);
  };

  it('finds a key it has forgotten in the table again, creating no second row', () => {
    const db = openMigrated();
    const resolver = tagResolver(db.$client, 2);
    const first = requestAll(resolver, ['a', 'b', 'c', 'd', 'e', 'f']);
    const attempts = countInsertAttempts(db.$client, 'tags');
    const again = requestAll(resolver, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(again).toEqual(first);
    expect(attempts()).toBe(0);
    expect(countRows(db, 'tags')).toBe(6);
    expect(resolver.created).toBe(6);
  });

  /** Counts the resolver's searches of its table (one statement per flush, one per resolve). */
  const countSearches = (client: Database) => {
    let searches = 0;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (!sql.includes(' AS t ')) return statement;
      const [all, get] = [statement.all.bind(statement), statement.get.bind(statement)];
      statement.all = (...parameters: unknown[]) => (searches++, all(...parameters));
      statement.get = (...parameters: unknown[]) => (searches++, get(...parameters));
      return statement;
    }) as Database['prepare'];
    return () => searches;
  };

  it('inserts the keys it never met without searching a table that started empty, after memory forgot some', () => {
    const db = openMigrated();
    const searches = countSearches(db.$client);
    const resolver = tagResolver(db.$client, 2);
    const first = requestAll(resolver, ['a', 'b', 'c', 'd', 'e', 'f']);
    requestAll(resolver, ['g', 'h', 'i', 'j']);
    expect(resolver.resolve(['k'])).toBeGreaterThan(0);
    expect(searches()).toBe(0);
    // A key met and forgotten is searched for, and found: no second row, and no INSERT whose
    // conflict found it instead (that lookup would count as a search too).
    const attempts = countInsertAttempts(db.$client, 'tags');
    expect(requestAll(resolver, ['a', 'new'])).toEqual([first[0], expect.any(Number)]);
    expect(resolver.resolve(['b'])).toBe(first[1]);
    expect(searches()).toBe(2);
    expect(attempts()).toBe(1);
    expect(countRows(db, 'tags')).toBe(12);
  });

  it('searches for every key it does not remember in a table that held rows before the import', () => {
    const db = openMigrated();
    db.$client.prepare("INSERT INTO tags (name) VALUES ('stored')").run();
    const searches = countSearches(db.$client);
    const resolver = tagResolver(db.$client, 2);
    requestAll(resolver, ['x', 'y', 'z', 'stored']);
    expect(searches()).toBe(1);
    expect(countRows(db, 'tags')).toBe(4);
  });

  it('finds a forgotten key through resolve as well as through flush', () => {
    const db = openMigrated();
    const resolver = tagResolver(db.$client, 2);
    const first = requestAll(resolver, ['a', 'b', 'c', 'd', 'e']);
    const attempts = countInsertAttempts(db.$client, 'tags');
    expect(resolver.resolve(['a'])).toBe(first[0]);
    // Found by its search, not by the conflict of an INSERT.
    expect(attempts()).toBe(0);
    expect(countRows(db, 'tags')).toBe(5);
  });

  it('finds a row another writer inserted after it found its table empty, creating no second row', () => {
    const db = openMigrated();
    const resolver = tagResolver(db.$client);
    requestAll(resolver, ['mine']);
    db.$client.prepare("INSERT INTO tags (id, name) VALUES (50, 'theirs')").run();
    expect(requestAll(resolver, ['theirs'])).toEqual([50]);
    expect(resolver.resolve(['theirs'])).toBe(50);
    expect(countRows(db, 'tags')).toBe(2);
    expect(resolver.created).toBe(1);
  });

  it("finds another writer's row the filter never met through its INSERT's conflict, fills its fill-only NULL, and searches for it once forgotten again", () => {
    const db = openMigrated();
    const client = db.$client;
    client.prepare("INSERT INTO identifiers (id, key) VALUES (5, 'a'), (6, 'b')").run();
    const searches = countSearches(client);
    const resolver = tagResolver(client, 2);
    requestAll(resolver, ['a', 'b', 'c', 'd', 'e', 'f']);
    client.prepare("INSERT INTO tags (id, name) VALUES (50, 'theirs')").run();
    const attempts = countInsertAttempts(client, 'tags');
    const theirs = resolver.request(['theirs'], [5]);
    resolver.flush();
    expect(theirs.id).toBe(50);
    expect([searches(), attempts()]).toEqual([1, 1]);
    requestAll(resolver, ['g', 'h', 'i', 'j']);
    expect([searches(), attempts()]).toEqual([1, 5]);
    // Met through the conflict, so found by its search now: no INSERT tried.
    const again = resolver.request(['theirs'], [6]);
    resolver.flush();
    expect(again.id).toBe(50);
    expect([searches(), attempts()]).toEqual([2, 5]);
    expect(client.prepare("SELECT identifier_id FROM tags WHERE name = 'theirs'").pluck().get()).toBe(5);
    expect(resolver.created).toBe(10);
  });

  it('never gives a key with an infinite number the row whose column is NULL: a flush finds what resolve finds', () => {
    const db = openMigrated();
    const client = db.$client;
    addSeries(client);
    client.prepare('INSERT INTO volumes (id, series_id, number, number_to) VALUES (10, 1, NULL, NULL)').run();
    const first = volumeResolver(client);
    const created = first.request(infinite);
    first.flush();
    expect(created.id).not.toBe(10);
    const again = volumeResolver(client);
    const found = again.request(infinite);
    again.flush();
    expect(found.id).toBe(created.id);
    expect(volumeResolver(client).resolve(infinite)).toBe(created.id);
    expect(countRows(db, 'volumes')).toBe(2);
  });

  it('counts as met the keys of a first flush that searched nothing (an infinite number), and searches for one once forgotten', () => {
    const db = openMigrated();
    const client = db.$client;
    addSeries(client);
    const searches = countSearches(client);
    const resolver = volumeResolver(client, 2);
    const first = resolver.request(infinite);
    resolver.flush();
    // The table still counts as one that started empty: new keys are inserted unsearched.
    for (let number = 1; number <= 4; number++) resolver.resolve([1, number, null]);
    expect(searches()).toBe(0);
    const attempts = countInsertAttempts(client, 'volumes');
    // Forgotten by now: found by its search, not by an INSERT's conflict.
    expect(resolver.resolve(infinite)).toBe(first.id);
    expect([searches(), attempts()]).toEqual([1, 0]);
    expect(countRows(db, 'volumes')).toBe(5);
  });

  it('keeps the attributes of a forgotten row: stating the stored value writes nothing, a new value is written', () => {
    const { $client: client } = openMigrated();
    const resolver = universeResolver(client, 2);
    resolver.resolve(['U'], ['Earth-1']);
    for (const name of ['V', 'W', 'X', 'Y']) resolver.resolve([name]);
    const totalChanges = client.prepare('SELECT total_changes()').pluck();
    const before = totalChanges.get();
    resolver.resolve(['U'], ['Earth-1']);
    resolver.resolve(['U'], [undefined]);
    expect(totalChanges.get()).toBe(before);
    expect(designation(client)).toBe('Earth-1');
    resolver.resolve(['U'], ['Earth-2']);
    expect(designation(client)).toBe('Earth-2');
  });

  it('finds stored rows of every key shape in one flush: names that look like numbers, NULL and fractional key columns', () => {
    const { $client: client } = openMigrated();
    client.prepare(`INSERT INTO tags (id, name) VALUES (3, '123'), (4, 'O''Brien "x" \\ é 😀')`).run();
    addSeries(client);
    client.prepare('INSERT INTO volumes (id, series_id, number, number_to) VALUES (10, 1, NULL, NULL), (11, 1, 1, NULL), (12, 1, 1.5, 2)').run();
    const attempts = [countInsertAttempts(client, 'tags'), countInsertAttempts(client, 'volumes')];
    const tagRows = requestAll(tagResolver(client), ['123', 'O\'Brien "x" \\ é 😀']);
    const resolveVolumes = volumeResolver(client);
    const volumeRows = [[1, null, null], [1, 1, null], [1, 1.5, 2]].map((key) => resolveVolumes.request(key));
    resolveVolumes.flush();
    expect(tagRows).toEqual([3, 4]);
    expect(volumeRows.map((row) => row.id)).toEqual([10, 11, 12]);
    expect(attempts.map((count) => count())).toEqual([0, 0]);
  });
});

describe('sortInIndexOrder', () => {
  it('sorts names as the unique name index orders them, when no name holds a lone surrogate or U+E000-U+FFFF', () => {
    const { $client: client } = openMigrated();
    // The empty name, names that differ only in case, and an astral character.
    const given = ['pear', 'é', 'apple', '9', 'Apple', '10', '', 'a\uD83D\uDE00', 'a', 'A', 'a\u07FF'];
    const insert = client.prepare('INSERT INTO tags (name) VALUES (?)');
    for (const name of given) insert.run(name);
    const indexed = client.prepare('SELECT name FROM tags ORDER BY name').pluck().all();
    expect(sortInIndexOrder([tags.name])([...given], new Map())).toEqual(indexed);
  });

  it('sorts by UTF-16 code unit where the index sorts by UTF-8 byte: an astral name before a lone low surrogate and U+E000-U+FFFF', () => {
    const { $client: client } = openMigrated();
    const given = ['\uFFFD', '\uDC00', '\uD83D\uDE00', '\uE000'];
    const insert = client.prepare('INSERT INTO tags (name) VALUES (?) RETURNING id').pluck();
    const ids = new Map(given.map((name) => [name, insert.get(name)]));
    const indexed = client.prepare('SELECT id FROM tags ORDER BY name').pluck().all();
    expect(indexed).toEqual(['\uDC00', '\uE000', '\uFFFD', '\uD83D\uDE00'].map((name) => ids.get(name)));
    expect(sortInIndexOrder([tags.name])([...given], new Map())).toEqual(['\uD83D\uDE00', '\uDC00', '\uE000', '\uFFFD']);
  });

  it('sorts keys holding a number with the comparator: numbers first, by value, then names', () => {
    expect(sortInIndexOrder([tags.name])(['b', 5, 'a', 12], new Map())).toEqual([5, 12, 'a', 'b']);
  });

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
