import { comicsFtsColumns } from '../schema';

/** Characters that only make sense as FTS5 syntax: a query holding them is passed on untouched. */
const FTS_SYNTAX = /["()]/;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
const COLUMNS = new Set<string>(comicsFtsColumns);

/**
 * Turns what a person types into an FTS5 query. FTS5 reads `spider-man` or `batman:` as syntax
 * (and fails), so every plain word becomes a quoted string, which FTS5 tokenizes like the indexed
 * text: `spider-man` matches "Spider-Man". Kept as syntax: AND / OR / NOT, a `column:` filter on a
 * real comics_fts column, a trailing `*` (prefix) and a leading `^` (start of column). A query
 * with quotes or parentheses is taken to be FTS5 already and goes through as written.
 */
export function toFtsQuery(input: string): string {
  const query = input.trim();
  if (FTS_SYNTAX.test(query)) return query;
  return query
    .split(/\s+/)
    .flatMap((word) => {
      if (OPERATORS.has(word)) return [word];
      const filter = /^([a-z_]+):(.+)$/.exec(word);
      if (filter && COLUMNS.has(filter[1]!)) return term(filter[2]!).map((quoted) => `${filter[1]}:${quoted}`);
      return term(word);
    })
    .join(' ');
}

/** A word as a quoted FTS5 string; a word with no letter or digit searches nothing and is dropped. */
function term(word: string): string[] {
  const start = word.startsWith('^') ? '^' : '';
  const prefix = word.endsWith('*') ? '*' : '';
  const text = word.slice(start.length, word.length - prefix.length);
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  return [`${start}"${text}"${prefix}`];
}
