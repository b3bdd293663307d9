import type { Database } from 'better-sqlite3';
import { coverIndexOf } from '../../pages/page-list';
import type { ComicPage } from '../../schema';

export function preparePageStatements(client: Database) {
  return {
    // Rewritten only when the list differs, so a forced re-import of unchanged files writes nothing.
    upsert: client.prepare(
      `INSERT INTO comic_pages (comic_id, pages, cover_index) VALUES (?, ?, ?)
       ON CONFLICT (comic_id) DO UPDATE SET pages = excluded.pages, cover_index = excluded.cover_index
       WHERE pages IS NOT excluded.pages OR cover_index IS NOT excluded.cover_index`,
    ),
  };
}

export type PageStatements = ReturnType<typeof preparePageStatements>;

/**
 * Phase "pages": every comic read in this chunk gets its page list, one row per comic. It runs
 * before "finish", so a crash in between leaves the comic incomplete (or with its old stat) and
 * the next run reads it again. A comic that only moved is not read and keeps its list.
 */
export function writePageLists(statements: PageStatements, comics: readonly { id: number; pages: readonly ComicPage[] }[]): number {
  let changes = 0;
  for (const { id, pages } of comics) changes += statements.upsert.run(id, JSON.stringify(pages), coverIndexOf(pages)).changes;
  return changes;
}
