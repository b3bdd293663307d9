import type { Database, Statement } from 'better-sqlite3';
import { type LinkKind, linkKinds, linkTables } from '../queries/link-tables';
import { columnName, tableName } from '../queries/sql-names';
import type { WrittenComic } from './create-update';

/**
 * Link rows per multi-row INSERT: one statement per comic and kind cost more than the rows
 * (a codex comic has ~80 links over 11 tables).
 */
export const LINK_BATCH = 64;

export type LinkStatements = Record<LinkKind, { insert: Statement; insertBatch: Statement; remove: Statement }>;

export function prepareLinkStatements(client: Database): LinkStatements {
  return Object.fromEntries(
    linkKinds.map((kind) => {
      const { table, comic, target } = linkTables[kind];
      const into = `INSERT INTO ${tableName(table)} (${columnName(comic)}, ${columnName(target)}) VALUES`;
      return [
        kind,
        {
          insert: client.prepare(`${into} (?, ?)`),
          insertBatch: client.prepare(`${into} ${Array.from({ length: LINK_BATCH }, () => '(?, ?)').join(', ')}`),
          remove: client.prepare(`DELETE FROM ${tableName(table)} WHERE ${columnName(comic)} = ? AND ${columnName(target)} = ?`),
        },
      ];
    }),
  ) as LinkStatements;
}

/**
 * Phase "link": makes every join table hold exactly the comic's current targets. A new comic
 * gets inserts only; a known one gets the difference against `stored` (its links before).
 * New rows go in (comic, target) order, the unique index's, so a fresh import appends to it.
 */
export function linkComics(
  statements: LinkStatements,
  written: readonly WrittenComic[],
  stored: ReadonlyMap<LinkKind, ReadonlyMap<number, number[]>>,
): number {
  let changes = 0;
  for (const kind of linkKinds) {
    const { remove } = statements[kind];
    const storedOfKind = stored.get(kind);
    // Flat (comic, target) pairs, bound as they are to the batched INSERT.
    const added: number[] = [];
    for (const comic of [...written].sort((a, b) => a.id - b.id)) {
      const wanted = [...new Set(comic.links[kind])].sort((a, b) => a - b);
      const existing = comic.isNew ? undefined : new Set(storedOfKind?.get(comic.id) ?? []);
      for (const target of wanted) if (!existing?.has(target)) added.push(comic.id, target);
      if (!existing) continue;
      const kept = new Set(wanted);
      for (const target of existing) {
        if (!kept.has(target)) {
          remove.run(comic.id, target);
          changes++;
        }
      }
    }
    insertPairs(statements[kind], added);
    changes += added.length / 2;
  }
  return changes;
}

function insertPairs({ insert, insertBatch }: LinkStatements[LinkKind], pairs: readonly number[]): void {
  const batchLength = LINK_BATCH * 2;
  let at = 0;
  for (; at + batchLength <= pairs.length; at += batchLength) insertBatch.run(pairs.slice(at, at + batchLength));
  for (; at < pairs.length; at += 2) insert.run(pairs[at], pairs[at + 1]);
}
