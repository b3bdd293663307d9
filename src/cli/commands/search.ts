import Database from 'better-sqlite3';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, integerOption, JSON_HELP, jsonOption, renderOptions } from '../args';
import type { Command } from '../command';
import { withExistingDatabase } from '../database';
import { CliError, EXIT } from '../exit';
import { formatCount } from '../format';
import { toFtsQuery } from '../fts-query';
import { renderTable } from '../table';

const USAGE = 'longbox search <query> [--db FILE] [--limit N] [--json]';
const DEFAULT_LIMIT = 20;

interface MatchRow {
  id: number;
  library: string;
  path: string;
  series: string | null;
  issue_number: number | null;
  issue_suffix: string | null;
  title: string | null;
  year: number | null;
}

interface Match {
  id: number;
  library: string;
  path: string;
  series: string | null;
  /** Number and suffix as printed on the cover: `4AU`, `0.5`; null when the comic has none. */
  issue: string | null;
  title: string | null;
  year: number | null;
}

function toMatch({ issue_number, issue_suffix, ...row }: MatchRow): Match {
  const issue = issue_number === null && issue_suffix === null ? null : `${issue_number ?? ''}${issue_suffix ?? ''}`;
  return { ...row, issue };
}

/** Best matches first: FTS5's `rank` is bm25 over every text column. */
const MATCHES_SQL = `
  SELECT c.id, l.path AS library, c.path, nullif(s.name, '') AS series,
         c.issue_number, c.issue_suffix,
         c.name AS title, c.year
  FROM comics_fts
  JOIN comics c ON c.id = comics_fts.rowid
  JOIN libraries l ON l.id = c.library_id
  LEFT JOIN series s ON s.id = c.series_id
  WHERE comics_fts MATCH ?
  ORDER BY comics_fts.rank
  LIMIT ?`;
const COUNT_SQL = 'SELECT count(*) FROM comics_fts WHERE comics_fts MATCH ?';

export const searchCommand: Command = {
  help: `Usage: ${USAGE}

Searches titles, series, publishers, characters, teams, credits, story arcs, tags, summaries and
the other text of every comic. Words are matched whole and all of them must match:
  longbox search plastic man
  longbox search spider-man          (punctuation is fine)
  longbox search 'stardust OR samson'
  longbox search 'characters:phantom'  (one column; see comics_fts in the README)
  longbox search 'captain sci*'      (prefix)
A query with quotes or parentheses is passed to SQLite FTS5 as written.

${renderOptions([DB_HELP, ['--limit N', `show at most N comics (default ${DEFAULT_LIMIT})`], JSON_HELP, HELP_HELP])}`,
  options: { ...dbOption, ...jsonOption, limit: { type: 'string', short: 'n' } },
  async run({ values, positionals }, io) {
    const typed = positionals.join(' ').trim();
    if (typed === '') throw new CliError(`missing search query; usage: ${USAGE}`);
    const limit = integerOption(values, 'limit', 1) ?? DEFAULT_LIMIT;
    const query = toFtsQuery(typed);
    if (query === '') throw new CliError(`"${typed}" has no word to search for`);
    const dbPath = dbPathOf(values);

    const { matches, total } = withExistingDatabase(dbPath, (db) => {
      const client = db.$client;
      const select = client.prepare(MATCHES_SQL);
      const count = client.prepare(COUNT_SQL).pluck();
      return runQuery(typed, () => {
        const matches = (select.all(query, limit) as MatchRow[]).map(toMatch);
        const total = matches.length < limit ? matches.length : (count.get(query) as number);
        return { matches, total };
      });
    });

    if (values.json === true) {
      io.stdout.write(`${JSON.stringify({ query, total, matches }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (matches.length === 0) {
      io.stdout.write(`No comic matches ${JSON.stringify(typed)}.\n`);
      return EXIT.ok;
    }
    const rows = matches.map((match) => [match.path, match.series ?? '', match.issue ?? '', match.title ?? '']);
    io.stdout.write(`${renderTable(rows, { header: ['path', 'series', 'issue', 'title'] })}\n`);
    const shown = total > matches.length ? `${formatCount(matches.length)} of ${formatCount(total)} matches (--limit to see more)` : `${formatCount(total)} ${total === 1 ? 'match' : 'matches'}`;
    io.stdout.write(`\n${shown}\n`);
    return EXIT.ok;
  },
};

/** SQLite reports a malformed MATCH expression as a plain SQLITE_ERROR when the query runs. */
function runQuery<T>(typed: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_ERROR') {
      throw new CliError(`cannot search for ${JSON.stringify(typed)}: ${error.message} (check quotes, parentheses and AND/OR/NOT)`, EXIT.fatal, { cause: error });
    }
    throw error;
  }
}
