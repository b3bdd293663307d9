import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { ImportReport } from '../../src/importer/report';
import type { BatchJob, BatchResult } from '../batch';
import type { FloorJob, ReadFloorResult, ScanFloorResult } from '../floor';
import type { ScenarioJob, ScenarioResult } from './scenario-job';
import { REPO_ROOT, runChild } from './child';
import { ensureLibrary, type LibraryKey, prepareWorkCopy } from './libraries';
import { machineInfo, type MachineInfo } from './machine';
import { middleOf } from './median';
import { mutateShare } from './mutations';
import type { WriteFloorResult } from './write-floor';

export const IMPORT_SCENARIOS = ['fresh', 'no-change', 'forced', 'modified', 'moved', 'deleted'] as const;
export type ImportScenario = (typeof IMPORT_SCENARIOS)[number];
/** Everything `--scenarios` accepts: the import scenarios, the floors, the watch batches, the ablation. */
export const ALL_SCENARIOS = [...IMPORT_SCENARIOS, 'floors', 'batch', 'ablation'] as const;
export type ScenarioName = (typeof ALL_SCENARIOS)[number];
export type BenchProfile = LibraryKey['profile'];

export const ABLATION_CONFIGS = ['tuned', 'untuned', 'transactions only', 'cache_size only', 'wal_autocheckpoint only'] as const;
export type AblationConfig = (typeof ABLATION_CONFIGS)[number];
const TUNING: Record<AblationConfig, { phaseTransactions: boolean; cacheSize: boolean; walAutocheckpoint: boolean }> = {
  tuned: { phaseTransactions: true, cacheSize: true, walAutocheckpoint: true },
  untuned: { phaseTransactions: false, cacheSize: false, walAutocheckpoint: false },
  'transactions only': { phaseTransactions: true, cacheSize: false, walAutocheckpoint: false },
  'cache_size only': { phaseTransactions: false, cacheSize: true, walAutocheckpoint: false },
  'wal_autocheckpoint only': { phaseTransactions: false, cacheSize: false, walAutocheckpoint: true },
};

/** Share of the library the modified, moved and deleted scenarios change. */
export const CHANGED_SHARE = 0.1;

export interface BenchOptions {
  count: number;
  profiles: BenchProfile[];
  scenarios: ScenarioName[];
  seed: number;
  ablationCount: number;
  /** Reader threads for the import (and the threaded read floor); undefined = the importer's default. */
  workers?: number;
  chunkSize?: number;
  librariesDir: string;
  /** Write CPU profiles of every child process here (`--cpu-prof`). */
  cpuProfDir?: string;
  /**
   * What the imports run: the built package in plain Node ('dist', as users run it; built by
   * bench/run.ts) or the sources through tsx ('source', `--from-source`).
   */
  code: 'dist' | 'source';
  /** Also measure the batch scenario on a realistic library of this size, as a ratio to --count's. */
  batchCompareCount?: number;
  command: string;
}

/** Timed one-file batches per library (after one untimed warm-up), and comics rewritten under watch. */
export const BATCHES = 9;
export const WATCH_WRITES = 3;

export interface BatchRow {
  profile: BenchProfile;
  count: number;
  /** Median wall time of a one-file batch (`importLibrary(db, root, { paths: [file] })` after touching it). */
  medianMs: number;
  result: BatchResult;
}

/** The batch scenario at a second library size, against the realistic one at --count. */
export interface BatchCompare {
  base: BatchRow;
  other: BatchRow;
  /** other median / base median: at most 1.5 is the target. */
  ratio: number;
}

export interface ScenarioRow {
  scenario: ImportScenario;
  /** The comics the scenario is about: the whole library, or the changed files. */
  relevant: number;
  wallMs: number;
  comicsPerSecond: number;
  peakRssKiB: number;
  startRssKiB: number;
  /** CPU time of every thread of the import's process, ms: cpuMs / wallMs is the cores kept busy. */
  cpuMs: number;
  totalMs: number;
  phases: ImportReport['phases'];
  comics: ImportReport['comics'];
  tags: ImportReport['tags'];
  /** Empty when the report's counts are what the change implies; else what differs. */
  check: string;
}

