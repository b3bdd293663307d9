import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import Database, { type Statement } from 'better-sqlite3';
import { REPO_ROOT } from './lib/child';
import { machineInfo } from './lib/machine';
import { resultsStamp } from './lib/results-name';
import { measureWriteFloor } from './lib/write-floor';

/**
 * npm run build && node --import tsx bench/sql-time.ts --library DIR [--forced] [--top 25] [--out bench/results]
 *
 * How much of a fresh import is SQLite's own work. Runs one fresh import of DIR with the built
 * package (dist/) into a new database and times every call into better-sqlite3's native
 * statements on the importing thread: run, get and all, COMMIT and PRAGMAs included (better-sqlite3
 * runs them as statements); not iterate, whose rows are read after the call returns, and which a
 * fresh import barely uses. Then it measures the write floor of the rows the import produced, in
 * the same process. When the import's SQLite calls alone take as long as the whole floor, no
 * JavaScript around them can bring the import down to the floor: that is the bound this measures.
 * The wrapper's own cost per call is measured as well and printed beside the total. With --forced
 * the timed import is a forced re-import (`force: true`) of the database a first, untimed fresh
 * import made.
 */
const { values } = parseArgs({
  options: {
    library: { type: 'string' },
    forced: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: 'bench/results' },
  },
});
if (!values.library) throw new Error('usage: node --import tsx bench/sql-time.ts --library DIR');
const library = resolve(values.library);

interface Tally {
  ms: number;
  calls: number;
}
const bySql = new Map<string, Tally>();
const probe = new Database(':memory:');
const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Statement;
probe.close();
const methods = ['run', 'get', 'all'] as const;
const originals = methods.map((name) => [name, statementPrototype[name]] as const);

function instrument(): void {
  for (const [name, original] of originals) {
    (statementPrototype as unknown as Record<string, unknown>)[name] = function (this: Statement, ...args: unknown[]) {
      // Nothing nests: a PRAGMA run through Database.pragma is one statement.
      const started = performance.now();
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const key = this.source.replace(/\s+/g, ' ').slice(0, 70);
        const tally = bySql.get(key) ?? bySql.set(key, { ms: 0, calls: 0 }).get(key)!;
        tally.ms += ms;
        tally.calls++;
      }
    };
  }
}

function restore(): void {
  for (const [name, original] of originals) (statementPrototype as unknown as Record<string, unknown>)[name] = original;
}

/**
 * µs a wrapped call costs beyond the unwrapped one, on a statement that does almost nothing: an
 * upper bound on what the wrapper adds to the timed total, most of its work (the statement's key,
 * the tally) coming after the clock is read.
 */
function wrapperMicros(): number {
  const db = new Database(':memory:');
  const statement = db.prepare('SELECT 1');
  const time = () => {
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) statement.get();
    return performance.now() - started;
  };
  time();
  const plain = Math.min(time(), time(), time());
  instrument();
  time();
  const wrapped = Math.min(time(), time(), time());
  restore();
  bySql.clear();
  db.close();
  return ((wrapped - plain) * 1000) / 200_000;
}

const started = new Date();
const loadAtStart = loadavg()[0]!;
const overheadMicros = wrapperMicros();
const work = mkdtempSync(join(tmpdir(), 'longbox-sql-time-'));
try {
  const { importLibrary } = (await import(pathToFileURL(join(REPO_ROOT, 'dist/index.js')).href)) as typeof import('../src/index');
  const db = join(work, 'import.sqlite');
  if (values.forced) await importLibrary(db, library, {});
  instrument();
  const importStarted = performance.now();
  const report = await importLibrary(db, library, { force: values.forced });
  const importMs = performance.now() - importStarted;
  restore();
  const rows = [...bySql].sort((a, b) => b[1].ms - a[1].ms);
  const sqlMs = rows.reduce((sum, [, tally]) => sum + tally.ms, 0);
  const calls = rows.reduce((sum, [, tally]) => sum + tally.calls, 0);
  const floor = measureWriteFloor(db, join(work, 'floor.sqlite'));
  const lines = [
    `${report.comics.created} comics created, ${report.comics.updated} updated from ${library}`,
    `${values.forced ? 'forced re-import' : 'fresh import'} (instrumented): ${(importMs / 1000).toFixed(2)} s wall`,
    `inside SQLite on the importing thread: ${(sqlMs / 1000).toFixed(2)} s in ${calls} calls (the wrapper's whole cost is ~${overheadMicros.toFixed(2)} µs a call, ~${((overheadMicros * calls) / 1e6).toFixed(2)} s in all; only a part of it, a clock read, falls inside the timed calls)`,
    `write floor, same rows: ${(floor.ms / 1000).toFixed(2)} s (insert ${(floor.insertMs / 1000).toFixed(2)} + checkpoint ${(floor.checkpointMs / 1000).toFixed(2)})`,
    `SQLite calls / write floor: ${(sqlMs / floor.ms).toFixed(2)}x`,
    `phases (s): ${Object.entries(report.phases)
      .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`)
      .join(', ')}`,
    '',
    'ms inside SQLite, calls, statement:',
    ...rows.slice(0, Number(values.top)).map(([sql, { ms, calls: n }]) => `${ms.toFixed(0).padStart(7)} ${String(n).padStart(9)}  ${sql}`),
  ];
  console.log(lines.join('\n'));
  const outDir = resolve(REPO_ROOT, values.out);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${resultsStamp(started)}-sql-time-${values.forced ? 'forced-' : ''}${basename(library)}.txt`);
  const head = [
    `# node --import tsx bench/sql-time.ts --library ${values.library}${values.forced ? ' --forced' : ''}`,
    `# ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end, code ${machineInfo().commit} (the import from dist/)`,
  ];
  writeFileSync(path, [...head, ...lines, ''].join('\n'));
  console.log(`written: ${path}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
