import type { ImportPhase } from './options';

/** What an import did, for people (the CLI summary) and programs (`--json`). */
export interface ImportReport {
  libraryId: number;
  root: string;
  comics: {
    created: number;
    updated: number;
    unchanged: number;
    moved: number;
    deleted: number;
    failed: number;
    /** Files that failed before and have not changed since: not read again, still failed. */
    stillFailed: number;
  };
  /** Fields dropped or clamped while cleaning metadata (the comic itself imported). */
  warnings: { count: number; sample: { path: string; message: string }[] };
  /**
   * Rows of every reference table, not only `tags`: the 26 tables a comic points at, directly or
   * through another row (publishers, imprints, series, volumes, credits with their persons and
   * roles, characters ... tags, story arcs, reprints, identifiers and their sources). `created`:
   * rows this run inserted; `removed`: rows cleanup deleted because no comic used them any more.
   * The key keeps its old name so the `--json` report's shape stays stable.
   */
  tags: { created: number; removed: number };
  /**
   * Folder rows this run inserted, and rows cleanup deleted because they held no comic any more:
   * every one, the sub-folders a removed folder took with it included.
   */
  folders: { created: number; removed: number };
  /** Files or folders the scan could not read: skipped, never deleted. */
  unreadable: { path: string; reason: string }[];
  /** Milliseconds per phase, summed over chunks. */
  phases: Partial<Record<ImportPhase, number>>;
  totalMs: number;
  /** Comics read and written (created, updated, failed) per second of the whole import. */
  comicsPerSecond: number;
}
