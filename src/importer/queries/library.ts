import { and, eq } from 'drizzle-orm';
import type { LongboxDb } from '../../db';
import { libraries } from '../../schema';

/** The library row for an absolute root path, created on first import. */
export function findOrCreateLibrary(db: LongboxDb, root: string): number {
  db.insert(libraries).values({ path: root }).onConflictDoNothing().run();
  return db.select({ id: libraries.id }).from(libraries).where(eq(libraries.path, root)).get()!.id;
}

export function findLibrary(db: LongboxDb, root: string): number | undefined {
  return db.select({ id: libraries.id }).from(libraries).where(eq(libraries.path, root)).get()?.id;
}

/** Whether a full scan of the library must sweep for unused rows (see libraries.sweepOwed). */
export function isSweepOwed(db: LongboxDb, libraryId: number): boolean {
  return db.select({ owed: libraries.sweepOwed }).from(libraries).where(eq(libraries.id, libraryId)).get()?.owed ?? true;
}

export function setSweepOwed(db: LongboxDb, libraryId: number, owed: boolean): void {
  db.update(libraries)
    .set({ sweepOwed: owed })
    .where(and(eq(libraries.id, libraryId), eq(libraries.sweepOwed, !owed)))
    .run();
}
