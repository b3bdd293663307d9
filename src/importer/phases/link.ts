import type { Database, Statement } from 'better-sqlite3';
import { type LinkKind, linkKinds, linkTables } from '../queries/link-tables';
import { columnName, tableName } from '../queries/sql-names';
import type { WrittenComic } from './create-update';

export type LinkStatements = Record<LinkKind, { insert: Statement; remove: Statement }>;

export function prepareLinkStatements(client: Database): LinkStatements {
  return Object.fromEntries(
    linkKinds.map((kind) => {
      const { table, comic, target } = linkTables[kind];
      return [
        kind,
        {
          insert: client.prepare(`INSERT INTO ${tableName(table)} (${columnName(comic)}, ${columnName(target)}) VALUES (?, ?)`),
          remove: client.prepare(`DELETE FROM ${tableName(table)} WHERE ${columnName(comic)} = ? AND ${columnName(target)} = ?`),
        },
      ];
    }),
  ) as LinkStatements;
}

/**
 * Phase "link": makes every join table hold exactly the comic's current targets. A new comic
 * gets inserts only; a known one gets the difference against `stored` (its links before).
 */
export function linkComics(
  statements: LinkStatements,
  written: readonly WrittenComic[],
  stored: ReadonlyMap<LinkKind, ReadonlyMap<number, number[]>>,
): number {
  let changes = 0;
  for (const kind of linkKinds) {
    const { insert, remove } = statements[kind];
    const storedOfKind = stored.get(kind);
    for (const comic of written) {
      const wanted = new Set(comic.links[kind]);
      if (comic.isNew) {
        for (const target of wanted) insert.run(comic.id, target);
        changes += wanted.size;
        continue;
      }
      const existing = new Set(storedOfKind?.get(comic.id) ?? []);
      for (const target of wanted) {
        if (!existing.has(target)) {
          insert.run(comic.id, target);
          changes++;
        }
      }
      for (const target of existing) {
        if (!wanted.has(target)) {
          remove.run(comic.id, target);
          changes++;
        }
      }
    }
  }
  return changes;
}
