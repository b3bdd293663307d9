import { importPhases, type ImportReport } from '../importer';
import { formatCount, formatDuration } from './format';
import { renderTable } from './table';

/**
 * The end of `longbox import` for people: what changed (comics, reference rows on the `tags`
 * line, folders), then where the time went, phase by phase in pipeline order.
 */
export function renderSummary(report: ImportReport, root = report.root): string {
  const { comics, tags, folders } = report;
  const counts = renderTable(
    [
      ['comics', 'created', formatCount(comics.created)],
      ['', 'updated', formatCount(comics.updated)],
      ['', 'unchanged', formatCount(comics.unchanged)],
      ['', 'moved', formatCount(comics.moved)],
      ['', 'deleted', formatCount(comics.deleted)],
      ['', 'failed', formatCount(comics.failed)],
      ['', 'still failed', formatCount(comics.stillFailed)],
      ['metadata', 'warnings', formatCount(report.warnings.count)],
      ['tags', 'created', formatCount(tags.created)],
      ['', 'removed', formatCount(tags.removed)],
      ['folders', 'created', formatCount(folders.created)],
      ['', 'removed', formatCount(folders.removed)],
    ],
    { align: ['left', 'left', 'right'], indent: '  ' },
  );
  const timed = importPhases.filter((phase) => report.phases[phase] !== undefined);
  const times = renderTable(
    [
      ...timed.map((phase) => [phase, formatDuration(report.phases[phase]!)]),
      ['total', formatDuration(report.totalMs), `${formatCount(report.comicsPerSecond)} comics/s`],
    ],
    { align: ['left', 'right', 'left'], indent: '  ' },
  );
  return [`Imported ${root}`, '', counts, '', times].join('\n');
}
