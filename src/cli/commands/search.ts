import { searchComics } from '../../index';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, integerOption, JSON_HELP, jsonOption, renderOptions } from '../args';
import type { Command } from '../command';
import { withExistingDatabase } from '../database';
import { CliError, EXIT } from '../exit';
import { formatCount } from '../format';
import { renderTable } from '../table';

const USAGE = 'longbox search <query> [--db FILE] [--limit N] [--json]';
const DEFAULT_LIMIT = 20;

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
    const limit = integerOption(values, 'limit', { min: 1 }) ?? DEFAULT_LIMIT;
    const dbPath = dbPathOf(values);
    const { query, matches, total } = withExistingDatabase(dbPath, (db) => searchComics(db, typed, { limit }));

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
