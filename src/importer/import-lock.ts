import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { createError } from '../errors';
import { describeFsError } from '../fs-errors';

/** What the lock guards: imports and cover runs each take their own. */
type LockTask = 'import' | 'covers';

/**
 * One import per database at a time, across processes: an import remembers reference rows it
 * resolved for its whole run, which another import's cleanup could delete under it. The lock is
 * a file beside the database holding the owner's pid, created atomically: the pid is written to a
 * private temporary file first, which is then hard-linked to the lock path (link fails if the
 * path exists), so nobody ever sees an empty lock. A lock whose owner is dead is broken under a
 * second lock of the same kind, so two processes breaking it cannot both win. Returns the
 * release function. Cover runs take a lock of their own (`task` 'covers'): two of them would
 * sweep each other's new files.
 */
export function acquireImportLock(databasePath: string, task: LockTask = 'import'): () => void {
  const lockPath = `${databasePath}-${task}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, task)) return () => rmSync(lockPath, { force: true });
    const owner = ownerOf(lockPath, task);
    if (owner === undefined) continue; // released meanwhile
    if (isAlive(owner)) throw busy(owner, task);
    breakStaleLock(lockPath, owner, task);
  }
  throw createError('BUSY', `could not take the ${task} lock ${lockPath}: other runs keep taking it; try again`);
}

/** Creates `path` holding this process's pid, atomically; false when it exists. */
function tryCreate(path: string, task: LockTask): boolean {
  const temporary = `${path}.${process.pid}.${threadId}.tmp`;
  try {
    writeFileSync(temporary, String(process.pid));
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw createError('BUSY', `cannot create the ${task} lock ${path}: ${cannotCreate(error)}`, error);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** The pid in a lock file; undefined when the file is gone. */
function ownerOf(path: string, task: LockTask): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw createError('BUSY', `cannot read the ${task} lock ${path}: ${describeFsError(error)}`, error);
  }
}

/** describeFsError speaks of reading; a lock is created by writing in the database's folder. */
function cannotCreate(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return "this user cannot write in the database's folder: give it write access";
  if (code === 'ENOENT') return "the database's folder does not exist";
  return describeFsError(error);
}

/**
 * Removes the lock of dead `owner`, only while holding the breaker lock and only if the lock
 * still names that owner: of two processes that found it stale, the second sees the first's
 * fresh lock (or none) and leaves it alone.
 */
function breakStaleLock(lockPath: string, owner: number, task: LockTask): void {
  const breaker = `${lockPath}.break`;
  if (!tryCreate(breaker, task)) {
    const breakerOwner = ownerOf(breaker, task);
    // A breaker left by a process that died within those few calls.
    if (breakerOwner !== undefined && !isAlive(breakerOwner)) rmSync(breaker, { force: true });
    return;
  }
  try {
    if (ownerOf(lockPath, task) === owner) rmSync(lockPath, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

function busy(owner: number, task: LockTask) {
  return createError('BUSY', `another ${task === 'import' ? 'import' : 'cover run'} of this database is running (process ${owner}); wait for it to finish`);
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
