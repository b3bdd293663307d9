import type { Database } from 'better-sqlite3';
import type { CoverJob, CoverOutcome } from './make-cover';

const NOW_MS = `cast(unixepoch('subsec') * 1000 as integer)`;
/** The row is written only if the comic is still the file and page the cover was made from. */
const STILL_CURRENT = `EXISTS (SELECT 1 FROM comics c JOIN comic_pages p ON p.comic_id = c.id WHERE c.id = ? AND c.size = ? AND c.mtime = ? AND p.cover_index = ?)`;

export function prepareCoverWrites(client: Database) {
  const saveCover = client.prepare(
    `INSERT INTO covers (comic_id, path, width, height, page_index, size, mtime) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${STILL_CURRENT}
     ON CONFLICT (comic_id) DO UPDATE SET path = excluded.path, width = excluded.width, height = excluded.height,
       page_index = excluded.page_index, size = excluded.size, mtime = excluded.mtime, updated_at = ${NOW_MS}`,
  );
  const saveFailure = client.prepare(
    `INSERT INTO cover_failures (comic_id, page_index, size, mtime, reason) SELECT ?, ?, ?, ?, ? WHERE ${STILL_CURRENT}
     ON CONFLICT (comic_id) DO UPDATE SET page_index = excluded.page_index, size = excluded.size, mtime = excluded.mtime,
       reason = excluded.reason, updated_at = ${NOW_MS}`,
  );
  const removeCover = client.prepare('DELETE FROM covers WHERE comic_id = ?');
  // A comic rewritten without an image page is never planned again: its old cover must go.
  const PAGELESS = `SELECT c.id FROM comics c JOIN comic_pages p ON p.comic_id = c.id WHERE c.mtime >= 0 AND p.pages = '[]'`;
  const removePagelessCovers = client.prepare(`DELETE FROM covers WHERE comic_id IN (${PAGELESS})`);
  const removePagelessFailures = client.prepare(`DELETE FROM cover_failures WHERE comic_id IN (${PAGELESS})`);
  const removeFailure = client.prepare('DELETE FROM cover_failures WHERE comic_id = ?');
  const write = client.transaction((results: readonly { job: CoverJob; outcome: CoverOutcome }[]) => {
    for (const { job, outcome } of results) {
      const { comicId, pageIndex } = job;
      const { size, mtime } = job.file;
      if (outcome.ok) {
        saveCover.run(comicId, outcome.path, outcome.width, outcome.height, pageIndex, size, mtime, comicId, size, mtime, pageIndex);
        removeFailure.run(comicId);
      } else if (!outcome.stale) {
        saveFailure.run(comicId, pageIndex, size, mtime, outcome.reason, comicId, size, mtime, pageIndex);
        // A stale cover is not shown for a comic whose new cover failed; its file goes in the sweep.
        removeCover.run(comicId);
      }
    }
  });
  const removePageless = client.transaction(() => {
    removePagelessCovers.run();
    removePagelessFailures.run();
  });
  return {
    write: (results: readonly { job: CoverJob; outcome: CoverOutcome }[]) => write.immediate(results),
    /** Drops the cover rows of comics that have no page any more; the sweep then removes their files. */
    removePageless: () => removePageless.immediate(),
  };
}
