import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/cli/summary';
import { renderTable } from '../../src/cli/table';
import type { ImportReport } from '../../src/importer/report';

const report: ImportReport = {
  libraryId: 1,
  root: '/comics',
  comics: { created: 1200, updated: 3, unchanged: 40, moved: 2, deleted: 1, failed: 4, stillFailed: 6 },
  warnings: { count: 7, sample: [] },
  tags: { created: 310, removed: 5 },
  folders: { created: 12, removed: 0 },
  unreadable: [],
  phases: { read: 2400, scan: 31.6, create: 640.2, link: 88 },
  totalMs: 3500,
  comicsPerSecond: 344,
};

describe('renderTable', () => {
  it('pads columns to the widest cell, right-aligns where asked, and leaves no trailing spaces', () => {
    expect(renderTable([['a', '1', ''], ['ccc', '100', 'x']], { header: ['name', 'n', 'note'], align: ['left', 'right'] })).toBe(
      ['name    n  note', 'a       1', 'ccc   100  x'].join('\n'),
    );
  });

  it('counts accented letters as one column each', () => {
    expect(renderTable([['é', 'x'], ['ab', 'y']])).toBe('é   x\nab  y');
  });
});

describe('renderSummary', () => {
  it('shows the counts, then the phases in pipeline order with the total and comics per second', () => {
    expect(renderSummary(report)).toBe(
      [
        'Imported /comics',
        '',
        '  comics    created       1,200',
        '            updated           3',
        '            unchanged        40',
        '            moved             2',
        '            deleted           1',
        '            failed            4',
        '            still failed      6',
        '  metadata  warnings          7',
        '  tags      created         310',
        '            removed           5',
        '  folders   created          12',
        '            removed           0',
        '',
        '  scan     32 ms',
        '  read     2.4 s',
        '  create  640 ms',
        '  link     88 ms',
        '  total    3.5 s  344 comics/s',
      ].join('\n'),
    );
  });

  it('names the library as the caller shows it', () => {
    expect(renderSummary(report, 'sample/library').split('\n')[0]).toBe('Imported sample/library');
  });
});
