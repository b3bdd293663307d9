import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `<database file>-covers`, beside it like its -wal and -shm files: two databases never share one. */
export function coversDirOf(databasePath: string): string {
  return `${databasePath}-covers`;
}

/**
 * Temp files start with a dot: a sweep removes leftovers of a killed run. (Here, not in
 * make-cover.ts, which configures sharp for the worker threads only.)
 */
export const TEMP_PREFIX = '.tmp-';

const COVER_NAME = /^[0-9a-f]{32}\.webp$/;
const SHARD = /^[0-9a-f]{2}$/;

/** Every cover file and leftover temp file under the folder, as paths relative to it. */
export function listCoverFiles(coversDir: string): { covers: Set<string>; temps: string[] } {
  const covers = new Set<string>();
  const temps: string[] = [];
  for (const shard of readdirOrEmpty(coversDir)) {
    if (!SHARD.test(shard)) continue;
    for (const name of readdirOrEmpty(join(coversDir, shard))) {
      if (COVER_NAME.test(name)) covers.add(`${shard}/${name}`);
      else if (name.startsWith(TEMP_PREFIX)) temps.push(`${shard}/${name}`);
    }
  }
  return { covers, temps };
}

/** Only files this folder's naming scheme made are ever removed. */
export function removeCoverFiles(coversDir: string, paths: Iterable<string>): number {
  let removed = 0;
  for (const path of paths) {
    rmSync(join(coversDir, path), { force: true });
    removed++;
  }
  return removed;
}

function readdirOrEmpty(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
