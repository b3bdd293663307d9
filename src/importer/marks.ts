/*
 * Marks in comics.mtime that say a comic's row is not (or no longer) what its file holds. Only
 * the finish phase writes the real stat, so a run that stops before it re-reads the comic next
 * time: no mark survives a run that completes.
 */

/**
 * A new comic is inserted with mtime -1: "not complete yet". The finish phase writes the real
 * stat after its links and search row, so a crash in between makes the next run re-read it.
 */
export const INCOMPLETE_MTIME = -1;

/**
 * A known comic whose stored content must be read again (it was moved under a name that says
 * something else). Stored by the move phase, replaced by the real mtime in the finish phase.
 */
export const STALE_MTIME = -2;
