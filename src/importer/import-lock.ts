import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { createError } from '../errors';

/**
 * One import per database at a time, across processes: an import remembers every reference row
 * it resolved for its whole run, which another import's cleanup could delete under it. The lock
 * is a file beside the database holding the owner's pid; a file left by a dead process is taken
 * over. Returns the release function. Cover runs take a lock of their own (`task` 'covers'): two
 * of them would sweep each other's new files.
 */
export function acquireImportLock(databasePath: string, task: 'import' | 'covers' = 'import'): () => void {
  const lockPath = `${databasePath}-${task}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8'));
      if (isAlive(owner)) {
        throw createError('BUSY', `another ${task === 'import' ? 'import' : 'cover run'} of this database is running (process ${owner}); wait for it to finish`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw createError('BUSY', `could not take the ${task} lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
