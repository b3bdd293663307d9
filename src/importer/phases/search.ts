import type { Database } from 'better-sqlite3';
import { comicsFtsColumns } from '../../schema';
import type { WrittenComic } from './create-update';

export function prepareSearchStatements(client: Database) {
  return {
    insert: client.prepare(`INSERT INTO comics_fts (rowid, ${comicsFtsColumns.join(', ')}) VALUES (?, ${comicsFtsColumns.map(() => '?').join(', ')})`),
    remove: client.prepare('DELETE FROM comics_fts WHERE rowid = ?'),
  };
}

export type SearchStatements = ReturnType<typeof prepareSearchStatements>;

/** Phase "search": one comics_fts row per comic, rewritten only when its text changed. */
export function indexForSearch(
  statements: SearchStatements,
  written: readonly WrittenComic[],
  stored: ReadonlyMap<number, string[]>,
): number {
  let changes = 0;
  for (const comic of written) {
    const previous = stored.get(comic.id);
    if (previous && previous.length === comic.search.length && previous.every((text, index) => text === comic.search[index])) continue;
    if (previous) statements.remove.run(comic.id);
    statements.insert.run(comic.id, ...comic.search);
    changes++;
  }
  return changes;
}
