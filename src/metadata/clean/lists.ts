import { decodeEntities } from './names';

/**
 * Comma or semicolon separated names, as ComicInfo and ComicBookInfo store their lists, split
 * into trimmed non-empty pieces. Entities are decoded first: a double-encoded `&amp;amp;` would
 * otherwise leave a `;` that splits "Wolverine & the X-Men" in two.
 */
export function splitList(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string' && typeof part !== 'number') continue;
    for (const piece of decodeEntities(String(part)).split(/[,;]/)) {
      const trimmed = piece.trim();
      if (trimmed !== '') out.push(trimmed);
    }
  }
  return out;
}

/** Keep the first item of each key, in order: the first spelling wins. */
export function uniqueBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

/** Names compare case-insensitively: "Batman" and "batman" are one character. */
export const nameKey = (name: string): string => name.toLowerCase();
