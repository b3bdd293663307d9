/**
 * The reading order of page entries, as comic readers sort them: natural (`page2` before
 * `page10`), case-insensitive, and at every folder level the sub-folders before the files. Pages
 * of `a/` come before the loose `cover.jpg` beside it, as a file browser lists them. Sorts a
 * copy; each name is lower-cased once, not once per comparison.
 */
export function sortEntryNames<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  const keyed = items.map((item) => {
    const name = nameOf(item);
    return { item, name, key: name.toLowerCase() };
  });
  keyed.sort((x, y) => compareKeys(x.key, y.key) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return keyed.map(({ item }) => item);
}

const SLASH = 0x2f;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;

/**
 * Compares two lower-cased paths in one pass, without splitting them: runs of digits compare as
 * numbers, everything else by code unit, and where the two differ and one goes on into a folder
 * while the other is a file name, the folder comes first. Equal numbers spelled with different
 * leading zeros (`1`, `01`) decide only when nothing else does.
 */
function compareKeys(a: string, b: string): number {
  let i = 0;
  let j = 0;
  let zeros = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      const run = compareNumberRuns(a, i, b, j);
      if (run.order !== 0) return folderFirst(a, i, b, j) || run.order;
      if (zeros === 0) zeros = run.endA - i - (run.endB - j);
      i = run.endA;
      j = run.endB;
      continue;
    }
    if (ca !== cb) return folderFirst(a, i, b, j) || (ca === SLASH ? -1 : cb === SLASH ? 1 : ca - cb);
    i++;
    j++;
  }
  if (i < a.length || j < b.length) return folderFirst(a, i, b, j) || (i === a.length ? -1 : 1);
  return zeros;
}

/** Where two paths part: -1 if only `a` continues into a folder, 1 if only `b` does, else 0. */
function folderFirst(a: string, i: number, b: string, j: number): number {
  const folderA = a.indexOf('/', i) !== -1;
  const folderB = b.indexOf('/', j) !== -1;
  return folderA === folderB ? 0 : folderA ? -1 : 1;
}

/** The digit runs at a[i] and b[j], compared by value (no leading zeros, then digit by digit). */
function compareNumberRuns(a: string, i: number, b: string, j: number): { order: number; endA: number; endB: number } {
  let endA = i;
  while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
  let endB = j;
  while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
  let startA = i;
  while (startA < endA - 1 && a.charCodeAt(startA) === 0x30) startA++;
  let startB = j;
  while (startB < endB - 1 && b.charCodeAt(startB) === 0x30) startB++;
  const lengthA = endA - startA;
  const lengthB = endB - startB;
  if (lengthA !== lengthB) return { order: lengthA - lengthB, endA, endB };
  for (let k = 0; k < lengthA; k++) {
    const diff = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
    if (diff !== 0) return { order: diff, endA, endB };
  }
  return { order: 0, endA, endB };
}
