import type { Database, Statement } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { nullSafeSql, nullSentinel } from '../../schema/null-safe';
import { GenerationalMap } from './generational-map';
import { KeyFilter } from './key-filter';
import { columnList, columnName, placeholders, tableName } from './sql-names';

export type KeyValue = string | number | null;

/** An attribute to write; undefined keeps the stored value; a function is only called when its value would be written. */
export type AttributeValue = KeyValue | undefined | (() => KeyValue | undefined);

const valueOf = (attribute: AttributeValue): KeyValue | undefined => (typeof attribute === 'function' ? attribute() : attribute);

/** A row asked for with `request`: its id is set by the resolver's next `flush`. */
export interface PendingRow {
  id: number;
}

/** A requested key: the row handed out, with the attributes of every request that states one. */
interface PendingKey extends PendingRow {
  key: readonly KeyValue[];
  requests: (readonly AttributeValue[])[] | undefined;
}

const NO_ATTRIBUTES: readonly AttributeValue[] = [];

/** A table row as the resolver knows it: its id and its attribute columns' values. */
interface Row {
  id: number;
  attributes: KeyValue[];
}

/** A remembered row, without an object per row: its id, or [id, ...attributes] when it states any. */
type Remembered = number | KeyValue[];

function statesAny(attributes: readonly AttributeValue[]): boolean {
  for (const value of attributes) if (value !== undefined) return true;
  return false;
}

/**
 * Keys remembered per table, per generation (see GenerationalMap): at most twice this many. The
 * tables of a 10k realistic import fit whole; the tables that grow with the library (series,
 * volumes, credits, story arc numbers: 38k-88k rows each at 600k realistic comics) stay bounded,
 * and a key no longer remembered costs an index search in its flush's one statement.
 */
export const MEMORY_KEYS = 1 << 13;

/**
 * Finds or creates the row of a reference table (publishers, credits, volumes ...) for a key.
 * A table whose rows many comics share is remembered: key -> id of the keys met lately, at most
 * 2 x `memoryKeys` of them, so that memory does not grow with the library. A key not remembered
 * is searched for in the table's unique index, and inserted when it is not there. When the
 * table was empty as the import began, every row is one this import met: while memory has
 * forgotten nothing, a key not remembered is inserted without a search (a fresh import), and
 * after that only a key the filter of keys met (KeyFilter) may hold is searched for. The codex
 * profile's mostly unique names made every chunk search for each of them once memory was full:
 * 1.5 s of a 10k fresh import's 10.7 s of create. Correctness never rests on the filter: a key
 * taken for new that has a row meets it in the INSERT's conflict.
 * A table whose rows are mostly one per comic (identifiers) is not remembered: remembering it
 * would grow memory with the library and save nothing, so each key costs an INSERT, and a SELECT
 * when the row exists.
 * Attributes (a universe's designation, an identifier's url) are not part of the key: the last
 * comic written that states one sets it. A fill-only attribute (a tag's identifier) is set only
 * while it is NULL, so comics that disagree never flip it back and forth on every re-import.
 *
 * `request` + `flush` resolve many keys at once (a chunk's): the keys not remembered are searched
 * for in one statement, and the missing rows inserted in the unique index's key order.
 * Mostly-unique names (the codex profile: ~77 per comic) then land next to each other in the
 * index instead of at random pages, which measured about 1.5x less CPU per row than inserting
 * them in the comics' order (bench/name-order.ts).
 *
 * Valid while this import is the only writer of the table: rows are only removed by the cleanup
 * at the end of the import, after which the resolver is dropped. A row another writer inserted
 * is still found, through the INSERT's conflict.
 */
export class RowResolver {
  private readonly memory: GenerationalMap<KeyValue, Remembered>;
  /** Whether the table was empty when first used: then memory holds every row until it forgets one. */
  private startedEmpty: boolean | undefined;
  /** The keys inserted since, forgotten or not, when the table started empty. */
  private readonly met = new KeyFilter();
  private readonly noAttributes: KeyValue[];
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly selectMany: Statement;
  private readonly updateAttributes: Statement | undefined;
  private readonly attributeColumns: readonly SQLiteColumn[];
  private readonly remembered: boolean;
  private readonly fillOnly: readonly boolean[];
  private readonly inIndexOrder: (keys: KeyValue[], pending: ReadonlyMap<KeyValue, PendingKey>) => KeyValue[];
  /** Keys requested since the last flush, by cache key. */
  private pending = new Map<KeyValue, PendingKey>();
  created = 0;