export interface FloorsRow {
  /** Wall time of the fresh import the floors are compared with. */
  importMs: number;
  read: ReadFloorResult;
  write: WriteFloorResult;
  /** What a no-change rescan cannot do without (bench/floor.ts): compared with the no-change wall. */
  scan: ScanFloorResult;
  /** The read floor: the faster of one thread and the threads. */
  readMs: number;
  ratios: { importOverRead: number; importOverWrite: number; importOverMaxFloor: number };
}

export interface ProfileResult {
  profile: BenchProfile;
  count: number;
  seed: number;
  library: string;
  scenarios: ScenarioRow[];
  floors?: FloorsRow;
  batch?: BatchRow;
  /** A scenario whose process failed ends the chain of its profile; the message is kept here. */
  errors: string[];
}

export interface AblationRow {
  config: AblationConfig;
  tuning: (typeof TUNING)[AblationConfig];
  wallMs: number;
  comicsPerSecond: number;
  peakRssKiB: number;
  phases: ImportReport['phases'];
  /** untuned wall time / this wall time: above 1 is faster than untuned. */
  speedupOverUntuned: number;
  /** Sum of the database phases (all but scan): the part the knobs act on; reading overlaps them. */
  dbPhasesMs: number;
  /** untuned dbPhasesMs / this dbPhasesMs. */
  dbSpeedupOverUntuned: number;
}

export interface AblationResult {
  profile: 'realistic';
  count: number;
  seed: number;
  rows: AblationRow[];
  /** Configurations whose process failed (left out of rows). */
  errors: string[];
}

