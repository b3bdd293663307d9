import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { beforeEach, describe, expect, it } from 'vitest';
import * as longbox from 'longbox';
import { comicsFtsColumns, type LongboxDb } from 'longbox';
import { countRows, insertRow, useTempDatabase } from './temp-database';

const { openMigrated } = useTempDatabase();

const namedTagTables = [
  'age_ratings', 'countries', 'languages', 'original_formats', 'scan_infos', 'taggers',
  'characters', 'teams', 'genres', 'locations', 'stories', 'tags', 'series_groups', 'universes',
  'story_arcs', 'credit_persons', 'credit_roles', 'identifier_sources',
];
/** Join table -> its target column and target table. */
const joinTables: Record<string, [string, string]> = {
  comic_characters: ['character_id', 'characters'],
  comic_teams: ['team_id', 'teams'],
  comic_genres: ['genre_id', 'genres'],
  comic_locations: ['location_id', 'locations'],
  comic_stories: ['story_id', 'stories'],
  comic_tags: ['tag_id', 'tags'],
  comic_series_groups: ['series_group_id', 'series_groups'],
  comic_universes: ['universe_id', 'universes'],
  comic_credits: ['credit_id', 'credits'],
  comic_story_arc_numbers: ['story_arc_number_id', 'story_arc_numbers'],
  comic_identifiers: ['identifier_id', 'identifiers'],
  comic_reprints: ['reprint_id', 'reprints'],
  comic_folders: ['folder_id', 'folders'],
};
const designTables = [
  'libraries', 'folders', 'comics', 'publishers', 'imprints', 'series', 'volumes',
  ...namedTagTables, 'credits', 'story_arc_numbers', 'identifiers', 'reprints',
  ...Object.keys(joinTables), 'failed_imports', 'comic_pages', 'covers', 'cover_failures', 'comics_fts',
];

const comicRow = (path: string) => ({
  library_id: 1, folder_id: 1, path, publisher_id: 1, imprint_id: 1, series_id: 1, volume_id: 1,
  file_type: 'CBZ', size: 100, mtime: 1,
});

/** One row in every table a unique-key row below may point at, each with id 1 (plus credit role 2). */
function seed(db: LongboxDb): void {
  insertRow(db, 'libraries', { path: '/library' });
  insertRow(db, 'folders', { library_id: 1, path: '', name: '', sort_name: '', mtime: 0, size: 0 });
  insertRow(db, 'publishers', { name: '' });
  insertRow(db, 'imprints', { publisher_id: 1, name: '' });
  insertRow(db, 'series', { imprint_id: 1, name: '' });
  insertRow(db, 'volumes', { series_id: 1, number: 1 });
  for (const table of namedTagTables) insertRow(db, table, { name: 'seeded' });
  insertRow(db, 'credit_roles', { name: 'unused role' });
  insertRow(db, 'credits', { person_id: 1, role_id: 1 });
  insertRow(db, 'story_arc_numbers', { story_arc_id: 1, number: 1 });
  insertRow(db, 'identifiers', { source_id: 1, id_type: 'issue', key: 'seeded' });
  insertRow(db, 'reprints', { series_name: 'seeded', volume_number: 1, issue: '1', language: 'en' });
  insertRow(db, 'comics', comicRow('seeded.cbz'));
}

/** A row per unique key that does not clash with the seed, so only its own duplicate conflicts. */
const uniqueKeyRows: [string, Record<string, unknown>][] = [
  ['libraries', { path: '/other' }],
  ['folders', { library_id: 1, parent_id: 1, path: 'sub', name: 'sub', sort_name: 'sub', mtime: 0, size: 0 }],
  ['comics', comicRow('other.cbz')],
  ['failed_imports', { library_id: 1, path: 'bad.cbz', mtime: 0, size: 0, reason: 'damaged zip' }],
  ['publishers', { name: 'Marvel' }],
  ['imprints', { publisher_id: 1, name: 'Max' }],
  ['series', { imprint_id: 1, name: 'Daredevil' }],
  ...namedTagTables.map((table): [string, Record<string, unknown>] => [table, { name: 'new' }]),
  ['volumes', { series_id: 1, number: null, number_to: null }],
  ['credits', { person_id: 1, role_id: null }],
  ['story_arc_numbers', { story_arc_id: 1, number: null }],
  ['identifiers', { source_id: null, id_type: null, key: 'k' }],
  ['reprints', { series_name: 'seeded', volume_number: null, issue: null, language: null }],
  ...Object.entries(joinTables).map(([table, [column]]): [string, Record<string, unknown>] => [table, { comic_id: 1, [column]: 1 }]),
];

