import { DB_HELP, dbOption, dbPathOf, HELP_HELP, JSON_HELP, jsonOption, noPositionals, renderOptions } from '../args';
import type { Command } from '../command';
import { withExistingDatabase } from '../database';
import { EXIT } from '../exit';
import { formatCount } from '../format';
import { renderTable } from '../table';

const USAGE = 'longbox stats [--db FILE] [--json]';

/**
 * The tables people query: not SQLite's own, not drizzle's migration log, and not the shadow
 * tables behind comics_fts (comics_fts itself is listed).
 */
const TABLES_SQL = `SELECT name FROM sqlite_master WHERE type = 'table'
  AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\'
  AND name NOT LIKE 'comics\\_fts\\_%' ESCAPE '\\' ORDER BY name`;

export const statsCommand: Command = {
  help: `Usage: ${USAGE}

Counts the rows of every table of the database (comics, publishers, series, characters, the
join tables, failed_imports, comics_fts...).

${renderOptions([DB_HELP, JSON_HELP, HELP_HELP])}`,
  options: { ...dbOption, ...jsonOption },
  async run({ values, positionals }, io) {
    noPositionals(positionals, USAGE);
    const counts = withExistingDatabase(dbPathOf(values), (db) => {
      const client = db.$client;
      const tables = client.prepare(TABLES_SQL).pluck().all() as string[];
      return Object.fromEntries(tables.map((table) => [table, client.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number]));
    });

    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows = Object.entries(counts).map(([table, count]) => [table, formatCount(count)]);
    io.stdout.write(`${renderTable(rows, { header: ['table', 'rows'], align: ['left', 'right'] })}\n`);
    return EXIT.ok;
  },
};
