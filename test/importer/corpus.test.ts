import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import type { LongboxDb } from '../../src/db';
import { writeTaggedFixtures } from '../metadata/support/tagged-fixtures';
import { testLibrary } from '../support/library';


describe('importing the shared corpus', { tags: CORPUS_TAG }, () => {
  it('imports every readable archive and records the encrypted ones as failures', async () => {
    const lib = testLibrary();
    cpSync(corpusPath('comicbox'), join(lib.root, 'comicbox'), { recursive: true });
    cpSync(corpusPath('komga'), join(lib.root, 'komga'), { recursive: true });
    const db = lib.open();
    const report = await importLibrary(db, lib.root, { workers: 2 });
    const all = (sql: string) => db.$client.prepare(sql).all() as Record<string, unknown>[];

    // 15 comicbox files + 11 komga files, of which 4 are password protected.
    expect(report.comics).toMatchObject({ created: 22, failed: 4 });
    expect(all(`SELECT path FROM failed_imports ORDER BY path`).map((row) => row.path)).toEqual([
      'komga/7zip-encrypted.7z',
      'komga/rar4-encrypted.rar',
      'komga/rar5-encrypted.rar',
      'komga/zip-encrypted.zip',
    ]);
    for (const { reason } of all('SELECT reason FROM failed_imports')) expect(String(reason)).toMatch(/password|encrypted/i);

    expect(all('SELECT name FROM publishers ORDER BY name').map((row) => row.name)).toContain('Youthful Adventure Stories');
    const captainScience = all(`SELECT c.path FROM comics c JOIN series s ON s.id = c.series_id WHERE s.name = 'Captain Science'`);
    expect(captainScience.length).toBeGreaterThanOrEqual(8);
    const credits = all(`SELECT DISTINCT p.name person, r.name role FROM credits c JOIN credit_persons p ON p.id = c.person_id
      JOIN credit_roles r ON r.id = c.role_id JOIN comic_credits cc ON cc.credit_id = c.id ORDER BY 1, 2`);
    expect(credits).toEqual(expect.arrayContaining([
      { person: 'Joe Orlando', role: 'Writer' },
      { person: 'Wally Wood', role: 'Inker' },
      { person: 'Wally Wood', role: 'Penciller' },
    ]));
    const arcs = all(`SELECT a.name, n.number FROM story_arc_numbers n JOIN story_arcs a ON a.id = n.story_arc_id ORDER BY 1`);
    expect(arcs).toEqual(expect.arrayContaining([{ name: 'Captain Arc', number: 4 }, { name: 'Other Arc', number: 2 }]));
    expect(all(`SELECT file_type FROM comics GROUP BY file_type ORDER BY 1`).map((row) => row.file_type)).toEqual(['CB7', 'CBR', 'CBT', 'CBZ', 'PDF']);
    expect(db.$client.prepare('SELECT count(*) FROM comics_fts').pluck().get()).toBe(22);
    expect(db.$client.prepare(`SELECT count(*) FROM comics_fts WHERE comics_fts MATCH 'characters:"gordon dane"'`).pluck().get()).toBeGreaterThan(0);
  });
});

