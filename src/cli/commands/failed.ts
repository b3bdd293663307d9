import { DB_HELP, dbOption, dbPathOf, HELP_HELP, JSON_HELP, jsonOption, noPositionals, renderOptions } from '../args';
import type { Command } from '../command';
import { withExistingDatabase } from '../database';
import { EXIT } from '../exit';
import { renderTable } from '../table';

const USAGE = 'longbox failed [--db FILE] [--json]';

interface FailedImport {
  library: string;
  path: string;
  size: number;
  /** ISO 8601, from the stored Unix milliseconds. */
  mtime: string;
  reason: string;
}

export const failedCommand: Command = {
  help: `Usage: ${USAGE}

Lists the files the last imports could not read (damaged, encrypted, not an archive...), per
library, with the reason. A file leaves the list when it imports or disappears. Comics whose
cover could not be made (longbox covers) are listed with a reason starting "cover: ".

${renderOptions([DB_HELP, JSON_HELP, HELP_HELP])}`,
  options: { ...dbOption, ...jsonOption },
  async run({ values, positionals }, io) {
    noPositionals(positionals, USAGE);
    const rows = withExistingDatabase(dbPathOf(values), (db) =>
      db.$client
        // Comics whose cover could not be made are listed too, their reason starting "cover: ".
        .prepare(`SELECT l.path AS library, f.path, f.size, f.mtime, f.reason
          FROM failed_imports f JOIN libraries l ON l.id = f.library_id
          UNION ALL SELECT l.path, c.path, c.size, f.mtime, 'cover: ' || f.reason
          FROM cover_failures f JOIN comics c ON c.id = f.comic_id JOIN libraries l ON l.id = c.library_id
          ORDER BY 1, 2`)
        .all(),
    ) as (Omit<FailedImport, 'mtime'> & { mtime: number })[];
    const failures: FailedImport[] = rows.map((row) => ({ ...row, mtime: new Date(row.mtime).toISOString() }));

    if (values.json === true) {
      io.stdout.write(`${JSON.stringify(failures, null, 2)}\n`);
      return EXIT.ok;
    }
    if (failures.length === 0) {
      io.stdout.write('No failed imports.\n');
      return EXIT.ok;
    }
    const libraries = [...new Set(failures.map((failure) => failure.library))];
    const blocks = libraries.map((library) => {
      const inLibrary = failures.filter((failure) => failure.library === library);
      const rows = inLibrary.map((failure) => [failure.path, failure.reason]);
      return `${library} (${inLibrary.length} failed)\n${renderTable(rows, { header: ['path', 'reason'], indent: '  ' })}`;
    });
    io.stdout.write(`${blocks.join('\n\n')}\n`);
    return EXIT.ok;
  },
};