  constructor(
    private readonly client: Database,
    private readonly table: SQLiteTable,
    id: SQLiteColumn,
    keyColumns: readonly SQLiteColumn[],
    options: { attributes?: readonly SQLiteColumn[]; fillOnly?: readonly boolean[]; remembered?: boolean; memoryKeys?: number } = {},
  ) {
    this.attributeColumns = options.attributes ?? [];
    this.remembered = options.remembered ?? true;
    this.memory = new GenerationalMap(options.memoryKeys ?? MEMORY_KEYS);
    this.fillOnly = options.fillOnly ?? [];
    this.noAttributes = this.attributeColumns.map(() => null);
    this.inIndexOrder = sortInIndexOrder(keyColumns);
    const { attributeColumns } = this;
    const all = [...keyColumns, ...attributeColumns];
    // DO NOTHING without a target also covers the NULL-safe expression indexes; no change means
    // the row exists and is looked up instead (only when another writer got there first).
    // run() + lastInsertRowid: measured 35% faster than RETURNING for small rows.
    this.insert = client.prepare(
      `INSERT INTO ${tableName(table)} (${columnList(all)}) VALUES (${placeholders(all.length)}) ON CONFLICT DO NOTHING`,
    );
    // The same NULL-safe expressions as the unique index (schema/null-safe.ts), so the lookup
    // is an index search, not a scan of every row that shares the first column.
    const selected = [id, ...attributeColumns].map((column) => `t.${columnName(column)}`).join(', ');
    this.select = client
      .prepare(`SELECT ${selected} FROM ${tableName(table)} AS t WHERE ${keyColumns.map((column, i) => keyMatch(column, `@k${i}`)).join(' AND ')}`)
      .raw();
    // Many keys in one statement: a JSON array of keys, each searched in the unique index (CROSS
    // JOIN keeps the array as the outer loop). A key is its value, or an array of its columns'.
    const keyValue = keyColumns.length === 1 ? () => 'j.value' : (i: number) => `(j.value ->> ${i})`;
    this.selectMany = client
      .prepare(
        `SELECT j.key, ${selected} FROM json_each(?) AS j CROSS JOIN ${tableName(table)} AS t ON ${keyColumns.map((column, i) => keyMatch(column, keyValue(i))).join(' AND ')}`,
      )
      .raw();
    this.updateAttributes = attributeColumns.length
      ? client.prepare(
          `UPDATE ${tableName(table)} SET ${attributeColumns.map((c) => `${columnName(c)} = ?`).join(', ')} WHERE ${columnName(id)} = ?`,
        )
      : undefined;
  }

  /** `attributes` undefined entries keep the stored value. */
  resolve(key: readonly KeyValue[], attributes: readonly AttributeValue[] = []): number {
    if (!this.remembered) return this.insertOrFind(key, attributes).id;
    const cacheKey = keyOf(key);
    return this.rowOf(key, cacheKey, attributes, this.recall(cacheKey) ?? this.search(key, cacheKey)).id;
  }

  /**
   * Queues a key for the next `flush`, which sets the returned row's id (the same object for
   * every request of one key). The requests of a key apply their attributes in request order,
   * exactly as the same `resolve` calls would.
   */
  request(key: readonly KeyValue[], attributes: readonly AttributeValue[] = NO_ATTRIBUTES): PendingRow {
    // A table not remembered has nothing to gain from a flush: its rows are one per comic.
    if (!this.remembered) throw new Error(`request() needs a remembered table, not ${tableName(this.table)}`);
    const cacheKey = keyOf(key);
    let entry = this.pending.get(cacheKey);
    if (!entry) {
      entry = { id: 0, key, requests: undefined };
      this.pending.set(cacheKey, entry);
    }
    // A request stating no attribute changes nothing: an insert would store NULL either way.
    if (statesAny(attributes)) (entry.requests ??= []).push(attributes);
    return entry;
  }

