import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, openDatabase } from '../src/db';
import { importLibrary } from '../src/importer/import-library';
import type { ImportPhase } from '../src/importer/options';
import { findLibrary } from '../src/importer/queries/library';
import { iterateStoredStats, selectStoredFailures } from '../src/importer/queries/stored-comics';
import { diffLibrary } from '../src/importer/scan/diff';
import { planImport } from '../src/importer/scan/plan';
import { walkLibrary } from '../src/walk/walk';

/**
 * Where an import's memory goes (bench/README.md, "Memory"):
 *   node --expose-gc --import tsx bench/memory.ts --mode import --db FILE --root DIR
 *   node --expose-gc --import tsx bench/memory.ts --mode holders --db FILE --root DIR
 * `import` runs importLibrary and samples, per phase of its progress, the process's RSS, the main
 * thread's V8 heap, Buffers outside it, and the resident pages of the database file's memory map
 * (file-backed, yet counted in RSS). `holders` builds the scan side's structures one at a time
 * (the walk, the stored rows, the diff, the plan) and reports what each keeps alive on the heap.
 */
const { values } = parseArgs({
  options: { mode: { type: 'string', default: 'import' }, db: { type: 'string' }, root: { type: 'string' } },
});
if (!values.db || !values.root) throw new Error('usage: bench/memory.ts --mode import|holders --db FILE --root DIR');
const db = values.db;
const root = realpathSync(values.root);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error('run with node --expose-gc');
});
const MiB = (bytes: number) => Math.round(bytes / 1048576);

/** Resident KiB of the mappings of `file` in this process (SQLite's mmap of the database). */
function mappedRss(file: string): number {
  let inFile = false;
  let kib = 0;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inFile = line.endsWith(file);
    else if (inFile && line.startsWith('Rss:')) kib += Number(line.split(/\s+/)[1]);
  }
  return kib * 1024;
}

if (values.mode === 'holders') {
  const heap = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const step = <T>(label: string, fn: () => T): T => {
    const before = heap();
    const value = fn();
    console.log(`${label}: +${MiB(heap() - before)} MiB heap`);
    return value;
  };
  const scan = await (async () => {
    const before = heap();
    const result = await walkLibrary(root);
    const outside = `its file list ${MiB(result.files.heldBytes)} MiB outside the heap`;
    console.log(`walk (${result.files.length} files, ${result.folders.length} folders): +${MiB(heap() - before)} MiB heap, ${outside}`);
    return result;
  })();
  const conn = openDatabase(db);
  migrate(conn);
  const libraryId = findLibrary(conn, root);
  const storedRows = () => (libraryId === undefined ? [] : iterateStoredStats(conn.$client, libraryId));
  const failures = libraryId === undefined ? [] : selectStoredFailures(conn.$client, libraryId);
  // What holding the stored rows as a list would cost (the importer streams them instead).
  step('stored rows, as a list', () => [...storedRows()]).length;
  const diff = step('diff, merged with the streamed rows', () => diffLibrary(scan.files, storedRows(), failures));
  const plan = step('plan', () => planImport(diff));
  console.log(`kept: ${scan.files.length} scanned, ${plan.toRead.length} to read, rss ${MiB(process.memoryUsage().rss)} MiB`);
} else {
  const file = join(realpathSync(dirname(db)), basename(db));
  const peaks = new Map<ImportPhase | 'start', { rss: number; heap: number; live: number; external: number; mapped: number }>();
  let phase: ImportPhase | 'start' = 'start';
  /** `live`: the heap after a full collection, taken at phase changes and after each written chunk. */
  const sample = (collect = false) => {
    if (collect) gc();
    const usage = process.memoryUsage();
    // Reading smaps walks the page tables: only at phase changes and chunk ends, not every tick.
    const now = { rss: usage.rss, heap: usage.heapUsed, live: collect ? usage.heapUsed : 0, external: usage.external, mapped: collect ? mappedRss(file) : 0 };
    const peak = peaks.get(phase);
    if (!peak) peaks.set(phase, now);
    else for (const key of Object.keys(now) as (keyof typeof now)[]) peak[key] = Math.max(peak[key], now[key]);
  };
  const timer = setInterval(sample, 100);
  const report = await importLibrary(db, root, {
    onProgress: (progress) => {
      sample(true);
      phase = progress.phase;
    },
  });
  clearInterval(timer);
  console.log(`comics: ${JSON.stringify(report.comics)}`);
  sample(true);
  console.log('| phase | RSS MiB | main heap MiB | main heap live MiB | external MiB | database map resident MiB |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, peak] of peaks) console.log(`| ${name} | ${MiB(peak.rss)} | ${MiB(peak.heap)} | ${MiB(peak.live)} | ${MiB(peak.external)} | ${MiB(peak.mapped)} |`);
  console.log(`peak RSS (maxRSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}
