/**
 * `comics_fts` is an FTS5 virtual table, which drizzle's schema language cannot declare. It lives
 * in the hand-written migrations/comics-fts.sql (applied through a drizzle-kit custom migration),
 * with rowid = comics.id and these text columns in this order. An AFTER DELETE trigger on comics
 * removes the matching row (so a library delete's cascade keeps it in step); the importer fills
 * and updates it.
 */
export const comicsFtsColumns = [
  'publisher',
  'imprint',
  'series',
  'title',
  'collection_title',
  'characters',
  'credits',
  'genres',
  'locations',
  'story_arcs',
  'tags',
  'teams',
  'universes',
  'series_groups',
  'stories',
  'summary',
  'age_rating',
  'country',
  'language',
  'original_format',
  'scan_info',
  'tagger',
  'identifier_sources',
] as const;

export type ComicsFtsColumn = (typeof comicsFtsColumns)[number];

/** Chinese and Japanese: written without spaces between words. */
const UNSPACED = String.raw`\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}`;
// Never before a combining mark (a decomposed voiced mark, U+3099): it stays with its character.
const UNSPACED_BOUNDARY = new RegExp(String.raw`([${UNSPACED}])(?=[\p{L}\p{N}])|([\p{L}\p{N}])(?=(?!\p{M})[${UNSPACED}])`, 'gu');
const UNSPACED_CHARACTER = new RegExp(String.raw`[${UNSPACED}]`, 'u');
/** A query's quoted strings (FTS5 doubles a quote inside one), and an unterminated one. */
const QUOTED = /("(?:[^"]|"")*"?)/;
const LETTER_RUN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * FTS5's unicode61 tokenizer reads a run of letters as one word, so a Chinese or Japanese title is
 * one word that no part of it matches ("巨人" would not find 進撃の巨人). Its characters are made
 * words of their own instead: a space goes after each one that a letter or digit follows, and
 * before each one that follows a letter or digit, in the stored text and in every query word alike.
 * A quoted query word is then a phrase of consecutive characters, which finds any part of a title.
 */
export function spaceUnspacedScripts(text: string): string {
  return MAY_HOLD_UNSPACED.test(text) ? text.replace(UNSPACED_BOUNDARY, '$1$2 ') : text;
}

/**
 * An FTS5 query spaced as the index is: inside its quoted strings, and each unquoted run of
 * letters that holds Chinese or Japanese spaced and quoted, so that it stays one phrase and a
 * column filter, `^`, a `*` or NEAR() around it applies to all of it (`series:巨人` becomes
 * `series:"巨 人"`, not `series:巨 人`, whose filter would reach 巨 alone).
 */
export function spaceUnspacedQuery(query: string): string {
  if (!MAY_HOLD_UNSPACED.test(query)) return query;
  return query
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1
        ? spaceUnspacedScripts(part)
        : part.replace(LETTER_RUN, (run) => (UNSPACED_CHARACTER.test(run) ? `"${spaceUnspacedScripts(run)}"` : run)),
    )
    .join('');
}

/**
 * The code units where those characters live (CJK blocks, kana, compatibility ideographs,
 * halfwidth katakana, the supplementary planes' high surrogates): a test that costs next to nothing,
 * where the boundary search over a comic's text without one cost 6-22 µs on a loop of its own.
 */
const MAY_HOLD_UNSPACED = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\ud81b\ud82b\ud82c\ud834\ud840-\ud8bf]/;