  /** Resolves every requested key, in the unique index's key order (see the class comment). */
  flush(): void {
    if (this.pending.size === 0) return;
    const { pending } = this;
    this.pending = new Map();
    const order = this.inIndexOrder([...pending.keys()], pending);
    // Every key's stored row is known before the first insert, so that nothing remembered can
    // be forgotten between the search and its use.
    const stored = order.map((cacheKey) => this.recall(cacheKey));
    this.searchMany(order, pending, stored);
    order.forEach((cacheKey, i) => {
      const entry = pending.get(cacheKey)!;
      const { requests } = entry;
      const row = this.rowOf(entry.key, cacheKey, requests?.[0] ?? NO_ATTRIBUTES, stored[i]);
      let changed = false;
      if (requests) for (let j = 1; j < requests.length; j++) changed = this.updateChangedAttributes(row, requests[j]!) || changed;
      if (changed) this.remember(cacheKey, row);
      entry.id = row.id;
    });
  }

  /** The row of a key: the stored one (`stored`, undefined when there is none), else inserted. */
  private rowOf(key: readonly KeyValue[], cacheKey: KeyValue, attributes: readonly AttributeValue[], stored: Row | undefined): Row {
    if (stored) {
      // A hit that changes nothing (the common case) leaves memory as it is.
      if (this.updateChangedAttributes(stored, attributes)) this.remember(cacheKey, stored);
      return stored;
    }
    // Asked before the insert, which would make an empty table look as if it held rows: a table
    // first used by inserting keys no search was made for (JSON cannot carry them) must still
    // count them as met.
    const startedEmpty = this.tableStartedEmpty();
    const row = this.insertOrFind(key, attributes);
    this.remember(cacheKey, row);
    // Every row of a table that started empty comes through here once (or was inserted by another
    // writer, whose rows the INSERT's conflict finds): the filter need not see a key twice.
    if (startedEmpty) this.met.add(cacheKey);
    return row;
  }

  /** Inserts the key's row; when it exists after all (another writer, a key not searched), finds it and applies the attributes. */
  private insertOrFind(key: readonly KeyValue[], attributes: readonly AttributeValue[]): Row {
    const values = this.attributeColumns.map((_, index) => valueOf(attributes[index]) ?? null);
    const { changes, lastInsertRowid } = this.insert.run(...key, ...values);
    if (changes === 1) {
      this.created++;
      return { id: Number(lastInsertRowid), attributes: values };
    }
    const row = this.find(key)!;
    this.updateChangedAttributes(row, attributes);
    return row;
  }

  private recall(cacheKey: KeyValue): Row | undefined {
    const remembered = this.memory.get(cacheKey);
    if (remembered === undefined) return undefined;
    return typeof remembered === 'number' ? { id: remembered, attributes: this.noAttributes } : { id: remembered[0] as number, attributes: remembered.slice(1) };
  }

  private remember(cacheKey: KeyValue, row: Row): void {
    this.memory.set(cacheKey, row.attributes.some((value) => value !== null) ? [row.id, ...row.attributes] : row.id);
  }

  /**
   * Whether a key memory does not hold may be stored: in a table that started empty, only one
   * this import met and memory forgot.
   */
  private mayBeStored(cacheKey: KeyValue): boolean {
    return !this.tableStartedEmpty() || (this.memory.forgot && this.met.mightHold(cacheKey));
  }

