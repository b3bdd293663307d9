import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type LongboxDb } from '../../src/db';
import { writeCbz } from '../../tools/archive-writers';
import { PAGE_PNG } from '../../tools/archive-writers';
import { buildComicInfoXml, type ComicInfoFields } from '../../tools/comicinfo-xml';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A temporary folder removed after the test. */
export function tempDir(prefix = 'longbox-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh library folder and a database file beside it, both removed after the test. */
export function testLibrary(): { root: string; dbPath: string; open: () => LongboxDb } {
  const dir = tempDir();
  const root = join(dir, 'library');
  mkdirSync(root);
  const dbPath = join(dir, 'longbox.sqlite');
  return {
    root,
    dbPath,
    open: () => {
      const db = openDatabase(dbPath);
      cleanups.unshift(() => db.$client.open && db.$client.close());
      return db;
    },
  };
}

/** Writes a CBZ with `pages` page images and, unless `fields` is null, a ComicInfo.xml. */
export function writeComic(root: string, path: string, fields: ComicInfoFields | null, options: { pages?: number; mtime?: Date } = {}): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  const pages = Array.from({ length: options.pages ?? 2 }, (_, index) => ({ name: `page-${String(index + 1).padStart(3, '0')}.png`, data: PAGE_PNG }));
  writeCbz(file, fields === null ? pages : [...pages, { name: 'ComicInfo.xml', data: buildComicInfoXml(fields) }]);
  if (options.mtime) utimesSync(file, options.mtime, options.mtime);
  return file;
}