export interface BenchResult {
  version: 1;
  startedAt: string;
  finishedAt: string;
  command: string;
  options: Omit<BenchOptions, 'command' | 'librariesDir' | 'cpuProfDir'> & { workersUsed: number };
  machine: MachineInfo;
  /** 1-minute load average at the start and the end: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
  notes: string[];
  profiles: ProfileResult[];
  batchCompare?: BatchCompare;
  ablation?: AblationResult;
}

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0]!;
  const librariesDir = resolve(options.librariesDir);
  const workDir = join(librariesDir, '.work');
  const machine = machineInfo();
  // The importer's own default: one reader per CPU less the writer's.
  const workersUsed = options.workers ?? Math.max(1, machine.cores - 1);
  const profiles: ProfileResult[] = [];
  const wants = (name: ScenarioName) => options.scenarios.includes(name);
  const importOptions = { workers: options.workers, chunkSize: options.chunkSize };
  const profDir = (name: string) => (options.cpuProfDir ? { cpuProfDir: join(options.cpuProfDir, name) } : {});
  const module = join(REPO_ROOT, options.code === 'dist' ? 'dist/index.js' : 'src/index.ts');
  const runScenario = (job: Omit<ScenarioJob, 'module'>, child: { cpuProfDir?: string } = {}) =>
    runChild<ScenarioResult, ScenarioJob>('bench/scenario.mjs', { module, ...job }, { ...child, tsx: options.code === 'source' });

  for (const profile of options.profiles) {
    // Every scenario but the ablation (which makes its own libraries) runs on this chain.
    if (options.scenarios.every((name) => name === 'ablation')) break;
    const key = { profile, count: options.count, seed: options.seed };
    const library = ensureLibrary(librariesDir, key, log);
    const work = join(workDir, `${profile}-${options.count}-s${options.seed}`);
    const root = prepareWorkCopy(library, work);
    const db = join(work, 'import.sqlite');
    const run = (scenario: ImportScenario | 'setup', force = false): ScenarioResult => {
      return runScenario({ db, root, options: { ...importOptions, force }, result: join(work, 'result.json') }, profDir(`${profile}-${options.count}-${scenario}`));
    };
    const rows: ScenarioRow[] = [];
    const record = (scenario: ImportScenario, result: ScenarioResult, relevant: number) => {
      const row = toRow(scenario, result, relevant, options.count);
      rows.push(row);
      log(`  ${profile} ${scenario}: ${(row.wallMs / 1000).toFixed(2)} s, ${row.comicsPerSecond.toFixed(0)} comics/s, CPU ${(row.cpuMs / 1000).toFixed(2)} s (${(row.cpuMs / row.wallMs).toFixed(2)} cores busy), peak RSS ${(row.peakRssKiB / 1024).toFixed(0)} MiB${row.check ? `, CHECK: ${row.check}` : ''}`);
    };

    // One chain per profile, on one working copy: every scenario starts from the database and
    // folder the previous one left, so no scenario needs its own setup import.
    let floors: FloorsRow | undefined;
    let batch: BatchRow | undefined;
    const errors: string[] = [];
    try {
      log(`${profile} ${options.count}: fresh import${wants('fresh') ? '' : ' (setup, not reported)'}`);
      const fresh = run(wants('fresh') ? 'fresh' : 'setup');
      if (wants('fresh')) record('fresh', fresh, options.count);
      if (wants('floors')) {
        log(`${profile} ${options.count}: floors`);
        floors = measureFloors(work, root, db, fresh.wallMs, workersUsed, profDir(`${profile}-${options.count}-floors`));
        log(`  read floor ${(floors.readMs / 1000).toFixed(2)} s, write floor ${(floors.write.ms / 1000).toFixed(2)} s, import / max(floors) ${floors.ratios.importOverMaxFloor.toFixed(2)}`);
      }
      if (wants('no-change')) record('no-change', run('no-change'), options.count);
      if (wants('batch')) {
        log(`${profile} ${options.count}: batch (${BATCHES} one-file batches, ${WATCH_WRITES} rewrites under watch)`);
        batch = measureBatch(profile, options, db, root, work, profDir(`${profile}-${options.count}-batch`));
        log(`  median batch ${batch.medianMs.toFixed(1)} ms, watch ${batch.result.watchMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      }
      if (wants('forced')) record('forced', run('forced', true), options.count);
      for (const kind of ['modified', 'moved', 'deleted'] as const) {
        if (!wants(kind)) continue;
        const changed = await mutateShare(root, kind, { profile, seed: options.seed, share: CHANGED_SHARE });
        log(`${profile} ${options.count}: ${kind} ${changed} files`);
        record(kind, run(kind), changed);
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
      log(`  ${profile}: ${errors.at(-1)}; the rest of this profile's chain is skipped`);
    }
    profiles.push({ profile, count: options.count, seed: options.seed, library, scenarios: rows, ...(floors ? { floors } : {}), ...(batch ? { batch } : {}), errors });
    rmSync(work, { recursive: true, force: true });
  }

  let batchCompare: BatchCompare | undefined;
  const base = profiles.find((p) => p.profile === 'realistic')?.batch;
  if (wants('batch') && options.batchCompareCount && base) {
    const key = { profile: 'realistic' as const, count: options.batchCompareCount, seed: options.seed };
    const library = ensureLibrary(librariesDir, key, log);
    const work = join(workDir, `realistic-${key.count}-s${key.seed}`);
    const root = prepareWorkCopy(library, work);
    const db = join(work, 'import.sqlite');
    log(`realistic ${key.count}: fresh import (setup for the batch comparison)`);
    runScenario({ db, root, options: importOptions, result: join(work, 'result.json') });
    const other = measureBatch('realistic', { ...options, count: key.count }, db, root, work, profDir(`realistic-${key.count}-batch`));
    batchCompare = { base, other, ratio: other.medianMs / base.medianMs };
    log(`  median batch ${other.medianMs.toFixed(1)} ms: ${batchCompare.ratio.toFixed(2)}x the ${base.count} library's`);
    rmSync(work, { recursive: true, force: true });
  }

  let ablation: AblationResult | undefined;
  if (wants('ablation') && options.ablationCount > 0) {
    const key = { profile: 'realistic' as const, count: options.ablationCount, seed: options.seed };
    const library = ensureLibrary(librariesDir, key, log);
    const work = join(workDir, `ablation-${options.ablationCount}-s${options.seed}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const errors: string[] = [];
    const results = ABLATION_CONFIGS.flatMap((config) => {
      log(`ablation, realistic ${options.ablationCount}: ${config}`);
      const job = {
        db: join(work, `${config.replaceAll(/\W+/g, '-')}.sqlite`),
        root: library,
        options: { ...importOptions, tuning: TUNING[config] },
        result: join(work, 'result.json'),
      };
      try {
        return [{ config, result: runScenario(job, profDir(`ablation-${options.ablationCount}-${config.replaceAll(/\W+/g, '-')}`)) }];
      } catch (error) {
        errors.push(`${config}: ${error instanceof Error ? error.message : String(error)}`);
        log(`  ${errors.at(-1)}`);
        return [];
      }
    });
    const untuned = results.find((r) => r.config === 'untuned')?.result;
    const untunedMs = untuned?.wallMs ?? Number.NaN;
    const untunedDbMs = untuned ? dbPhasesMs(untuned.report.phases) : Number.NaN;
    ablation = {
      profile: 'realistic',
      count: options.ablationCount,
      seed: options.seed,
      errors,
      rows: results.map(({ config, result }) => ({
        config,
        tuning: TUNING[config],
        wallMs: result.wallMs,
        comicsPerSecond: (options.ablationCount * 1000) / result.wallMs,
        peakRssKiB: result.peakRssKiB,
        phases: result.report.phases,
        speedupOverUntuned: untunedMs / result.wallMs,
        dbPhasesMs: dbPhasesMs(result.report.phases),
        dbSpeedupOverUntuned: untunedDbMs / dbPhasesMs(result.report.phases),
      })),
    };
    for (const row of ablation.rows) log(`  ${row.config}: ${(row.wallMs / 1000).toFixed(2)} s, ${row.speedupOverUntuned.toFixed(2)}x untuned`);
    rmSync(work, { recursive: true, force: true });
  }

  const { command, librariesDir: _dir, cpuProfDir: _prof, batchCompareCount: _compare, ...reported } = options;
  return {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    command,
    options: { ...reported, workersUsed },
    machine,
    loadAverage: { start: round2(loadAtStart), end: round2(loadavg()[0]!) },
    notes: notes(options),
    profiles,
    ...(batchCompare ? { batchCompare } : {}),
    ...(ablation ? { ablation } : {}),
  };
}

function measureBatch(profile: BenchProfile, options: Pick<BenchOptions, 'count' | 'seed'>, db: string, root: string, work: string, child: { cpuProfDir?: string }): BatchRow {
  const job: BatchJob = { db, root, profile, libraryCount: options.count, seed: options.seed, batches: BATCHES, watchWrites: WATCH_WRITES, result: join(work, 'batch.json') };
  const result = runChild<BatchResult, BatchJob>('bench/batch.ts', job, child);
  return { profile, count: options.count, medianMs: middleOf(result.batchMs), result };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function dbPhasesMs(phases: ImportReport['phases']): number {
  return Object.entries(phases).reduce((sum, [phase, ms]) => (phase === 'scan' || phase === 'read' ? sum : sum + (ms ?? 0)), 0);
}

function measureFloors(work: string, root: string, db: string, importMs: number, threads: number, child: { cpuProfDir?: string }): FloorsRow {
  const result = join(work, 'floor.json');
  const read = runChild<ReadFloorResult, FloorJob>('bench/floor.ts', { kind: 'read', root, threads, result }, child);
  // A copy, so the source is a closed, checkpointed file nobody else writes.
  const source = join(work, 'fresh-copy.sqlite');
  copyFileSync(db, source);
  for (const suffix of ['-wal', '-shm']) if (existsSync(db + suffix)) copyFileSync(db + suffix, source + suffix);
  const target = join(work, 'write-floor.sqlite');
  const write = runChild<WriteFloorResult, FloorJob>('bench/floor.ts', { kind: 'write', source, target, result }, child);
  for (const file of [source, target]) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const scan = runChild<ScanFloorResult, FloorJob>('bench/floor.ts', { kind: 'scan', root, result }, child);
  const readMs = Math.min(read.singleMs, read.threadedMs);
  return {
    importMs,
    read,
    write,
    scan,
    readMs,
    ratios: { importOverRead: importMs / readMs, importOverWrite: importMs / write.ms, importOverMaxFloor: importMs / Math.max(readMs, write.ms) },
  };
}

function toRow(scenario: ImportScenario, result: ScenarioResult, relevant: number, count: number): ScenarioRow {
  const { report } = result;
  return {
    scenario,
    relevant,
    wallMs: result.wallMs,
    comicsPerSecond: (relevant * 1000) / result.wallMs,
    peakRssKiB: result.peakRssKiB,
    startRssKiB: result.startRssKiB,
    cpuMs: result.cpuMs,
    totalMs: report.totalMs,
    phases: report.phases,
    comics: report.comics,
    tags: report.tags,
    check: checkCounts(scenario, report.comics, relevant, count),
  };
}

/** What the report should say after each scenario; a mismatch is shown, not thrown (a benchmark still measures). */
function checkCounts(scenario: ImportScenario, c: ImportReport['comics'], relevant: number, count: number): string {
  const expect: Partial<ImportReport['comics']> & { 'created+failed'?: number; 'updated+failed'?: number } = {};
  const got: Record<string, number> = { ...c, 'created+failed': c.created + c.failed, 'updated+failed': c.updated + c.failed };
  switch (scenario) {
    case 'fresh':
      Object.assign(expect, { 'created+failed': count, updated: 0, moved: 0, deleted: 0 });
      break;
    case 'no-change':
      Object.assign(expect, { created: 0, updated: 0, moved: 0, deleted: 0 });
      break;
    case 'forced':
      Object.assign(expect, { created: 0, moved: 0, deleted: 0 });
      break;
    case 'modified':
      Object.assign(expect, { 'updated+failed': relevant, created: 0, moved: 0, deleted: 0 });
      break;
    case 'moved':
      Object.assign(expect, { moved: relevant, created: 0, deleted: 0 });
      break;
    case 'deleted':
      Object.assign(expect, { deleted: relevant, created: 0, moved: 0 });
      break;
  }
  return Object.entries(expect)
    .filter(([key, value]) => got[key] !== value)
    .map(([key, value]) => `${key} ${got[key]} (expected ${value})`)
    .join(', ');
}

function notes(options: BenchOptions): string[] {
  const list = [
    'Each scenario runs in its own Node process; peak RSS is that process\'s maxRSS (worker threads included), read at its end; CPU is that process\'s user + system time over the import, every thread.',
    options.code === 'dist'
      ? 'Imports run the built package (dist/, built by this run) in plain Node, as an application that installed longbox runs it. The batch scenario and the floors run from source through tsx.'
      : 'Imports run from source through tsx (--from-source), which costs a fresh import 11-16% more CPU than the built package users run.',
    'Wall time is the importLibrary call (open, migrate, import, PRAGMA scope end with optimize and checkpoint); process start-up is excluded.',
    'Files are in the page cache (the working copy was just written by cp -a): warm-cache figures.',
    `Scenarios run as one chain on one working copy: fresh, no-change, forced, then ${CHANGED_SHARE * 100}% modified (new metadata, later mtime), ${CHANGED_SHARE * 100}% moved (half renamed in place, half moved to another folder), ${CHANGED_SHARE * 100}% deleted, each starting from the state the previous one left.`,
    'comics/s = relevant comics / wall time; relevant = the whole library for fresh, no-change and forced, the changed files for modified, moved and deleted.',
    'Read floor: CBZ = open, read the zip tail, find ComicInfo.xml, read and inflate it, close; other formats = read the whole file; no parsing. The faster of one thread and N worker threads (after a warm-up pass) is the floor.',
    'Write floor: the fresh import\'s final rows (every table, comics_fts included) inserted by raw better-sqlite3 prepared statements, one per table, in one transaction into an empty migrated database with the import PRAGMAs, plus the WAL checkpoint the import also pays.',
  ];
  if (options.scenarios.includes('batch')) {
    list.push(
      `Batch: in one process holding the database open (as a watcher does), ${BATCHES} one-file batches after an untimed warm-up: touch a file (mtime + 1 s), then importLibrary(db, root, { paths: [file] }); wall time of the call (lock, migrate check, scan, read, write, cleanup, optimize, checkpoint). Targets: realistic 10k <= 50 ms, codex 10k <= 100 ms, 100k <= 1.5x 10k.`,
      `Watch: watchLibrary with the default 0.5 s quiet period; ${WATCH_WRITES} comics rewritten with new metadata, one at a time; latency = end of the write to the onImport of the batch that updated it (committed). Target <= 0.7 s.`,
    );
  }
  if (options.scenarios.includes('ablation')) {
    list.push(
      `Ablation: fresh import of the realistic profile at ${options.ablationCount} comics${options.ablationCount !== options.count ? ` (not --count ${options.count}: untuned autocommit per statement is slow; set --ablation-count)` : ''}, one run per configuration; speedup = untuned wall / configuration wall. Reading (worker threads) is the same in every configuration and overlaps the writes, so the DB-phase columns (the sum of the report's phases but scan) show what the knobs act on.`,
    );
  }
  return list;
}