describe('tags in the database', () => {
  const all = (db: LongboxDb, sql: string) => db.$client.prepare(sql).all() as Record<string, unknown>[];
  const changes = (db: LongboxDb) => db.$client.prepare('SELECT total_changes()').pluck().get();
  /** Every tag table's row that carries an identifier, as "table name -> source idType key". */
  const identified = (db: LongboxDb) =>
    ['publishers', 'imprints', 'series', 'characters', 'teams', 'locations', 'genres', 'tags', 'stories', 'story_arcs', 'universes', 'credit_persons']
      .flatMap((table) => all(db, `SELECT t.name, s.name source, i.id_type, i.key, i.url FROM ${table} t JOIN identifiers i ON i.id = t.identifier_id
        LEFT JOIN identifier_sources s ON s.id = i.source_id ORDER BY t.name`).map((row) => `${table} ${row.name} -> ${row.source} ${row.id_type} ${row.key} ${row.url}`));

  it('stores the corpus cix stories, alternate reprint and MetronInfo tag ids, and a forced re-import keeps them', { tags: CORPUS_TAG }, async () => {
    const lib = testLibrary();
    cpSync(corpusPath('comicbox'), join(lib.root, 'comicbox'), { recursive: true });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const storiesOf = (path: string) =>
      all(db, `SELECT s.name FROM comic_stories cs JOIN stories s ON s.id = cs.story_id JOIN comics c ON c.id = cs.comic_id WHERE c.path = '${path}' ORDER BY s.name`).map((row) => row.name);
    expect(storiesOf('comicbox/Captain Science #001-cix.cbz')).toEqual(['The Beginning', 'The End']);
    expect(all(db, `SELECT r.series_name, r.issue FROM comic_reprints cr JOIN reprints r ON r.id = cr.reprint_id
      JOIN comics c ON c.id = cr.comic_id WHERE c.path = 'comicbox/Captain Science #001-cix.cbz'`)).toEqual([{ series_name: 'Captain Science Alternate', issue: '1' }]);
    expect(identified(db)).toEqual(expect.arrayContaining([
      'publishers Youthful Adventure Stories -> Metron publisher 11 https://metron.cloud/publisher/11',
      'imprints Youthful Imprint -> Metron imprint 222 https://metron.cloud/imprint/222',
      'series Captain Science -> Metron series 2222 https://metron.cloud/series/2222',
      'stories Captain Lost -> Metron story 5555 https://metron.cloud/story/5555',
    ]));
    // Forced: every file is read again. (The corpus gives Comic Vine issue 145269 two URLs, and
    // an identifier keeps one, the last written: that row is rewritten, the tag ids are not.)
    const before = identified(db);
    const report = await importLibrary(db, lib.root, { workers: 1, force: true });
    expect(report.tags).toEqual({ created: 0, removed: 0 });
    expect(identified(db)).toEqual(before);
  });

  it('fills identifier_id on every kind of tag, keeps the ids on a forced re-import, and removes them with their comic', async () => {
    const lib = testLibrary();
    const paths = writeTaggedFixtures(lib.root);
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const metron = (table: string, name: string, kind: string, key: string) =>
      `${table} ${name} -> Metron ${kind} ${key} https://metron.cloud/${kind}/${key}`;
    expect(identified(db)).toEqual(expect.arrayContaining([
      metron('publishers', 'Bell Features', 'publisher', '1'),
      metron('imprints', 'Bell Imprint', 'imprint', '2'),
      metron('stories', 'First Contact', 'story', '4'),
      metron('teams', 'Science Squad', 'team', '6'),
      metron('locations', 'The Moon', 'location', '7'),
      metron('genres', 'Science Fiction', 'genre', '8'),
      metron('tags', 'rockets', 'tag', '9'),
      metron('story_arcs', 'Moon War', 'arc', '10'),
      metron('universes', 'Main', 'universe', '11'),
      metron('credit_persons', 'Joe Orlando', 'creator', '12'),
      'characters Gordon Dane -> Comic Vine character 77 null',
    ]));
    expect(all(db, 'SELECT series_name, issue, issue_count FROM reprints')).toEqual([{ series_name: 'Science Stories', issue: '4', issue_count: 12 }]);

    const before = changes(db);
    await importLibrary(db, lib.root, { workers: 1, force: true });
    expect(changes(db)).toBe(before);

    for (const path of Object.values(paths)) rmSync(path);
    const report = await importLibrary(db, lib.root, { workers: 1, allowClear: true });
    expect(report.comics.deleted).toBe(Object.keys(paths).length);
    expect(all(db, 'SELECT * FROM identifiers')).toEqual([]);
    expect(all(db, 'SELECT * FROM identifier_sources')).toEqual([]);
    const after = changes(db);
    await importLibrary(db, lib.root, { workers: 1, allowClear: true });
    expect(changes(db)).toBe(after);
  });
});
