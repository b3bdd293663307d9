/**
 * A copy of `text` that keeps no other string alive. V8 makes a slice of a longer string (a
 * folder path cut from a file's) point at the whole of it, and a concatenation point at its
 * parts; as a key kept for the whole import, either holds more than it shows. At 600k comics the
 * folder tree's keys alone held 10 MiB of file paths this way, and the heap grows to several
 * times what it holds. JSON keeps every code unit, lone surrogates too.
 */
export function flatString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
