import type { ImportReport } from '../../index';
import { type WatchBatch, watchLibrary } from '../../index';
import { importOptionsSchema } from '../../importer/options';
import { resolveRoot } from '../../paths';
import { MAX_TIMER_MS } from '../../watch/watch-library';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, integerOption, onePositional, rangeOf, renderOptions } from '../args';
import type { CliOutput, Command } from '../command';
import { assertDatabaseFolder, explainDatabaseError, withDatabaseErrors } from '../database';
import { describeFailure } from '../errors';
import { EXIT } from '../exit';
import { displayPath, formatCount, formatDuration } from '../format';

const USAGE = 'longbox watch <folder> [--db FILE] [--workers N] [--full-scan-minutes N]';
const DEFAULT_FULL_SCAN_MINUTES = 15;
/** Touched paths shown on a batch line; the rest is counted. */
const SHOWN_PATHS = 3;

export const watchCommand: Command = {
  help: `Usage: ${USAGE}

Imports <folder> like longbox import, then watches it: every change (a comic added, rewritten,
renamed, moved or deleted) is imported within a few seconds, and only the touched paths are
scanned. A full scan runs now and then to catch changes the system did not report (network
shares). Prints one line per import: when, what was touched, what changed, how long it took.

${renderOptions([
  DB_HELP,
  ['--workers N', 'reader threads (default: one per CPU, less one)'],
  ['--full-scan-minutes N', `minutes between full scans; 0 = never (default ${DEFAULT_FULL_SCAN_MINUTES})`],
  HELP_HELP,
])}

Ctrl-C or SIGTERM stops watching (a running import stops at its next step and keeps its work);
changes not yet imported are picked up by the next import or watch.
Exit status: 0 stopped, 2 error.`,
  options: {
    ...dbOption,
    workers: { type: 'string' },
    'full-scan-minutes': { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const root = resolveRoot(onePositional(positionals, USAGE), 'nothing to watch');
    const dbPath = dbPathOf(values);
    const workers = integerOption(values, 'workers', rangeOf(importOptionsSchema.shape.workers.unwrap()));
    // A timer waits at most MAX_TIMER_MS (about 24.8 days).
    const fullScanMinutes = integerOption(values, 'full-scan-minutes', { min: 0, max: Math.floor(MAX_TIMER_MS / 60_000) }) ?? DEFAULT_FULL_SCAN_MINUTES;
    assertDatabaseFolder(dbPath);

    const watcher = withDatabaseErrors(dbPath, () =>
      watchLibrary(dbPath, root, {
        fullScanIntervalMs: fullScanMinutes * 60_000,
        importOptions: workers === undefined ? {} : { workers },
        onImport: (batch) => {
          io.stdout.write(`${renderBatch(batch, root)}\n`);
          reportUnreadable(batch.report, root, io.stderr);
        },
        onError: (error) => io.stderr.write(`longbox: ${describeFailure(explainDatabaseError(dbPath, error)).message}\n`),
      }),
    );
    const release = stopOnSignals(() => watcher.stop(), (line) => io.stderr.write(`${line}\n`));
    io.stderr.write(`longbox: watching ${displayPath(root)}; Ctrl-C to stop\n`);
    try {
      await watcher.stopped;
    } finally {
      release();
    }
    return EXIT.ok;
  },
};

/** `[12:03:04] Batman/1.cbz, Batman/2.cbz: 2 created in 340 ms` */
function renderBatch(batch: WatchBatch, root: string): string {
  const time = new Date().toTimeString().slice(0, 8);
  const what = batch.reason === 'start' ? `import of ${displayPath(root)}` : batch.reason === 'schedule' ? 'full scan' : describePaths(batch.paths ?? []);
  return `[${time}] ${what}: ${describeChanges(batch.report)} in ${formatDuration(batch.report.totalMs)}`;
}

function describePaths(paths: readonly string[]): string {
  const shown = paths.slice(0, SHOWN_PATHS).map((path) => path || '.');
  const more = paths.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${formatCount(more)} more` : shown.join(', ');
}

function describeChanges({ comics }: ImportReport): string {
  const changes = (['created', 'updated', 'moved', 'deleted', 'failed'] as const)
    .filter((kind) => comics[kind] > 0)
    .map((kind) => `${formatCount(comics[kind])} ${kind}`);
  return changes.length > 0 ? changes.join(', ') : 'no change';
}

function reportUnreadable(report: ImportReport, root: string, stderr: CliOutput): void {
  for (const skipped of report.unreadable) {
    stderr.write(`longbox: skipped ${skipped.path || displayPath(root)}: ${skipped.reason}\n`);
  }
}

/**
 * SIGINT (Ctrl-C) and SIGTERM end watching normally: the first one stops the watcher, a second
 * one quits at once (SQLite rolls back an open transaction; the next run converges). Returns the
 * function that removes the handlers.
 */
function stopOnSignals(stop: () => Promise<void>, say: (line: string) => void): () => void {
  let stopping = false;
  const onSignal = () => {
    if (!stopping) {
      stopping = true;
      say('longbox: stopping; press Ctrl-C again to quit at once');
      void stop();
      return;
    }
    say('longbox: quit; the next import or watch completes the work');
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
