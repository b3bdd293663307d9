import type { Database, Statement } from 'better-sqlite3';
import type { ComicRecord } from '../../read/read-comic';
import { comics } from '../../schema';
import { contentColumns, type DriverValue, toDriverValues } from '../queries/comic-columns';
import type { ComicLinks } from '../queries/link-tables';
import { columnList, columnName, placeholders, tableName } from '../queries/sql-names';
import type { FileStat } from '../../walk/file-list';
import { comicContent } from './comic-row';
import type { FolderTree } from './folders';
import { parentOf } from '../../paths';
import type { ReferenceResolvers } from './references';
import { searchDocument } from './search-document';
import { INCOMPLETE_MTIME, STALE_MTIME } from '../marks';
import { NOW_MS_SQL } from '../../schema/timestamps';

/** A file read successfully, with the id of its comic when it already has one. */
export interface ReadyComic {
  comicId: number | undefined;
  file: FileStat;
  /** What the read decided; the stat comes from the scan (`file`), which the diff compared. */
  record: Omit<ComicRecord, 'path' | 'size' | 'mtime' | 'inode'>;
}

/** A comic whose row is written; its links and search row follow in later phases. */
export interface WrittenComic {
  id: number;
  isNew: boolean;
  file: FileStat;
  /** The content columns written, in contentColumns order. */
  content: DriverValue[];
  links: ComicLinks;
  search: string[];
}

export function prepareComicWrites(client: Database) {
  const insert = client.prepare(
    `INSERT INTO ${tableName(comics)} (${columnList([...contentColumns, comics.size, comics.mtime, comics.inode])}) VALUES (${placeholders(contentColumns.length + 3)}) RETURNING id`,
  );
  const updates = new Map<string, Statement>();
  const update = (changed: number[]) => {
    const key = changed.join(',');
    let statement = updates.get(key);
    if (!statement) {
      const assignments = changed.map((index) => `${columnName(contentColumns[index]!)} = ?`).join(', ');
      // Marked until its finish phase, like a new comic: a run stopped before then reads it again.
      statement = client.prepare(`UPDATE ${tableName(comics)} SET ${assignments}, mtime = ${STALE_MTIME}, updated_at = ${NOW_MS_SQL} WHERE id = ?`);
      updates.set(key, statement);
    }
    return statement;
  };
  const finish = client.prepare(
    `UPDATE ${tableName(comics)} SET size = ?, mtime = ?, inode = ? WHERE id = ? AND (size IS NOT ? OR mtime IS NOT ? OR inode IS NOT ?)`,
  );
  return { insert, update, finish };
}

export type ComicWrites = ReturnType<typeof prepareComicWrites>;

export interface CreateUpdateContext {
  libraryId: number;
  writes: ComicWrites;
  references: ReferenceResolvers;
  folders: FolderTree;
}

/**
 * Phase "create/update": reference rows (through the resolvers), folders, then the comic rows.
 * A known comic keeps its id and gets an UPDATE of the changed columns only.
 */
export function createAndUpdateComics(
  ctx: CreateUpdateContext,
  ready: readonly ReadyComic[],
  stored: ReadonlyMap<number, DriverValue[]>,
): { written: WrittenComic[]; created: number; updated: number } {
  const written: WrittenComic[] = [];
  let created = 0;
  let updated = 0;
  const resolved = ctx.references.resolveAll(ready.map(({ record }) => record.metadata));
  for (const [index, { comicId, file, record }] of ready.entries()) {
    const folderPath = parentOf(file.path);
    const folderId = ctx.folders.ensure(folderPath);
    const { references, links } = resolved[index]!;
    const values = toDriverValues(
      comicContent({
        libraryId: ctx.libraryId,
        folderId,
        path: file.path,
        fileType: record.fileType,
        pageCount: record.pageCount,
        metadataMtime: record.metadataMtime,
        fingerprint: record.fingerprint,
        metadata: record.metadata,
        references,
      }),
    );
    let id: number;
    const previous = comicId === undefined ? undefined : stored.get(comicId);
    if (comicId === undefined || previous === undefined) {
      id = (ctx.writes.insert.get(...values, file.size, INCOMPLETE_MTIME, file.inode) as { id: number }).id;
      created++;
    } else {
      id = comicId;
      const changed = values.flatMap((value, index) => (value === previous[index] ? [] : [index]));
      if (changed.length > 0) ctx.writes.update(changed).run(...changed.map((index) => values[index]), id);
      updated++;
    }
    written.push({
      id,
      isNew: previous === undefined,
      file,
      content: values,
      links: { ...links, folders: ctx.folders.ancestorIds(folderPath) },
      search: searchDocument(record.metadata),
    });
  }
  return { written, created, updated };
}

/** Phase "finish": the real stat marks each written comic complete (see INCOMPLETE_MTIME). */
export function finishComics(writes: ComicWrites, written: readonly WrittenComic[]): void {
  for (const { id, file } of written) writes.finish.run(file.size, file.mtime, file.inode, id, file.size, file.mtime, file.inode);
}

