import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { LongboxDb } from '../db';
import { createError } from '../errors';
import { assertLibraryRoot, realPathOrResolved } from '../paths';
import { libraries } from '../schema';
import { findLibrary } from './queries/library';

/**
 * Points a library at the folder it now lives in (a disk mounted elsewhere, a renamed share),
 * keeping every comic id: an import of the new path alone would see a new, empty library.
 * The new folder must exist; the old path is matched as it was stored (it may be gone).
 */
export function relocateLibrary(db: LongboxDb, from: string, to: string): { libraryId: number; root: string } {
  const storedPaths = new Set([resolve(from), realPathOrResolved(from)]);
  const libraryId = [...storedPaths].map((path) => findLibrary(db, path)).find((id) => id !== undefined);
  if (libraryId === undefined) throw createError('USAGE', `no library is stored for ${resolve(from)}`);
  const root = realPathOrResolved(to);
  assertLibraryRoot(root, 'the library was not relocated');
  const existing = findLibrary(db, root);
  if (existing !== undefined && existing !== libraryId) throw createError('USAGE', `a library is already stored for ${root}`);
  db.update(libraries).set({ path: root }).where(eq(libraries.id, libraryId)).run();
  return { libraryId, root };
}
