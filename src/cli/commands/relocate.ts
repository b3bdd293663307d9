import { migrate, openDatabase, relocateLibrary } from '../../index';
import { resolveRoot } from '../../paths';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, renderOptions } from '../args';
import type { Command } from '../command';
import { assertLongboxDatabase, withDatabaseErrors } from '../database';
import { CliError, EXIT } from '../exit';

const USAGE = 'longbox relocate <old folder> <new folder> [--db FILE]';

export const relocateCommand: Command = {
  help: `Usage: ${USAGE}

A library is known by its folder's path. When the whole library moves (a disk mounted elsewhere,
a renamed share), importing the new path would start a new library with new ids; this command
tells the database where the library went instead. The next import then finds every comic
unchanged. The new folder must exist.

${renderOptions([DB_HELP, HELP_HELP])}`,
  options: { ...dbOption },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new CliError(`relocate takes the old and the new folder; usage: ${USAGE}`);
    const [from, to] = positionals as [string, string];
    const dbPath = dbPathOf(values);
    assertLongboxDatabase(dbPath);
    const target = resolveRoot(to, 'the library was not relocated');
    const moved = withDatabaseErrors(dbPath, () => {
      const db = openDatabase(dbPath);
      try {
        migrate(db);
        return relocateLibrary(db, from, target);
      } finally {
        db.$client.close();
      }
    });
    io.stdout.write(`library ${moved.libraryId} now lives at ${moved.root}\n`);
    return EXIT.ok;
  },
};
