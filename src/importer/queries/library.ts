import { eq } from 'drizzle-orm';
import type { LongboxDb } from '../../db';
import { libraries } from '../../schema';
import { tableName } from './sql-names';

/** The library row for an absolute root path, created on first import. */
export function findOrCreateLibrary(db: LongboxDb, root: string): number {
  db.insert(libraries).values({ path: root }).onConflictDoNothing().run();
  return db.select({ id: libraries.id }).from(libraries).where(eq(libraries.path, root)).get()!.id;
}

export function findLibrary(db: LongboxDb, root: string): number | undefined {
  return db.select({ id: libraries.id }).from(libraries).where(eq(libraries.path, root)).get()?.id;
}

/** Whether this library owes a sweep for unused rows (see libraries.sweepOwed). */
export function isSweepOwed(db: LongboxDb, libraryId: number): boolean {
  return db.select({ owed: libraries.sweepOwed }).from(libraries).where(eq(libraries.id, libraryId)).get()?.owed ?? true;
}

/**
 * Whether any library owes a sweep. The reference tables are shared by every library, so a
 * library whose own scans cannot run (its root is gone) must not leave rows it orphaned to wait:
 * another library's full scan sweeps for it (see clearSweepsOwed).
 */
export function isAnySweepOwed(db: LongboxDb): boolean {
  return db.select({ id: libraries.id }).from(libraries).where(eq(libraries.sweepOwed, true)).limit(1).get() !== undefined;
}

/**
 * Raw SQL, not drizzle's update: that would bump updated_at, which says when the library itself
 * changed, not when an import kept its books. Writes only when the value changes.
 */
export function markSweepOwed(db: LongboxDb, libraryId: number): void {
  db.$client.prepare(`UPDATE ${tableName(libraries)} SET sweep_owed = 1 WHERE id = ? AND sweep_owed = 0`).run(libraryId);
}

/**
 * After a full sweep, which covers every library's rows and folders (see removeOrphans): no
 * library owes one. Raw SQL as above.
 */
export function clearSweepsOwed(db: LongboxDb): void {
  db.$client.prepare(`UPDATE ${tableName(libraries)} SET sweep_owed = 0 WHERE sweep_owed = 1`).run();
}
