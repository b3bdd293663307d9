import { comicsFtsColumns, spaceUnspacedScripts } from '../schema';

/** Characters that only make sense as FTS5 syntax: a query holding them is passed on untouched. */
const FTS_SYNTAX = /["()]/;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const COLUMNS = new Set<string>(comicsFtsColumns);

/**
 * Turns what a person types into an FTS5 query. FTS5 reads `spider-man` or `batman:` as syntax
 * (and fails), so every plain word becomes a quoted string, which FTS5 tokenizes like the indexed
 * text: `spider-man` matches "Spider-Man", and `巨人` any text holding those two characters in a
 * row (see spaceUnspacedScripts). Kept as syntax: AND / OR / NOT, a `column:` filter on a
 * real comics_fts column (in any case), a trailing `*` (prefix) and a leading `^` (start of
 * column); an operator beside a word that searches nothing (`batman AND -`) goes with it. A query
 * with quotes or parentheses is taken to be FTS5 already and goes through as written, but for its
 * Chinese and Japanese, spaced and quoted (spaceUnspacedQuery); searchComics falls back to
 * toFtsWords when FTS5 cannot parse it ("Batman (2016)" is a name and a year, not syntax).
 */
export function toFtsQuery(input: string): string {
  const query = input.trim();
  return FTS_SYNTAX.test(query) ? spaceUnspacedQuery(query) : wordsQuery(query);
}

/** Every word of `input` as toFtsQuery makes it, quotes and parentheses read as separators. */
export function toFtsWords(input: string): string {
  return wordsQuery(input.replace(/["()]/g, ' ').trim());
}

function wordsQuery(query: string): string {
  // undefined for a word that searches nothing: an operator beside it would be left without its operand.
  const parts = query.split(/\s+/).map((word): string | undefined => {
    if (OPERATORS.has(word)) return word;
    const filter = /^([a-z_]+):(.+)$/i.exec(word);
    const column = filter && COLUMNS.has(filter[1]!.toLowerCase()) ? filter[1]!.toLowerCase() : undefined;
    const quoted = term(column === undefined ? word : filter![2]!);
    return column === undefined || quoted === undefined ? quoted : `${column}:${quoted}`;
  });
  const besideDropped = (i: number) => (i > 0 && parts[i - 1] === undefined) || (i < parts.length - 1 && parts[i + 1] === undefined);
  return parts.filter((part, i) => part !== undefined && !(OPERATORS.has(part) && besideDropped(i))).join(' ');
}

/** A word as a quoted FTS5 string; undefined for a word with no letter or digit, which searches nothing. */
function term(word: string): string | undefined {
  const start = word.startsWith('^') ? '^' : '';
  const prefix = word.endsWith('*') ? '*' : '';
  const text = word.slice(start.length, word.length - prefix.length);
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  // Spaced as the indexed text is: Chinese and Japanese characters are words of their own there.
  return `${start}"${spaceUnspacedScripts(text)}"${prefix}`;
}

/** A query's quoted strings (FTS5 doubles a quote inside one), and an unterminated one. */
const QUOTED = /("(?:[^"]|"")*"?)/;
const LETTER_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * An FTS5 query spaced as the index is: inside its quoted strings, and each unquoted run of
 * letters that holds Chinese or Japanese spaced and quoted, so that it stays one phrase and a
 * column filter, `^`, a `*` or NEAR() around it applies to all of it (`series:巨人` becomes
 * `series:"巨 人"`, not `series:巨 人`, whose filter would reach 巨 alone).
 */
function spaceUnspacedQuery(query: string): string {
  return query
    .split(QUOTED)
    .map((part, i) => (i % 2 === 1 ? spaceUnspacedScripts(part) : part.replace(LETTER_RUN, quoteIfSpaced)))
    .join('');
}

function quoteIfSpaced(run: string): string {
  const spaced = spaceUnspacedScripts(run);
  return spaced === run ? run : `"${spaced}"`;
}
