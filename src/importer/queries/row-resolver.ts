import type { Database, Statement } from 'better-sqlite3';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { nullSafeSql, nullSentinel } from '../../schema/null-safe';
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

function statesAny(attributes: readonly AttributeValue[]): boolean {
  for (const value of attributes) if (value !== undefined) return true;
  return false;
}

/** How a remembered table fills its memory: all rows up front, or each key on first use. */
export type ResolverLoading = 'preload' | 'lookup';
/** A table not remembered at all ('none') costs an INSERT per key, and a SELECT when the row exists. */
type ResolverMemory = ResolverLoading | 'none';

/**
 * Finds or creates the row of a reference table (publishers, credits, volumes ...) for a key.
 * A table whose rows many comics share is remembered: key -> id is kept in memory for the whole
 * import. With 'preload' the table is read once on first use, then a hit costs a Map lookup and a
 * miss one INSERT: right for a large import. With 'lookup' only the keys the import meets are
 * read, one index search each: a watch batch of one comic reads its 80 names, not every row of
 * 25 tables (1.2 s at codex 10k). A table whose
 * rows are mostly one per comic (identifiers) is not: remembering it would grow memory with the
 * library and save nothing, so each key costs an INSERT, and a SELECT when the row exists.
 * Attributes (a universe's designation, an identifier's url) are not part of the key: the last
 * comic written that states one sets it. A fill-only attribute (a tag's identifier) is set only
 * while it is NULL, so comics that disagree never flip it back and forth on every re-import.
 *
 * `request` + `flush` resolve many keys at once (a chunk's): the keys are looked up and the
 * missing rows inserted in the unique index's key order. Mostly-unique names (the codex profile:
 * ~77 per comic) then land next to each other in the index instead of at random pages, which
 * measured about 1.5x less CPU per row than inserting them in the comics' order
 * (bench/name-order.ts).
 *
 * Valid while this import is the only writer of the table: rows are only removed by the cleanup
 * at the end of the import, after which the resolver is dropped.
 */
export class RowResolver {
  /**
   * Remembered rows: key -> id, and the attributes of the few rows that state any. At 600k
   * comics these hold some 300k rows for the whole import, so no object is kept per row.
   */
  private readonly ids = new Map<KeyValue, number>();
  private readonly statedAttributes = new Map<number, KeyValue[]>();
  private readonly noAttributes: KeyValue[];
  private loaded = false;
  private readonly insert: Statement;
  private readonly select: Statement;
  private readonly updateAttributes: Statement | undefined;
  private readonly attributeColumns: readonly SQLiteColumn[];
  private readonly loading: ResolverMemory;
  private readonly fillOnly: readonly boolean[];
  private readonly inIndexOrder: (keys: KeyValue[], pending: ReadonlyMap<KeyValue, PendingKey>) => KeyValue[];
  /** Keys requested since the last flush, by cache key. */
  private pending = new Map<KeyValue, PendingKey>();
  created = 0;