describe('schema after migrate', () => {
  let db: LongboxDb;
  beforeEach(() => {
    db = openMigrated();
  });

  it('has every table of DESIGN.md section 3', () => {
    const names = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(designTables));
  });

  it('declares the columns of the public contract', () => {
    const columns = (table: string) => (db.$client.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns('comics')).toEqual(expect.arrayContaining([
      'library_id', 'folder_id', 'path', 'name', 'sort_name', 'collection_title', 'issue_number', 'issue_suffix',
      'alternative_issue_number', 'alternative_issue_suffix', 'publisher_id', 'imprint_id', 'series_id', 'volume_id',
      'age_rating_id', 'original_format_id', 'scan_info_id', 'tagger_id', 'main_character_id', 'main_team_id',
      'country_id', 'language_id', 'year', 'month', 'day', 'date', 'decade', 'summary', 'review', 'notes',
      'community_rating', 'community_rating_count', 'page_count', 'reading_direction', 'monochrome', 'file_type',
      'size', 'mtime', 'inode', 'metadata_mtime', 'fingerprint', 'created_at', 'updated_at',
    ]));
    expect(columns('folders')).toEqual(['id', 'library_id', 'parent_id', 'path', 'name', 'sort_name', 'mtime', 'size', 'inode', 'created_at', 'updated_at']);
    expect(columns('volumes')).toEqual(['id', 'series_id', 'number', 'number_to', 'issue_count', 'created_at', 'updated_at']);
    expect(columns('identifiers')).toEqual(['id', 'source_id', 'id_type', 'key', 'url']);
    expect(columns('reprints')).toEqual(['id', 'series_name', 'volume_number', 'issue', 'language', 'issue_count']);
    for (const table of ['publishers', 'imprints', 'series', 'characters', 'teams', 'locations', 'genres', 'tags', 'stories', 'story_arcs', 'credit_persons']) {
      expect(columns(table), table).toContain('identifier_id');
    }
    expect(columns('universes')).toEqual(['id', 'name', 'identifier_id', 'designation']);
    expect(columns('failed_imports')).toEqual(['id', 'library_id', 'path', 'mtime', 'size', 'reason', 'created_at', 'updated_at']);
    expect(columns('comics_fts')).toEqual([...comicsFtsColumns]);
  });

  it('has in SQLite exactly the foreign keys the drizzle schema declares', () => {
    const tables = (Object.values(longbox) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
    expect(tables).toHaveLength(designTables.length - 1);
    for (const table of tables) {
      const config = getTableConfig(table);
      const declared = config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return `${ref.columns[0]!.name} -> ${getTableConfig(ref.foreignTable).name} ${(fk.onDelete ?? 'no action').toUpperCase()}`;
      });
      const actual = (db.$client.pragma(`foreign_key_list(${config.name})`) as { from: string; table: string; on_delete: string }[]).map(
        (fk) => `${fk.from} -> ${fk.table} ${fk.on_delete}`,
      );
      expect(actual.sort(), config.name).toEqual(declared.sort());
    }
  });

  it.each([
    ['folders', 'library_id -> libraries CASCADE'],
    ['folders', 'parent_id -> folders CASCADE'],
    ['comics', 'library_id -> libraries CASCADE'],
    ['comic_pages', 'comic_id -> comics CASCADE'],
    ['covers', 'comic_id -> comics CASCADE'],
    ['cover_failures', 'comic_id -> comics CASCADE'],
    ['comics', 'folder_id -> folders NO ACTION'],
    ['comics', 'publisher_id -> publishers NO ACTION'],
    ['comics', 'volume_id -> volumes NO ACTION'],
    ['comics', 'age_rating_id -> age_ratings SET NULL'],
    ['comics', 'main_character_id -> characters SET NULL'],
    ['comics', 'main_team_id -> teams SET NULL'],
    ['imprints', 'publisher_id -> publishers NO ACTION'],
    ['volumes', 'series_id -> series NO ACTION'],
    ['characters', 'identifier_id -> identifiers SET NULL'],
    ['publishers', 'identifier_id -> identifiers SET NULL'],
    ['imprints', 'identifier_id -> identifiers SET NULL'],
    ['series', 'identifier_id -> identifiers SET NULL'],
    ['credits', 'role_id -> credit_roles NO ACTION'],
    ['identifiers', 'source_id -> identifier_sources NO ACTION'],
    ['failed_imports', 'library_id -> libraries CASCADE'],
    ...Object.entries(joinTables).flatMap(([table, [column, target]]) => [
      [table, 'comic_id -> comics CASCADE'],
      [table, `${column} -> ${target} CASCADE`],
    ]),
  ])('%s has foreign key %s', (table, expected) => {
    const actual = (db.$client.pragma(`foreign_key_list(${table})`) as { from: string; table: string; on_delete: string }[]).map(
      (fk) => `${fk.from} -> ${fk.table} ${fk.on_delete}`,
    );
    expect(actual).toContain(expected);
  });

  describe('unique keys', () => {
    beforeEach(() => seed(db));

    it.each(uniqueKeyRows)('%s rejects a duplicate and keeps one row under ON CONFLICT DO NOTHING or OR IGNORE', (table, row) => {
      const before = countRows(db, table);
      insertRow(db, table, row);
      expect(() => insertRow(db, table, row)).toThrow(/UNIQUE constraint failed/);
      insertRow(db, table, row, 'do-nothing');
      insertRow(db, table, row, 'or-ignore');
      expect(countRows(db, table)).toBe(before + 1);
    });

    it.each([
      ['volumes', { series_id: 1, number: null, number_to: null }, { series_id: 1, number: 0, number_to: null }],
      ['volumes', { series_id: 1, number: 2, number_to: null }, { series_id: 1, number: 2, number_to: 3 }],
      ['credits', { person_id: 1, role_id: null }, { person_id: 1, role_id: 2 }],
      ['story_arc_numbers', { story_arc_id: 1, number: null }, { story_arc_id: 1, number: 0 }],
      ['identifiers', { source_id: null, id_type: null, key: 'k' }, { source_id: 1, id_type: null, key: 'k' }],
      ['identifiers', { source_id: null, id_type: null, key: 'k' }, { source_id: null, id_type: '0', key: 'k' }],
      ['reprints', { series_name: 's', volume_number: null, issue: null, language: null }, { series_name: 's', volume_number: 0, issue: null, language: null }],
      ['reprints', { series_name: 's', volume_number: null, issue: null, language: null }, { series_name: 's', volume_number: null, issue: '0', language: null }],
      ['reprints', { series_name: 's', volume_number: null, issue: null, language: null }, { series_name: 's', volume_number: null, issue: null, language: '0' }],
    ])('%s keeps a NULL part distinct from every real value (%o vs %o)', (table, withNull, withValue) => {
      const before = countRows(db, table);
      insertRow(db, table, withNull, 'do-nothing');
      insertRow(db, table, withValue, 'do-nothing');
      expect(countRows(db, table)).toBe(before + 2);
    });

    it('accepts an explicit NULL-safe conflict target that repeats the index expressions', () => {
      const upsert = db.$client.prepare(`
        INSERT INTO volumes (series_id, number, number_to, issue_count) VALUES (?, ?, ?, ?)
        ON CONFLICT (series_id, (CASE WHEN "number" IS NULL THEN '' ELSE "number" END), (CASE WHEN "number_to" IS NULL THEN '' ELSE "number_to" END))
        DO UPDATE SET issue_count = excluded.issue_count
        RETURNING id, issue_count`);
      const first = upsert.get(1, null, null, 5) as { id: number };
      const second = upsert.get(1, null, null, 7) as { id: number; issue_count: number };
      expect(second).toEqual({ id: first.id, issue_count: 7 });
    });
  });

  describe('delete rules', () => {
    beforeEach(() => {
      seed(db);
      insertRow(db, 'comic_characters', { comic_id: 1, character_id: 1 });
      insertRow(db, 'comic_folders', { comic_id: 1, folder_id: 1 });
      insertRow(db, 'failed_imports', { library_id: 1, path: 'bad.cbz', mtime: 0, size: 0, reason: 'damaged zip' });
      db.$client.prepare(`INSERT INTO comics_fts (rowid, title) VALUES (1, 'seeded')`).run();
    });

    it('removes folders, comics, their links, failed imports and search rows with their library', () => {
      db.$client.prepare('DELETE FROM libraries WHERE id = 1').run();
      for (const table of ['folders', 'comics', 'comic_characters', 'comic_folders', 'failed_imports', 'comics_fts']) {
        expect(countRows(db, table), table).toBe(0);
      }
      expect(countRows(db, 'characters')).toBe(1);
    });

    it('refuses to delete a publisher, volume or folder a comic still uses', () => {
      expect(() => db.$client.prepare('DELETE FROM publishers WHERE id = 1').run()).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => db.$client.prepare('DELETE FROM volumes WHERE id = 1').run()).toThrow(/FOREIGN KEY constraint failed/);
      expect(() => db.$client.prepare('DELETE FROM folders WHERE id = 1').run()).toThrow(/FOREIGN KEY constraint failed/);
    });

    it('clears a single-valued tag on the comic when the tag row is deleted', () => {
      db.$client.prepare('UPDATE comics SET age_rating_id = 1, main_character_id = 1 WHERE id = 1').run();
      db.$client.prepare('DELETE FROM age_ratings WHERE id = 1').run();
      db.$client.prepare('DELETE FROM characters WHERE id = 1').run();
      expect(db.$client.prepare('SELECT age_rating_id, main_character_id FROM comics WHERE id = 1').get()).toEqual({
        age_rating_id: null,
        main_character_id: null,
      });
      expect(countRows(db, 'comic_characters')).toBe(0);
    });
  });

  it('fills created_at and updated_at in unix milliseconds on a raw insert', () => {
    const before = Date.now();
    insertRow(db, 'libraries', { path: '/timed' });
    const row = db.$client.prepare('SELECT created_at, updated_at FROM libraries').get() as { created_at: number; updated_at: number };
    expect(row.created_at).toBeGreaterThanOrEqual(before - 1000);
    expect(row.created_at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(row.updated_at).toBe(row.created_at);
  });

  it('rejects a reading direction or file type outside the allowed values', () => {
    seed(db);
    expect(() => insertRow(db, 'comics', { ...comicRow('x.cbz'), reading_direction: 'diagonal' })).toThrow(/CHECK constraint failed/);
    expect(() => insertRow(db, 'comics', { ...comicRow('y.cbz'), file_type: 'ZIP' })).toThrow(/CHECK constraint failed/);
  });
});
