import { importLibrary } from '../../importer';
import { importOptionsSchema } from '../../importer/options';
import { assertLibraryRoot, resolveRoot } from '../../paths';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, integerOption, jsonOption, onePositional, rangeOf, renderOptions } from '../args';
import type { CliIo, Command } from '../command';
import { assertDatabaseFolder } from '../database';
import { EXIT } from '../exit';
import { displayPath, formatCount } from '../format';
import { runLong } from '../long-run';
import { renderSummary } from '../summary';

const USAGE = 'longbox import <folder> [--db FILE] [--force] [--workers N] [--covers] [--json]';

export const importCommand: Command = {
  help: `Usage: ${USAGE}

Imports every comic archive under <folder> (CBZ, CBR, CB7, CBT, PDF) into the database, creating
it if needed. Run it again after the folder changes: unchanged files are not opened, changed
ones are re-read, moved ones keep their id, vanished ones are removed.

${renderOptions([
  DB_HELP,
  ['--force', 're-read every file, even those whose size and mtime are unchanged'],
  ['--workers N', 'reader threads (default: one per CPU, less one)'],
  ['--chunk-size N', 'comics written per transaction (default 2000)'],
  ['--allow-clear', 'let the import remove every comic when <folder> is empty'],
  ['--covers', 'then make the missing and stale cover thumbnails (see longbox covers)'],
  ['--json', 'print only the import report, as JSON, to stdout'],
  HELP_HELP,
])}

Progress goes to stderr, the summary (or the JSON report) to stdout. Ctrl-C stops the import
cleanly; the work done so far is kept and the next run completes it.
Exit status: 0 ok, 1 some files failed (see longbox failed), 2 error, 130 interrupted.`,
  options: {
    ...dbOption,
    ...jsonOption,
    force: { type: 'boolean' },
    workers: { type: 'string' },
    'chunk-size': { type: 'string' },
    'allow-clear': { type: 'boolean' },
    covers: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const root = resolveRoot(onePositional(positionals, USAGE), 'nothing was changed');
    const dbPath = dbPathOf(values);
    const workers = integerOption(values, 'workers', rangeOf(importOptionsSchema.shape.workers.unwrap()));
    const chunkSize = integerOption(values, 'chunk-size', rangeOf(importOptionsSchema.shape.chunkSize.unwrap()));
    const json = values.json === true;
    // Before the database is opened, so a mistyped folder creates no database file; the importer
    // checks again (the root may vanish meanwhile).
    assertLibraryRoot(root, 'nothing was changed');
    assertDatabaseFolder(dbPath);

    const report = await runLong(dbPath, json, io, (signal, progress) =>
      importLibrary(dbPath, root, {
        force: values.force === true,
        allowClear: values['allow-clear'] === true,
        ...(workers === undefined ? {} : { workers }),
        ...(chunkSize === undefined ? {} : { chunkSize }),
        signal,
        onProgress: progress?.update,
      }),
    );

    // --covers runs after the import has released its lock and restored the steady PRAGMAs.
    const covers = values.covers === true ? await coversAfterImport(dbPath, json, io) : undefined;
    if (json) io.stdout.write(`${JSON.stringify(covers ? { ...report, covers: covers.report } : report, null, 2)}\n`);
    else io.stdout.write(`${renderSummary(report, displayPath(root))}${covers ? `\n${covers.summary}` : ''}\n`);
    for (const skipped of report.unreadable) {
      io.stderr.write(`longbox: skipped ${skipped.path || displayPath(root)}: ${skipped.reason}\n`);
    }
    // Both hints are printed: a failed import must not hide that some covers failed too.
    const coversStatus = covers ? covers.exit() : EXIT.ok;
    if (report.comics.failed === 0) return coversStatus;
    const files = report.comics.failed === 1 ? 'file' : 'files';
    io.stderr.write(`longbox: ${formatCount(report.comics.failed)} ${files} could not be imported; see why with: longbox failed --db ${dbPath}\n`);
    return EXIT.filesFailed;
  },
};

/** The covers command's module (sharp, the cover pool) loads only when --covers asks for it. */
async function coversAfterImport(dbPath: string, json: boolean, io: CliIo) {
  const { coverSummary, coversExit, runCovers } = await import('./covers');
  const report = await runCovers(dbPath, { json }, io);
  return { report, summary: coverSummary(report), exit: () => coversExit(report, dbPath, io) };
}
