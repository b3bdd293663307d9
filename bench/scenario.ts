import { writeFileSync } from 'node:fs';
import { importLibrary } from '../src/importer/import-library';
import type { ImportReport } from '../src/importer/report';
import type { ImportOptions } from '../src/importer/options';

/**
 * One import, alone in its process, for `npm run bench` (bench/run.ts spawns it):
 *   node --import tsx bench/scenario.ts '<json ScenarioJob>'
 * so that each scenario's peak RSS is its own. maxRSS covers the worker threads too (they share
 * the process). Writes a ScenarioResult as JSON to `job.result`.
 */
export interface ScenarioJob {
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

const job = JSON.parse(process.argv[2] ?? '') as ScenarioJob;
const startRssKiB = Math.round(process.memoryUsage().rss / 1024);
const startedCpu = process.cpuUsage();
const started = performance.now();
const report = await importLibrary(job.db, job.root, job.options);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(startedCpu);
const cpuMs = (cpu.user + cpu.system) / 1000;
const result: ScenarioResult = { wallMs, peakRssKiB: process.resourceUsage().maxRSS, startRssKiB, cpuMs, report };
writeFileSync(job.result, JSON.stringify(result));
