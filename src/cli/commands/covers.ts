import { generateCovers, type CoverProgress, type CoverReport } from '../../index';
import { coverOptionsSchema } from '../../covers/options';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, integerOption, jsonOption, noPositionals, rangeOf, renderOptions } from '../args';
import type { CliIo, Command, OptionValues } from '../command';
import { assertLongboxDatabase } from '../database';
import { EXIT } from '../exit';
import { displayPath, formatCount, formatDuration } from '../format';
import { runLong } from '../long-run';

const USAGE = 'longbox covers [--db FILE] [--width N] [--height N] [--workers N] [--json]';

const COVER_OPTIONS = { width: { type: 'string' }, height: { type: 'string' }, workers: { type: 'string' } } as const;

export const coversCommand: Command = {
  help: `Usage: ${USAGE}

Makes a WebP thumbnail of each comic's cover page (ComicInfo's FrontCover, else the first page)
in <database>-covers/, for comics that have none or whose file or cover page changed, and removes
the files of deleted comics. A second run with nothing to do changes nothing.

${renderOptions([
  DB_HELP,
  ['--width N', 'largest thumbnail width in pixels (default 320)'],
  ['--height N', 'largest thumbnail height in pixels (default 480)'],
  ['--workers N', 'threads that decode and resize (default: one per CPU)'],
  ['--json', 'print only the cover report, as JSON, to stdout'],
  HELP_HELP,
])}

Comics whose cover cannot be made (a damaged or hostile image) are listed by longbox failed.
Exit status: 0 ok, 1 some covers failed, 2 error, 130 interrupted.`,
  options: { ...dbOption, ...jsonOption, ...COVER_OPTIONS },
  async run({ values, positionals }, io) {
    noPositionals(positionals, USAGE);
    const dbPath = dbPathOf(values);
    assertLongboxDatabase(dbPath);
    const report = await runCovers(dbPath, values, io);
    if (values.json === true) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else io.stdout.write(`${coverSummary(report)}\n`);
    return coversExit(report, dbPath, io);
  },
};

/** The cover run of `longbox covers` and `longbox import --covers`: progress, Ctrl-C, errors. */
export async function runCovers(dbPath: string, values: OptionValues, io: CliIo): Promise<CoverReport> {
  const { shape } = coverOptionsSchema;
  const width = integerOption(values, 'width', rangeOf(shape.width.unwrap()));
  const height = integerOption(values, 'height', rangeOf(shape.height.unwrap()));
  const workers = integerOption(values, 'workers', rangeOf(shape.workers.unwrap()));
  return runLong(dbPath, values.json === true, io, (signal, progress) =>
    generateCovers(dbPath, {
      ...(width === undefined ? {} : { width }),
      ...(height === undefined ? {} : { height }),
      ...(workers === undefined ? {} : { workers }),
      signal,
      onProgress: progress && ((update: CoverProgress) => progress.update({ phase: 'covers', ...update })),
    }),
  );
}

export function coverSummary(report: CoverReport): string {
  return [
    `covers   ${formatCount(report.made)} made, ${formatCount(report.failed)} failed, ${formatCount(report.removed)} files removed`,
    `         in ${displayPath(report.coversDir)}, ${formatDuration(report.totalMs)} (${formatCount(report.coversPerSecond)}/s)`,
    ...(report.skipped > 0
      ? [`         ${formatCount(report.skipped)} skipped: their files changed or are gone since the import; import, then run covers again`]
      : []),
  ].join('\n');
}

export function coversExit(report: CoverReport, dbPath: string, io: CliIo): number {
  if (report.failed === 0) return EXIT.ok;
  const covers = report.failed === 1 ? 'cover' : 'covers';
  io.stderr.write(`longbox: ${formatCount(report.failed)} ${covers} could not be made; see why with: longbox failed --db ${dbPath}\n`);
  return EXIT.filesFailed;
}
