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
 * The code units where those characters live (CJK blocks, kana, compatibility ideographs,
 * halfwidth katakana, the supplementary planes' high surrogates): a test that costs next to nothing,
 * where the boundary search over a comic's text without one cost 6-22 µs on a loop of its own.
 */
const MAY_HOLD_UNSPACED = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\ud81b\ud82b\ud82c\ud834\ud840-\ud8bf]/;
