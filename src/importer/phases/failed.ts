import type { Database } from 'better-sqlite3';
import { failedImports } from '../../schema';
import { columnList, tableName } from '../queries/sql-names';
import type { FileStat } from '../../walk/file-list';
import { NOW_MS_SQL } from '../../schema/timestamps';

export interface FailedFile {
  file: FileStat;
  reason: string;
}

export function prepareFailureStatements(client: Database) {
  const t = tableName(failedImports);
  return {
    // Rewritten only when the failure itself changed, so a second run writes nothing.
    upsert: client.prepare(
      `INSERT INTO ${t} (${columnList([failedImports.libraryId, failedImports.path, failedImports.mtime, failedImports.size, failedImports.reason])}) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (library_id, path) DO UPDATE SET mtime = excluded.mtime, size = excluded.size, reason = excluded.reason,
         updated_at = ${NOW_MS_SQL}
       WHERE mtime IS NOT excluded.mtime OR size IS NOT excluded.size OR reason IS NOT excluded.reason`,
    ),
    remove: client.prepare(`DELETE FROM ${t} WHERE library_id = ? AND path = ?`),
  };
}

export type FailureStatements = ReturnType<typeof prepareFailureStatements>;

/**
 * Phase "failed": a file that could not be read gets (or updates) its failed_imports row; a file
 * that now imports, or is gone, loses it. A failure never stops the import, and a comic that
 * was imported before keeps its row: nothing already stored is lost to a bad read.
 */
export function recordFailures(
  statements: FailureStatements,
  libraryId: number,
  failed: readonly FailedFile[],
  resolvedPaths: readonly string[],
): number {
  let changes = 0;
  for (const { file, reason } of failed) changes += statements.upsert.run(libraryId, file.path, file.mtime, file.size, reason).changes;
  for (const path of resolvedPaths) changes += statements.remove.run(libraryId, path).changes;
  return changes;
}
