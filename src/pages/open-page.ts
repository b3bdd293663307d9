import { join } from 'node:path';
import type { LongboxDb } from '../db';
import type { ComicPage } from '../schema/comic-page';
import { type PageResult, readPage, type ReadPageOptions, type StoredFile } from './read-page';

/** A comic's file and page list as stored, or why there is none to read from. */
export type StoredPages = { ok: true; file: StoredFile; pages: ComicPage[] } | { ok: false; reason: string };

export function storedPages(db: LongboxDb, comicId: number): StoredPages {
  const row = db.$client
    .prepare(
      `SELECT l.path AS root, c.path, c.size, c.mtime, p.pages
       FROM comics c JOIN libraries l ON l.id = c.library_id LEFT JOIN comic_pages p ON p.comic_id = c.id WHERE c.id = ?`,
    )
    .get(comicId) as { root: string; path: string; size: number; mtime: number; pages: string | null } | undefined;
  if (row === undefined) return { ok: false, reason: `no comic has id ${comicId}` };
  // A negative mtime marks a comic the import has not finished writing (see INCOMPLETE_MTIME).
  if (row.pages === null || row.mtime < 0) return { ok: false, reason: `comic ${comicId} has no page list yet; import the library to complete it` };
  return {
    ok: true,
    file: { path: join(row.root, row.path), size: row.size, mtime: row.mtime },
    pages: JSON.parse(row.pages) as ComicPage[],
  };
}

/**
 * The bytes and media type of page `index` (0-based, reading order) of a comic, read from its
 * archive at the entry the import stored; a PDF page is rendered to PNG. Never throws for a bad
 * file or index: the result says NOT_FOUND, FILE_CHANGED (import again) or UNREADABLE, with a reason.
 */
export async function openPage(db: LongboxDb, comicId: number, index: number, options: ReadPageOptions = {}): Promise<PageResult> {
  const stored = storedPages(db, comicId);
  if (!stored.ok) return { ok: false, code: 'NOT_FOUND', reason: stored.reason };
  return readPage(stored.file, stored.pages, index, options);
}
