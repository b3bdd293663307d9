import type { Database } from 'better-sqlite3';
import type { LongboxDb } from '../db';
import type { Changes } from './detect-changes';
import { type OrphanCandidates, prepareCleanupStatements, removeOrphanCandidates, removeOrphans } from './phases/cleanup';
import { deleteComics } from './phases/delete';
import { applyMoves } from './phases/move';
import type { ResolvedImportOptions } from './options';
import { clearSweepsOwed, isAnySweepOwed } from './queries/library';
import { onDiskChecker } from '../walk/walk';
import { collectStoredReferences } from './write-chunk';

/*
 * What the phases before and after the chunks do, each run by the orchestrator inside its phase.
 * `orphans` is a scoped run's cleanup candidates (undefined: a full scan sweeps everything).
 */

/** The move phase: displaced comics go, moved comics and folders take their new paths. */
export function moveComics(client: Database, { folders, diff, plan }: Changes, orphans: OrphanCandidates | undefined): void {
  if (orphans) collectStoredReferences(client, plan.displaced, orphans);
  applyMoves(client, { folders, folderMoves: diff.folderMoves, moves: diff.moved, displaced: plan.displaced, restat: diff.restat, stale: plan.stale });
}

/** Comics whose file is still gone, checked on disk once more right before they are deleted. */
export function stillVanished(root: string, { plan }: Changes): number[] {
  const onDisk = onDiskChecker(root);
  return plan.vanished.filter((comic) => !onDisk(comic.path)).map((comic) => comic.id);
}

/** The delete phase; counts the displaced comics the move phase deleted too. */
export function deleteVanished(client: Database, vanished: readonly number[], { plan }: Changes, orphans: OrphanCandidates | undefined): number {
  if (orphans) collectStoredReferences(client, vanished, orphans);
  return deleteComics(client, vanished) + plan.displaced.length;
}

/**
 * The cleanup phase: reference rows and folders no comic uses any more. A full scan sweeps every
 * table when a library owes a sweep (this run, an unfinished earlier one, or another library's
 * run changed something) or the run is forced, and the sweep, which covers every library, pays
 * them all; a scoped run judges only the rows it touched, and leaves the debt to the next full
 * scan.
 */
export function removeUnused(db: LongboxDb, { folders }: Pick<Changes, 'folders'>, orphans: OrphanCandidates | undefined, { force }: Pick<ResolvedImportOptions, 'force'>) {
  const client = db.$client;
  if (orphans) {
    orphans.addFolders(folders.ids());
    return removeOrphanCandidates(client, orphans);
  }
  if (!force && !isAnySweepOwed(db)) return { references: 0, folders: 0 };
  const removed = removeOrphans(prepareCleanupStatements(client));
  clearSweepsOwed(db);
  return removed;
}