  /** Whether the table was empty when this resolver first used it: asked once, then kept. */
  private tableStartedEmpty(): boolean {
    return (this.startedEmpty ??= this.client.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${tableName(this.table)})`).pluck().get() === 1);
  }

  /** The stored row of a key memory does not hold, remembered; undefined when there is none. */
  private search(key: readonly KeyValue[], cacheKey: KeyValue): Row | undefined {
    const row = this.mayBeStored(cacheKey) ? this.find(key) : undefined;
    if (row) this.remember(cacheKey, row);
    return row;
  }

  /**
   * Fills in `stored` (and memory) the rows of the keys memory did not hold, in one statement. A
   * key JSON cannot carry is not searched here: its INSERT's conflict finds its row by binding it.
   */
  private searchMany(order: readonly KeyValue[], pending: ReadonlyMap<KeyValue, PendingKey>, stored: (Row | undefined)[]): void {
    const missing: number[] = [];
    const keys: unknown[] = [];
    order.forEach((cacheKey, i) => {
      if (stored[i] !== undefined) return;
      const { key } = pending.get(cacheKey)!;
      if (!key.every(jsonCarries) || !this.mayBeStored(cacheKey)) return;
      missing.push(i);
      keys.push(key.length === 1 ? key[0] : key);
    });
    if (missing.length === 0) return;
    for (const [index, id, ...attributes] of this.selectMany.all(JSON.stringify(keys)) as KeyValue[][]) {
      const i = missing[index as number]!;
      const row = { id: id as number, attributes };
      stored[i] = row;
      this.remember(order[i]!, row);
    }
  }

  /** The stored row of a key, by the unique index; undefined when there is none. */
  private find(key: readonly KeyValue[]): Row | undefined {
    const row = this.select.get(Object.fromEntries(key.map((value, index) => [`k${index}`, value]))) as KeyValue[] | undefined;
    return row && { id: row[0] as number, attributes: row.slice(1) };
  }

  /** True when the row's attributes changed (in the database and in `row`). */
  private updateChangedAttributes(row: Row, attributes: readonly AttributeValue[]): boolean {
    if (!this.updateAttributes) return false;
    let changed = false;
    const next = row.attributes.map((stored, index) => {
      if (stored !== null && this.fillOnly[index]) return stored;
      const given = valueOf(attributes[index]);
      if (given === undefined || given === stored) return stored;
      changed = true;
      return given;
    });
    if (!changed) return false;
    this.updateAttributes.run(...next, row.id);
    row.attributes = next;
    return true;
  }
}

/**
 * Whether JSON hands SQLite the value that binding it would. JSON.stringify writes NaN and
 * Infinity as null, which the NULL-safe key expression would match to the row whose column is
 * NULL (a volume numbered Infinity would get the "no volume" row); bound, Infinity is itself.
 */
const jsonCarries = (value: KeyValue): boolean => typeof value !== 'number' || Number.isFinite(value);

/** `t.column = value`, NULL-safe (the unique index's own expression) for a column that may be NULL. */
function keyMatch(column: SQLiteColumn, value: string): string {
  const stored = `t.${columnName(column)}`;
  if (column.notNull) return `${stored} = ${value}`;
  return `${nullSafeSql(column, stored)} = ${nullSafeSql(column, value)}`;
}

/**
 * Sorts a flush's cache keys in the order of the table's unique index: a nullable column is
 * indexed through its NULL-safe expression (schema/null-safe.ts), and SQLite sorts NULL <
 * numbers < text. Text compares by UTF-16 code unit here, by UTF-8 byte there: they differ only
 * between an astral character and U+E000-U+FFFF or a lone surrogate, which costs locality, not
 * correctness.
 */
export function sortInIndexOrder(columns: readonly SQLiteColumn[]): (keys: KeyValue[], pending: ReadonlyMap<KeyValue, { key: readonly KeyValue[] }>) => KeyValue[] {
  // The hot case, a name: the cache key is the value itself. Names alone sort without a
  // comparator, in the same UTF-16 order `<` gives: 5 against 8-37 ms for 56k names.
  if (columns.length === 1 && columns[0]!.notNull) return (keys) => (keys.every(isText) ? keys.sort() : keys.sort(compareValues));
  const indexed = columns.map((column) => {
    if (column.notNull) return (value: KeyValue) => value;
    const sentinel = nullSentinel(column) === '0' ? 0 : '';
    return (value: KeyValue) => value ?? sentinel;
  });
  return (keys, pending) => {
    const sortable = keys.map((cacheKey) => ({ cacheKey, values: pending.get(cacheKey)!.key.map((value, i) => indexed[i]!(value)) }));
    sortable.sort((a, b) => {
      for (let i = 0; i < a.values.length; i++) {
        const order = compareValues(a.values[i]!, b.values[i]!);
        if (order !== 0) return order;
      }
      return 0;
    });
    return sortable.map((item) => item.cacheKey);
  };
}

const isText = (value: KeyValue): value is string => typeof value === 'string';

const storageRank = (value: KeyValue): number => (value === null ? 0 : typeof value === 'number' ? 1 : 2);

function compareValues(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (typeof a === typeof b && a !== null && b !== null) return a < b ? -1 : 1;
  return storageRank(a) - storageRank(b);
}

/**
 * The Map key of a row's key columns. A single column is its own key (the hot case: named tags);
 * composite keys are joined with NUL, which cannot appear in a cleaned name, and \u0001 marks
 * NULL so that NULL and '' differ. join() makes one flat string: `+=` would make a chain of
 * concatenations that a remembered key keeps alive, twice the memory at 600k series.
 */
function keyOf(values: readonly KeyValue[]): KeyValue {
  if (values.length === 1) return values[0]!;
  return values.map((value) => (value === null ? '\u0001' : value)).join('\u0000');
}
