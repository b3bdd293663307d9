/**
 * What a pure cleaner hands back: the usable value (absent when the input is empty or unusable)
 * and, when something was dropped or changed, why. The caller names the source and field, so the
 * reason reads as the tail of a sentence: "'13' is not a valid month".
 */
export interface Cleaned<T> {
  value?: T;
  problem?: string;
}

/** Quote a raw value for a warning without copying a 100 KB string into it. */
export function quote(raw: unknown): string {
  const text = String(raw);
  return text.length > 40 ? `'${text.slice(0, 40)}…'` : `'${text}'`;
}
