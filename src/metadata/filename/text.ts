/** push(...items) without the argument limit a hostile name (100,000 tokens) would hit. */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Tokens back to text, with a space where the name had one. Typed by shape, not Token: the lexer uses it, and importing its type back would be a cycle. */
export function joinTokens(tokens: ReadonlyArray<{ text: string; spaced: boolean }>): string {
  let text = '';
  tokens.forEach((token, at) => {
    text += (at > 0 && token.spaced ? ' ' : '') + token.text;
  });
  return text;
}

const LEADING = new Set([' ', '-', '–', '—', ':', ',', '.']);
const TRAILING = new Set([' ', '-', '–', '—', ':', ',']);

/** Separators off both ends; a trailing dot stays ("K.O."). A loop, not a regex: linear on any name. */
export function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && LEADING.has(text[start]!)) start++;
  while (end > start && TRAILING.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}
