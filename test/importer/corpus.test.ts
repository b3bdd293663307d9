import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../src/importer/import-library';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
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
