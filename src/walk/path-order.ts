/**
 * Orders library paths as SQLite's BINARY collation orders their UTF-8 bytes, so that a sorted
 * walk and `ORDER BY path` meet in one merge. JavaScript compares UTF-16 units, which agrees with
 * UTF-8 byte order except between a surrogate (a character above U+FFFF) and U+E000..U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;
  return utf8Weight(a.charCodeAt(i)) - utf8Weight(b.charCodeAt(i));
}

/** Surrogates (U+D800..U+DFFF) encode characters whose UTF-8 sorts after U+FFFF's. */
const utf8Weight = (unit: number) => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

/**
 * The key a folder entry sorts by so that a depth-first walk yields paths in `compareUtf8` order:
 * a folder's own paths continue with '/', so it sorts as its name plus '/' ("a b" < "a/x").
 */
export const entrySortKey = (name: string, isDirectory: boolean) => (isDirectory ? `${name}/` : name);
