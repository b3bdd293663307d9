import type { Database } from 'better-sqlite3';
import type { LongboxDb } from '../db';
import { assertSynchronous, runPhase } from '../db';
import type { Changes } from './detect-changes';
import type { ImportPhase, ResolvedImportOptions } from './options';
import type { OrphanCandidates } from './phases/cleanup';
import { prepareComicWrites } from './phases/create-update';
import { prepareFailureStatements } from './phases/failed';
import { prepareLinkStatements } from './phases/link';
import { preparePageStatements } from './phases/pages';
import { createReferenceResolvers } from './phases/references';
import { prepareSearchStatements } from './phases/search';
import { isSweepOwed, markSweepOwed } from './queries/library';
import { prepareTotalChanges } from './queries/total-changes';
import type { Timer } from './timer';
import type { ChunkContext, PhaseRunner } from './write-chunk';

/** Phases that cannot leave a row unused: removing unused rows, and restating folders. */
const LEAVES_NOTHING_UNUSED: ReadonlySet<ImportPhase> = new Set(['cleanup', 'folders']);

/**
 * Each phase: an abort check, then its own transaction (unless tuned off), timed. The first phase
 * that changes a row also marks the library's sweep as owed, inside its own transaction, so the
 * mark commits with the change (see libraries.sweepOwed); cleanup clears it once it has swept.
 * Without phase transactions (tuned off, to measure them) each statement commits alone, so the
 * mark is written before the first phase that may change a row instead.
 */
export function createPhaseRunner(db: LongboxDb, libraryId: number, options: ResolvedImportOptions, timer: Timer): PhaseRunner {
  const changes = prepareTotalChanges(db.$client);
  const inTransaction = options.tuning.phaseTransactions;
  let owed = isSweepOwed(db, libraryId);
  const owe = () => {
    markSweepOwed(db, libraryId);
    owed = true;
  };
  const marking =
    <T>(name: ImportPhase, fn: () => T) =>
    (): T => {
      if (owed || LEAVES_NOTHING_UNUSED.has(name)) return fn();
      if (!inTransaction) owe();
      const before = changes.get();
      const result = fn();
      if (changes.get() !== before) owe();
      return result;
    };
  return (name, fn) => {
    options.signal?.throwIfAborted();
    assertSynchronous(name, fn);
    return timer.time(name, () => (inTransaction ? runPhase(db, name, marking(name, fn)) : marking(name, fn)()));
  };
}

/** What every chunk of one import writes with: prepared statements, resolvers, the run's facts. */
export function createChunkContext(
  client: Database,
  changes: Pick<Changes, 'libraryId' | 'folders' | 'plan' | 'failedBefore'>,
  run: { orphans: OrphanCandidates | undefined; phase: PhaseRunner; timer: Timer },
): ChunkContext {
  return {
    client,
    libraryId: changes.libraryId,
    statements: {
      comics: prepareComicWrites(client),
      links: prepareLinkStatements(client),
      search: prepareSearchStatements(client),
      failures: prepareFailureStatements(client),
      pages: preparePageStatements(client),
    },
    references: createReferenceResolvers(client),
    folders: changes.folders,
    failedBefore: changes.failedBefore,
    incomplete: changes.plan.incomplete,
    ...run,
  };
}
