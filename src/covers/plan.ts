import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ComicPage } from '../schema/comic-page';
import type { CoverJob } from './make-cover';

/**
 * Which comics need a cover made: complete comics (mtime >= 0) with at least one page whose cover
 * row is missing or stale (made from another file, by size and mtime as the import tells them
 * apart, or from another page), and that did not already fail for this very file and page (a
 * hostile image is not decoded again on every run).
 */
const HAS_PAGES = `c.mtime >= 0 AND p.pages <> '[]'`;
const CURRENT_COVER = `v.size IS c.size AND v.mtime = c.mtime AND v.page_index = p.cover_index`;
const NEEDS_COVER = `${HAS_PAGES} AND (v.comic_id IS NULL OR NOT (${CURRENT_COVER}))
  AND (f.comic_id IS NULL OR f.size IS NOT c.size OR f.mtime <> c.mtime OR f.page_index <> p.cover_index)`;

const FROM = `FROM comics c JOIN comic_pages p ON p.comic_id = c.id
  LEFT JOIN covers v ON v.comic_id = c.id LEFT JOIN cover_failures f ON f.comic_id = c.id`;

const JOB_COLUMNS = `c.id, l.path AS root, c.path, c.size, c.mtime, p.cover_index AS pageIndex,
  json_extract(p.pages, '$[' || p.cover_index || ']') AS page`;

interface JobRow {
  id: number;
  root: string;
  path: string;
  size: number;
  mtime: number;
  pageIndex: number;
  page: string;
}

export function prepareCoverPlan(client: Database) {
  const count = client.prepare(`SELECT count(*) ${FROM} WHERE ${NEEDS_COVER}`).pluck();
  // In id order, a chunk at a time: a first run over 600k comics never holds every job at once.
  const chunk = client.prepare(`SELECT ${JOB_COLUMNS} ${FROM} JOIN libraries l ON l.id = c.library_id WHERE ${NEEDS_COVER} AND c.id > ? ORDER BY c.id LIMIT ?`);
  // A current cover row whose file is gone (a covers folder deleted by hand) is made again; a
  // stale one is in the chunks already.
  const one = client.prepare(`SELECT ${JOB_COLUMNS} ${FROM} JOIN libraries l ON l.id = c.library_id WHERE c.id = ? AND ${HAS_PAGES} AND ${CURRENT_COVER}`);
  const toJob = (row: JobRow): CoverJob => ({
    comicId: row.id,
    file: { path: join(row.root, row.path), size: row.size, mtime: row.mtime },
    page: JSON.parse(row.page) as ComicPage,
    pageIndex: row.pageIndex,
  });
  return {
    count: () => count.get() as number,
    chunk: (afterId: number, limit: number): CoverJob[] => (chunk.all(afterId, limit) as JobRow[]).map(toJob),
    one: (comicId: number): CoverJob | undefined => {
      const row = one.get(comicId) as JobRow | undefined;
      return row === undefined ? undefined : toJob(row);
    },
  };
}
