import type { LongboxDb } from '../db';
import { createError } from '../errors';
import { toFtsQuery, toFtsWords } from './fts-query';

export interface SearchOptions {
  /** At most this many matches. Default 20. */
  limit?: number;
  /** Pass the query to FTS5 as written instead of reading it as words (toFtsQuery). */
  raw?: boolean;
}

export interface ComicMatch {
  id: number;
  /** The library's root path. */
  library: string;
  path: string;
  series: string | null;
  /** Number and suffix as printed on the cover: `4AU`, `0.5`; null when the comic has none. */
  issue: string | null;
  title: string | null;
  year: number | null;
}

export interface SearchResult {
  /** The FTS5 query that ran. */
  query: string;
  /** Every match, of which `matches` are the best `limit`. */
  total: number;
  matches: ComicMatch[];
}

/** Best matches first: FTS5's `rank` is bm25 over every text column. */
const MATCHES_SQL = `
  SELECT c.id, l.path AS library, c.path, nullif(s.name, '') AS series,
         c.issue_number, c.issue_suffix, c.name AS title, c.year
  FROM comics_fts
  JOIN comics c ON c.id = comics_fts.rowid
  JOIN libraries l ON l.id = c.library_id
  LEFT JOIN series s ON s.id = c.series_id
  WHERE comics_fts MATCH ?
  ORDER BY comics_fts.rank
  LIMIT ?`;
const COUNT_SQL = 'SELECT count(*) FROM comics_fts WHERE comics_fts MATCH ?';
const DEFAULT_LIMIT = 20;

type MatchRow = Omit<ComicMatch, 'issue'> & { issue_number: number | null; issue_suffix: string | null };

/**
 * Full-text search over the imported comics (titles, series, credits, tags, summaries ...), best
 * matches first. What a person types is made safe for FTS5 first (see toFtsQuery). A query with
 * no word to search for, or FTS5 syntax that does not parse, is a USAGE error saying so.
 */
export function searchComics(db: LongboxDb, typed: string, options: SearchOptions = {}): SearchResult {
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw createError('USAGE', `search limit must be a whole number of at least 1, got ${limit}`);
  const query = options.raw ? typed.trim() : toFtsQuery(typed);
  if (query === '') throw createError('USAGE', `${JSON.stringify(typed)} has no word to search for`);
  try {
    return run(db, query, limit);
  } catch (error) {
    if (!isMalformedMatch(error)) throw error;
    // Quotes or parentheses that are not FTS5 syntax after all ("Batman (2016)"): the words.
    const words = options.raw ? '' : toFtsWords(typed);
    if (words !== '' && words !== query) {
      try {
        return run(db, words, limit);
      } catch (fallbackError) {
        if (!isMalformedMatch(fallbackError)) throw fallbackError;
      }
    }
    throw createError('USAGE', `cannot search for ${JSON.stringify(typed)}: ${(error as Error).message} (check quotes, parentheses and AND/OR/NOT)`, error);
  }
}

function run(db: LongboxDb, query: string, limit: number): SearchResult {
  const client = db.$client;
  const matches = (client.prepare(MATCHES_SQL).all(query, limit) as MatchRow[]).map(toMatch);
  const total = matches.length < limit ? matches.length : (client.prepare(COUNT_SQL).pluck().get(query) as number);
  return { query, total, matches };
}

/**
 * SQLite reports a malformed MATCH expression as a plain SQLITE_ERROR when the query runs. Told by
 * its code, not its class: an app's drizzle instance may wrap another copy of better-sqlite3.
 */
function isMalformedMatch(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_ERROR';
}

function toMatch({ issue_number, issue_suffix, ...row }: MatchRow): ComicMatch {
  const issue = issue_number === null && issue_suffix === null ? null : `${issue_number ?? ''}${issue_suffix ?? ''}`;
  return { ...row, issue };
}