  constructor(
    private readonly client: Database,
    private readonly table: SQLiteTable,
    private readonly id: SQLiteColumn,
    private readonly keyColumns: readonly SQLiteColumn[],
    options: { attributes?: readonly SQLiteColumn[]; fillOnly?: readonly boolean[]; loading: ResolverMemory },
  ) {
    this.attributeColumns = options.attributes ?? [];
    this.loading = options.loading;
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
    this.select = client
      .prepare(
        `SELECT ${columnList([id, ...attributeColumns])} FROM ${tableName(table)} WHERE ${keyColumns.map(keyMatch).join(' AND ')}`,
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
    if (this.loading === 'none') return this.resolveUncached(key, attributes);
    return this.rowOf(key, keyOf(key), attributes).id;
  }

  /**
   * Queues a key for the next `flush`, which sets the returned row's id (the same object for
   * every request of one key). The requests of a key apply their attributes in request order,
   * exactly as the same `resolve` calls would.
   */
  request(key: readonly KeyValue[], attributes: readonly AttributeValue[] = NO_ATTRIBUTES): PendingRow {
    // A table not remembered has nothing to gain from a flush: its rows are one per comic.
    if (this.loading === 'none') throw new Error(`request() needs a remembered table, not ${tableName(this.table)}`);
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
    for (const cacheKey of this.inIndexOrder([...pending.keys()], pending)) {
      const entry = pending.get(cacheKey)!;
      const { requests } = entry;
      const stored = this.rowOf(entry.key, cacheKey, requests?.[0] ?? NO_ATTRIBUTES);
      let changed = false;
      if (requests) for (let i = 1; i < requests.length; i++) changed = this.updateChangedAttributes(stored, requests[i]!) || changed;
      if (changed) this.remember(cacheKey, stored);
      entry.id = stored.id;
    }
  }

  /** The remembered row of a key: from memory, else the index ('lookup'), else inserted. */
  private rowOf(key: readonly KeyValue[], cacheKey: KeyValue, attributes: readonly AttributeValue[]): Row {
    if (this.loading === 'preload') this.load();
    const id = this.ids.get(cacheKey);
    const known = id !== undefined ? { id, attributes: this.statedAttributes.get(id) ?? this.noAttributes } : this.loading === 'lookup' ? this.find(key) : undefined;
    if (known) {
      // A hit that changes nothing (the common case) leaves memory as it is.
      if (this.updateChangedAttributes(known, attributes) || id === undefined) this.remember(cacheKey, known);
      return known;
    }
    const values = this.attributeColumns.map((_, index) => valueOf(attributes[index]) ?? null);
    const { changes, lastInsertRowid } = this.insert.run(...key, ...values);
    const inserted = changes === 1;
    const row = inserted ? { id: Number(lastInsertRowid), attributes: values } : this.find(key)!;
    if (inserted) this.created++;
    if (!inserted) this.updateChangedAttributes(row, attributes);
    this.remember(cacheKey, row);
    return row;
  }

  private remember(cacheKey: KeyValue, row: Row): void {
    this.ids.set(cacheKey, row.id);
    if (row.attributes.some((value) => value !== null)) this.statedAttributes.set(row.id, row.attributes);
    else this.statedAttributes.delete(row.id);
  }

  private resolveUncached(key: readonly KeyValue[], attributes: readonly AttributeValue[]): number {
    const values = this.attributeColumns.map((_, index) => valueOf(attributes[index]) ?? null);
    const { changes, lastInsertRowid } = this.insert.run(...key, ...values);
    if (changes === 1) {
      this.created++;
      return Number(lastInsertRowid);
    }
    const row = this.find(key)!;
    this.updateChangedAttributes(row, attributes);
    return row.id;
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

  private load() {
    if (this.loaded) return;
    this.loaded = true;
    const all = [...this.keyColumns, ...this.attributeColumns];
    const select = this.client
      .prepare(`SELECT ${columnName(this.id)}, ${columnList(all)} FROM ${tableName(this.table)}`)
      .raw();
    const keyLength = this.keyColumns.length;
    for (const row of select.iterate() as Iterable<KeyValue[]>) {
      this.remember(keyOf(row.slice(1, 1 + keyLength)), { id: row[0] as number, attributes: row.slice(1 + keyLength) });
    }
  }
}

/** `column = @kN`, NULL-safe (the unique index's own expression) for a column that may be NULL. */
function keyMatch(column: SQLiteColumn, index: number): string {
  const param = `@k${index}`;
  if (column.notNull) return `${columnName(column)} = ${param}`;
  return `${nullSafeSql(column, columnName(column))} = ${nullSafeSql(column, param)}`;
}

/**
 * Sorts a flush's cache keys in the order of the table's unique index: a nullable column is
 * indexed through its NULL-safe expression (schema/null-safe.ts), and SQLite sorts NULL <
 * numbers < text. Text compares by UTF-16 code unit here, by UTF-8 byte there: they differ only
 * between astral and U+E000-U+FFFF characters, which costs locality, not correctness.
 */
export function sortInIndexOrder(columns: readonly SQLiteColumn[]): (keys: KeyValue[], pending: ReadonlyMap<KeyValue, { key: readonly KeyValue[] }>) => KeyValue[] {
  // The hot case, a name: the cache key is the value itself.
  if (columns.length === 1 && columns[0]!.notNull) return (keys) => keys.sort(compareValues);
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

const storageRank = (value: KeyValue): number => (value === null ? 0 : typeof value === 'number' ? 1 : 2);

function compareValues(a: KeyValue, b: KeyValue): number {
  if (a === b) return 0;
  if (typeof a === typeof b && a !== null && b !== null) return a < b ? -1 : 1;
  return storageRank(a) - storageRank(b);
}

/**
 * The Map key of a row's key columns. A single column is its own key (the hot case: named tags);
 * composite keys are joined with NUL, which cannot appear in a cleaned name, and \u0001 marks
 * NULL so that NULL and '' differ.
 */
function keyOf(values: readonly KeyValue[]): KeyValue {
  if (values.length === 1) return values[0]!;
  let key = '';
  for (const value of values) key += value === null ? '\u0001\u0000' : `${value}\u0000`;
  return key;
}
