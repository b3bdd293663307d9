import { databaseFileOf } from '../../db';
import { acquireImportLock, type LongboxDb, migrate, openDatabase } from '../../index';
import { DB_HELP, dbOption, dbPathOf, HELP_HELP, noPositionals, renderOptions } from '../args';
import type { Command } from '../command';
import { assertDatabaseFolder, withDatabaseErrors } from '../database';
import { EXIT } from '../exit';

const USAGE = 'longbox migrate [--db FILE]';


export const migrateCommand: Command = {
  help: `Usage: ${USAGE}

Creates the database file if it does not exist and applies the schema migrations it lacks, in
one transaction (all or nothing). \`longbox import\` does this by itself; this command lets you
prepare or upgrade a database without importing.

${renderOptions([DB_HELP, HELP_HELP])}`,
  options: { ...dbOption },
  async run({ values, positionals }, io) {
    noPositionals(positionals, USAGE);
    const dbPath = dbPathOf(values);
    assertDatabaseFolder(dbPath);
    const applied = withDatabaseErrors(dbPath, () => {
      const db = openDatabase(dbPath);
      // An import running meanwhile must not see its schema change under it.
      const release = acquireImportLock(databaseFileOf(db) as string);
      try {
        const before = countApplied(db);
        migrate(db);
        return countApplied(db) - before;
      } finally {
        release();
        db.$client.close();
      }
    });
    const plural = applied === 1 ? 'migration' : 'migrations';
    io.stdout.write(applied === 0 ? `${dbPath} is up to date.\n` : `${dbPath}: applied ${applied} ${plural}.\n`);
    return EXIT.ok;
  },
};

/** Rows of drizzle's log of applied migrations, which exists only once one has run. */
function countApplied(db: LongboxDb): number {
  const client = db.$client;
  const logged = client.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  return logged ? (client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
}
