export type Align = 'left' | 'right';

export interface TableOptions {
  header?: readonly string[];
  /** Per column; numbers read best right-aligned. Default left. */
  align?: readonly Align[];
  /** Put before every line, e.g. an indent. */
  indent?: string;
}

/** Plain-text columns separated by two spaces, padded to the widest cell; no trailing spaces. */
export function renderTable(rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const all = options.header ? [options.header, ...rows] : rows;
  const columns = Math.max(0, ...all.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...all.map((row) => width(row[column] ?? ''))));
  return all
    .map((row) => {
      const cells = widths.map((size, column) => pad(row[column] ?? '', size, options.align?.[column] ?? 'left'));
      return `${options.indent ?? ''}${cells.join('  ')}`.trimEnd();
    })
    .join('\n');
}

function pad(text: string, size: number, align: Align): string {
  const fill = ' '.repeat(size - width(text));
  return align === 'right' ? fill + text : text + fill;
}

/** Code points, not UTF-16 units, so accented names line up. */
function width(text: string): number {
  return [...text].length;
}
