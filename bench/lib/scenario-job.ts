import type { ImportOptions, ImportReport } from '../../src';

/** What bench/scenario.mjs is given: one import to run, and where to write its ScenarioResult. */
export interface ScenarioJob {
  /** The longbox entry to import: dist/index.js (what users run) or src/index.ts (through tsx). */
  module: string;
  db: string;
  root: string;
  options: Pick<ImportOptions, 'force' | 'workers' | 'chunkSize' | 'tuning'>;
  result: string;
}

export interface ScenarioResult {
  /** Wall time of the importLibrary call: open, migrate, import, PRAGMA scope end, close. */
  wallMs: number;
  /** Peak resident set of the process (KiB), read at the end. */
  peakRssKiB: number;
  /** Resident set just before the import started (KiB): what loading the code costs. */
  startRssKiB: number;
  /**
   * CPU time of the whole process during the import (user + system, every thread), ms. Over
   * wallMs it says how many cores the import kept busy.
   */
  cpuMs: number;
  report: ImportReport;
}
