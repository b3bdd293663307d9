import { eq } from 'drizzle-orm';
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
