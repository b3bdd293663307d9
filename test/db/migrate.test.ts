import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LongboxDb, migrate, searchComics } from 'longbox';
import { openDatabase } from '../../src/db';
import { generateCovers } from '../../src/covers';
import { importLibrary } from '../../src/importer/import-library';
import { makePng, writeCbt, writeCbz } from '../../tools/archive-writers';
import { testLibrary, writeComic } from '../support/library';
import { race } from '../support/race';
import { windowsStub } from '../support/zip-stubs';
import { countRows, insertRow, useTempDatabase } from './temp-database';

const root = fileURLToPath(new URL('../../', import.meta.url));
const drizzleFolder = join(root, 'drizzle');

const { open, openMigrated, tempDir } = useTempDatabase();

const schemaSql = (db: LongboxDb) =>
  db.$client.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

/** A copy of drizzle/ with one more migration appended to the journal. */
function foldersWithExtraMigration(tag: string, sql: string): string {
  const folder = join(tempDir(), 'drizzle');
  cpSync(drizzleFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Record<string, unknown>[] };
  const last = journal.entries.at(-1) as { idx: number; when: number };
  journal.entries.push({ idx: last.idx + 1, version: '6', when: last.when + 1, tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(folder, `${tag}.sql`), sql);
  return folder;
}

/** Runs one data migration's statements again on a database whose rows were set back to before it. */
function rerunMigration(db: LongboxDb, tag: string): void {
  const sql = readFileSync(join(drizzleFolder, `${tag}.sql`), 'utf8');
  for (const statement of sql.split('--> statement-breakpoint')) db.$client.exec(statement);
}

/** Each comic's path and whether a data migration marked it for a re-read (mtime < 0), by path. */
const staleByPath = (db: LongboxDb) => db.$client.prepare('SELECT path, mtime < 0 AS stale FROM comics ORDER BY path').all();
const pagesByPath = (db: LongboxDb) => db.$client.prepare('SELECT path, page_count AS pages FROM comics ORDER BY path').all();

function seedLibraryWithFolder(db: LongboxDb): void {
  insertRow(db, 'libraries', { path: '/library' });
  insertRow(db, 'folders', { library_id: 1, path: '', name: '', sort_name: '', mtime: 0, size: 0 });
}

describe('migrate', () => {
  it('applies each migration once when two connections migrate a new database at once, 100 times in a row', async () => {
    const dir = tempDir();
    const rounds = Array.from({ length: 100 }, (_, i) => join(dir, `race-${i}.sqlite`));
    const [a, b] = await race('migrate', rounds);
    expect([...a, ...b].filter((outcome) => outcome !== 'migrated')).toEqual([]);
    const migrations = readdirSync(drizzleFolder).filter((name) => name.endsWith('.sql')).length;
    const expected = schemaSql(openMigrated());
    for (const path of rounds) {
      const db = openDatabase(path);
      try {
        expect(countRows(db, '__drizzle_migrations')).toBe(migrations);
        expect(schemaSql(db)).toEqual(expected);
      } finally {
        db.$client.close();
      }
    }
  });

  it('is a no-op the second time', () => {
    const db = openMigrated();
    seedLibraryWithFolder(db);
    const schemaBefore = schemaSql(db);
    const applied = countRows(db, '__drizzle_migrations');
    migrate(db);
    expect(schemaSql(db)).toEqual(schemaBefore);
    expect(countRows(db, '__drizzle_migrations')).toBe(applied);
    expect(countRows(db, 'folders')).toBe(1);
  });

  it('checks a current database against the journal alone, reading no migration file', () => {
    const folder = join(tempDir(), 'drizzle');
    cpSync(drizzleFolder, folder, { recursive: true });
    const db = open();
    migrate(db, { migrationsFolder: folder });
    for (const file of readdirSync(folder)) if (file.endsWith('.sql')) rmSync(join(folder, file));
    expect(() => migrate(db, { migrationsFolder: folder })).not.toThrow();
    // A database the journal says is behind does read them.
    const fresh = openDatabase(join(tempDir(), 'fresh.sqlite'));
    try {
      expect(() => migrate(fresh, { migrationsFolder: folder })).toThrow(/0000_init\.sql/);
    } finally {
      fresh.$client.close();
    }
  });

  it('leaves foreign keys as the connection had them: on for longbox\'s, off for an application\'s that turned them off', () => {
    const db = openMigrated();
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    // A database of its own, not yet migrated: on a current one migrate() returns before it touches the pragma.
    const app = openDatabase(join(tempDir(), 'app.sqlite'));
    app.$client.pragma('foreign_keys = OFF');
    try {
      migrate(app);
      expect(countRows(app, '__drizzle_migrations')).toBeGreaterThan(0);
      expect(app.$client.pragma('foreign_keys', { simple: true })).toBe(0);
    } finally {
      app.$client.close();
    }
  });

  it('runs a table rebuild with foreign keys off, so the DROP does not cascade into child rows', () => {
    const db = openMigrated();
    seedLibraryWithFolder(db);
    // The shape drizzle-kit generates to rebuild a sqlite table; its PRAGMA lines are no-ops in a transaction.
    const rebuild = [
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE `__new_libraries` (`id` integer PRIMARY KEY NOT NULL, `path` text NOT NULL, `created_at` integer NOT NULL, `updated_at` integer NOT NULL);',
      'INSERT INTO `__new_libraries` SELECT `id`, `path`, `created_at`, `updated_at` FROM `libraries`;',
      'DROP TABLE `libraries`;',
      'ALTER TABLE `__new_libraries` RENAME TO `libraries`;',
      'PRAGMA foreign_keys=ON;',
    ].join('\n--> statement-breakpoint\n');
    migrate(db, { migrationsFolder: foldersWithExtraMigration('9000_rebuild', rebuild) });
    expect(countRows(db, 'folders')).toBe(1);
  });

  it('rolls back and fails loudly when a migration leaves a foreign key violation', () => {
    const db = openMigrated();
    const applied = countRows(db, '__drizzle_migrations');
    const folder = foldersWithExtraMigration('9000_orphan', "INSERT INTO imprints (publisher_id, name) VALUES (42, 'orphan');");
    expect(() => migrate(db, { migrationsFolder: folder })).toThrow(
      expect.objectContaining({ code: 'FOREIGN_KEY_VIOLATION', message: expect.stringContaining('imprints rowid 1 -> publishers') }),
    );
    expect(countRows(db, 'imprints')).toBe(0);
    expect(countRows(db, '__drizzle_migrations')).toBe(applied);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('rolls back every pending migration when one fails', () => {
    const db = open();
    const folder = foldersWithExtraMigration('9000_broken', 'CREATE TABLE broken (');
    expect(() => migrate(db, { migrationsFolder: folder })).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
    expect(db.$client.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'comics'").pluck().get()).toBe(0);
  });

  it('marks for one re-read the comics whose pages the page rule before 0009 got wrong, and only those', async () => {
    const lib = testLibrary();
    const png = (i: number) => makePng(2 + i, 3, [i, 0, 0]);
    writeCbt(join(lib.root, 'dot.cbt'), [{ name: './01.png', data: png(1) }, { name: './02.png', data: png(2) }]);
    writeCbz(join(lib.root, 'twice.cbz'), [{ name: '01.png', data: png(1) }, { name: '01.png', data: png(3) }]);
    writeCbz(join(lib.root, 'plain.cbz'), [{ name: '01.png', data: png(1) }, { name: '02.png', data: png(2) }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    // What the rule before stored: no page for ./ names, a name held twice listed twice.
    const set = db.$client.prepare('UPDATE comics SET page_count = ? WHERE path = ?');
    const setPages = db.$client.prepare('UPDATE comic_pages SET pages = ? WHERE comic_id = (SELECT id FROM comics WHERE path = ?)');
    set.run(0, 'dot.cbt');
    setPages.run('[]', 'dot.cbt');
    set.run(2, 'twice.cbz');
    setPages.run(JSON.stringify([{ entry: '01.png', size: 1, mediaType: 'image/png' }, { entry: '01.png', size: 2, mediaType: 'image/png' }]), 'twice.cbz');
    rerunMigration(db, '0009_page-rule-reread');
    expect(staleByPath(db)).toEqual([
      { path: 'dot.cbt', stale: 1 },
      { path: 'plain.cbz', stale: 0 },
      { path: 'twice.cbz', stale: 1 },
    ]);
    const report = await importLibrary(db, lib.root, { workers: 1 });
    expect(report.comics).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect(pagesByPath(db)).toEqual([
      { path: 'dot.cbt', pages: 2 },
      { path: 'plain.cbz', pages: 2 },
      { path: 'twice.cbz', pages: 1 },
    ]);
  });

  it('gives the covers made before 0011 their file size when the comic is still the file they were made from', async () => {
    const lib = testLibrary();
    const png = makePng(4, 6, [9, 9, 9]);
    writeCbz(join(lib.root, 'current.cbz'), [{ name: '01.png', data: png }]);
    writeCbz(join(lib.root, 'changed.cbz'), [{ name: '01.png', data: png }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    await generateCovers(db, { workers: 1 });
    // Rows as 0010 left them (no size), one of them made from an older version of its comic.
    db.$client.exec("UPDATE covers SET size = NULL; UPDATE covers SET mtime = mtime - 1000 WHERE comic_id = (SELECT id FROM comics WHERE path = 'changed.cbz')");
    rerunMigration(db, '0011_cover-file-size-backfill');
    expect(db.$client.prepare('SELECT c.path, v.size IS c.size AS current FROM covers v JOIN comics c ON c.id = v.comic_id ORDER BY c.path').all()).toEqual([
      { path: 'changed.cbz', current: 0 },
      { path: 'current.cbz', current: 1 },
    ]);
    expect(await generateCovers(db, { workers: 1 })).toMatchObject({ made: 1 });
  });

  it('marks for one re-read every CBT, and the CBZs whose pages have names outside ASCII, after 0012 changed how entries are named', async () => {
    const lib = testLibrary();
    const png = makePng(4, 6, [9, 9, 9]);
    writeCbt(join(lib.root, 'a.cbt'), [{ name: '01.png', data: png }]);
    writeCbz(join(lib.root, 'ascii.cbz'), [{ name: '01.png', data: png }]);
    writeCbz(join(lib.root, 'named.cbz'), [{ name: 'Ünïcode 01.png', data: png }]);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    rerunMigration(db, '0012_entry-names-reread');
    expect(staleByPath(db)).toEqual([
      { path: 'a.cbt', stale: 1 },
      { path: 'ascii.cbz', stale: 0 },
      { path: 'named.cbz', stale: 1 },
    ]);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect(db.$client.prepare('SELECT count(*) FROM comics WHERE mtime < 0').pluck().get()).toBe(0);
  });

  it('retries the files that failed for an unknown signature, and re-reads every CBT, after 0013 taught the readers prefixed zips and sparse tars', async () => {
    const lib = testLibrary();
    const png = makePng(4, 6, [9, 9, 9]);
    writeCbt(join(lib.root, 'a.cbt'), [{ name: '01.png', data: png }]);
    writeCbz(join(lib.root, 'plain.cbz'), [{ name: '01.png', data: png }]);
    const zip = join(tempDir(), 'sfx.cbz');
    writeCbz(zip, [{ name: '01.png', data: png }]);
    writeFileSync(join(lib.root, 'sfx.cbz'), Buffer.concat([windowsStub(), readFileSync(zip)]));
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    // What the readers before stored for the self-extractor: a failure, kept while the file is unchanged.
    const sfx = db.$client.prepare("SELECT library_id, size, mtime FROM comics WHERE path = 'sfx.cbz'").get() as { library_id: number; size: number; mtime: number };
    db.$client.prepare("DELETE FROM comics WHERE path = 'sfx.cbz'").run();
    db.$client
      .prepare("INSERT INTO failed_imports (library_id, path, mtime, size, reason) VALUES (?, 'sfx.cbz', ?, ?, 'not a comic archive: unknown file signature')")
      .run(sfx.library_id, sfx.mtime, sfx.size);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ created: 0, stillFailed: 1 });
    rerunMigration(db, '0013_reader-cases-reread');
    expect(countRows(db, 'failed_imports')).toBe(0);
    expect(staleByPath(db)).toEqual([
      { path: 'a.cbt', stale: 1 },
      { path: 'plain.cbz', stale: 0 },
    ]);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ created: 1, updated: 1, unchanged: 1, failed: 0 });
    expect(pagesByPath(db)).toEqual([
      { path: 'a.cbt', pages: 1 },
      { path: 'plain.cbz', pages: 1 },
      { path: 'sfx.cbz', pages: 1 },
    ]);
  });

  it('re-indexes for search, by one re-read, the comics whose search text holds Chinese or Japanese, after 0014 spaced their characters', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'shingeki.cbz', { Series: '進撃の巨人', Title: 'Attack' });
    writeComic(lib.root, 'plain.cbz', { Series: 'Plastic Man', Title: 'Stretch' });
    writeComic(lib.root, 'halfwidth.cbz', { Series: 'ｺﾞｼﾞﾗ' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    // The search row as the import before wrote it: the title unspaced, one word to FTS5.
    const id = db.$client.prepare("SELECT id FROM comics WHERE path = 'shingeki.cbz'").pluck().get() as number;
    db.$client.prepare("UPDATE comics_fts SET series = '進撃の巨人' WHERE rowid = ?").run(id);
    expect(searchComics(db, '巨人').total).toBe(0);
    rerunMigration(db, '0014_unspaced-scripts-reindex');
    expect(staleByPath(db)).toEqual([
      { path: 'halfwidth.cbz', stale: 1 },
      { path: 'plain.cbz', stale: 0 },
      { path: 'shingeki.cbz', stale: 1 },
    ]);
    expect((await importLibrary(db, lib.root, { workers: 1 })).comics).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    expect(searchComics(db, '巨人').matches.map((match) => match.id)).toEqual([id]);
  });

  it('contains every hand-written migrations/*.sql verbatim in a drizzle/ migration', () => {
    const generated = readdirSync(drizzleFolder)
      .filter((name) => name.endsWith('.sql'))
      .map((name) => readFileSync(join(drizzleFolder, name), 'utf8'));
    const handWritten = readdirSync(join(root, 'migrations')).filter((name) => name.endsWith('.sql'));
    expect(handWritten.length).toBeGreaterThan(0);
    for (const name of handWritten) {
      const sql = readFileSync(join(root, 'migrations', name), 'utf8');
      expect(generated.some((migration) => migration.includes(sql)), name).toBe(true);
    }
  });
});

/**
 * drizzle-kit exits 0 even when the schema and the migrations disagree (and even on its own
 * errors), so the check generates into a copy of drizzle/ and compares the folder before and after.
 */
describe('schema drift check', () => {
  function generateInto(schemaPath: string) {
    const dir = tempDir();
    cpSync(drizzleFolder, join(dir, 'drizzle'), { recursive: true });
    // drizzle-kit prefixes `out` with './', so it must be relative to the working directory.
    writeFileSync(join(dir, 'drizzle.config.ts'), `export default ${JSON.stringify({ dialect: 'sqlite', schema: schemaPath, out: './drizzle' })};\n`);
    const files = () => readdirSync(join(dir, 'drizzle'), { recursive: true }).map(String).sort();
    const before = files();
    const result = spawnSync(process.execPath, [join(root, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', 'drizzle.config.ts'], {
      cwd: dir,
      encoding: 'utf8',
      // A schema file in the temp dir imports drizzle-orm from the project's node_modules.
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    });
    return { before, after: files(), output: result.stdout + result.stderr };
  }

  it('finds nothing to generate: drizzle/ matches src/schema', () => {
    const { before, after, output } = generateInto(join(root, 'src/schema/index.ts'));
    expect(output).toContain('No schema changes');
    expect(after).toEqual(before);
  });

  it('notices a schema change that has no migration yet', () => {
    const schemaPath = join(tempDir(), 'drifted-schema.ts');
    // The real schema, with one column added to libraries (a local export shadows `export *`).
    writeFileSync(
      schemaPath,
      [
        "import { sql } from 'drizzle-orm';",
        "import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';",
        `export * from ${JSON.stringify(join(root, 'src/schema/index.ts'))};`,
        "export const libraries = sqliteTable('libraries', {",
        "  id: integer('id').primaryKey(),",
        "  path: text('path').notNull().unique(),",
        "  sweepOwed: integer('sweep_owed', { mode: 'boolean' }).notNull().default(true),",
        "  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),",
        "  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`),",
        "  extra: text('extra'),",
        '});',
      ].join('\n'),
    );
    const { before, after, output } = generateInto(schemaPath);
    const added = after.filter((file) => !before.includes(file) && file.endsWith('.sql'));
    expect(added, output).toHaveLength(1);
    expect(readFileSync(join(tempDir(), 'drizzle', added[0]!), 'utf8')).toContain('ALTER TABLE `libraries` ADD `extra` text;');
  });
});
