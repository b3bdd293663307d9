import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_ENTRY_BYTES, type Archive, type ArchiveFormat } from '../archive';
import { ArchiveFile } from '../archive/file';
import { openArchiveFile } from '../archive/open-archive';
import { LongboxError } from '../errors';
import { buildMetadata, findMetadataEntries, parseComicInfoPages, type MetadataSource } from '../metadata';
import { comicMetadataSchema, fileTypes, type FileType } from '../metadata/schema';
import { comicPageSchema, pageListOf, pdfPageList } from '../pages/page-list';
import { fingerprintOf } from './fingerprint';

/**
 * Reads one comic file into the record the importer writes: the archive's stat, page count and
 * merged metadata. Bad input never throws: it becomes an `ok: false` outcome with a reason.
 */

export const comicRecordSchema = z.object({
  /** The path as given (absolute when the caller gives absolute paths). */
  path: z.string().min(1),
  fileType: z.enum(fileTypes),
  size: z.number().int().min(0),
  /** stat mtime in whole milliseconds. */
  mtime: z.number().int(),
  inode: z.number().int().min(0),
  pageCount: z.number().int().min(0),
  /** The pages in reading order; pageCount is its length. */
  pages: z.array(comicPageSchema),
  /** The newest mtime of the metadata entries read, when the archive stores entry times. */
  metadataMtime: z.number().int().optional(),
  /** Size plus a hash of the file's ends, for move detection across inodes. */
  fingerprint: z.string().min(1),
  metadata: comicMetadataSchema,
});

export type ComicRecord = z.infer<typeof comicRecordSchema>;

/** Both kinds carry `path`, so results that arrive out of order are matched without unwrapping. */
export type ReadOutcome =
  | { ok: true; path: string; comic: ComicRecord; warnings: string[] }
  | { ok: false; path: string; reason: string; size?: number; mtime?: number };

export interface ReadComicOptions {
  /** Metadata entries larger than this are skipped with a warning (zip bombs). */
  maxEntryBytes?: number;
  /** The name the filename source parses, when the path's own base name is not it (openable-path.ts). */
  fileName?: string;
}

const FILE_TYPES: Record<ArchiveFormat, FileType> = { zip: 'CBZ', rar: 'CBR', '7z': 'CB7', tar: 'CBT', pdf: 'PDF' };

export async function readComic(path: string, options: ReadComicOptions = {}): Promise<ReadOutcome> {
  let file: ArchiveFile;
  try {
    // The open file's stat, not the path's: one system call less per comic.
    file = ArchiveFile.open(path);
  } catch (error) {
    return unopenable(path, error);
  }
  const { stats } = file;
  const size = stats.size;
  const mtime = Math.trunc(stats.mtimeMs);
  let archive: Archive | undefined;
  try {
    if (!stats.isFile()) return { ok: false, path, reason: 'not a comic archive: not a regular file', size, mtime };
    archive = await openArchiveFile(file);
    const warnings: string[] = [];
    const { sources, metadataMtime } = await collectSources(archive, options.fileName ?? basename(path), options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES, warnings);
    const built = buildMetadata(sources);
    const comicInfo = sources.find((source) => source.kind === 'comicinfo');
    const described = comicInfo ? parseComicInfoPages(comicInfo.xml) : [];
    const pages = archive.pdf ? pdfPageList(archive.pdf.pageCount, described) : pageListOf(archive.entries, described);
    const comic: ComicRecord = {
      path,
      fileType: FILE_TYPES[archive.format],
      size,
      mtime,
      inode: stats.ino,
      pageCount: pages.length,
      pages,
      metadataMtime,
      fingerprint: fingerprintOf(file),
      metadata: built.metadata,
    };
    return { ok: true, path, comic, warnings: built.warnings.length === 0 ? warnings : [...warnings, ...built.warnings] };
  } catch (error) {
    return { ok: false, path, reason: failureReason(error), size, mtime };
  } finally {
    await archive?.close().catch(() => undefined);
    file.close();
  }
}

/** A file that cannot be opened: its stat, when the path still has one, goes with the reason. */
function unopenable(path: string, error: unknown): ReadOutcome {
  const reason = failureReason(error);
  try {
    const stats = statSync(path);
    return { ok: false, path, reason, size: stats.size, mtime: Math.trunc(stats.mtimeMs) };
  } catch {
    return { ok: false, path, reason };
  }
}

/**
 * Every metadata source the file holds, lowest precedence first (the order does not matter to the
 * merge, but reads naturally). A metadata entry that cannot be read costs a warning, not the comic.
 */
async function collectSources(archive: Archive, fileName: string, maxBytes: number, warnings: string[]) {
  const sources: MetadataSource[] = [{ kind: 'filename', name: fileName }];
  if (archive.pdf) sources.push({ kind: 'pdf', info: archive.pdf.info, xmp: archive.pdf.xmp });
  if (archive.comment?.trimStart().startsWith('{')) sources.push({ kind: 'comment', json: archive.comment });

  const names = archive.entries.filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  const found = findMetadataEntries(names);
  let metadataMtime: number | undefined;
  const read = async (name: string | undefined): Promise<Buffer | undefined> => {
    if (name === undefined) return undefined;
    try {
      const data = await archive.read(name, { maxBytes });
      const entryMtime = archive.entries.find((entry) => entry.name === name)?.mtime;
      if (entryMtime !== undefined) metadataMtime = Math.max(metadataMtime ?? entryMtime, entryMtime);
      return data;
    } catch (error) {
      warnings.push(`skipped ${name}: ${failureReason(error)}`);
      return undefined;
    }
  };
  const comicBookInfo = await read(found.comicbookinfo);
  if (comicBookInfo) sources.push({ kind: 'comicbookinfo', json: comicBookInfo.toString('utf8') });
  const comet = await read(found.comet);
  if (comet) sources.push({ kind: 'comet', xml: comet });
  const comicInfo = await read(found.comicinfo);
  if (comicInfo) sources.push({ kind: 'comicinfo', xml: comicInfo });
  const metronInfo = await read(found.metroninfo);
  if (metronInfo) sources.push({ kind: 'metroninfo', xml: metronInfo });
  // Among comicbox sources the later wins: the comment, then YAML, then JSON (comicbox's order).
  const comicboxYaml = await read(found.comicboxYaml);
  if (comicboxYaml) sources.push({ kind: 'comicbox', text: comicboxYaml.toString('utf8'), format: 'yaml' });
  const comicboxJson = await read(found.comicboxJson);
  if (comicboxJson) sources.push({ kind: 'comicbox', text: comicboxJson.toString('utf8'), format: 'json' });
  return { sources, metadataMtime: metadataMtime === undefined ? undefined : Math.trunc(metadataMtime) };
}

/**
 * Readers throw LongboxErrors whose message is the reason. Anything else is longbox's own bug:
 * the reason says so without the program's message, which can carry paths and internals.
 */
function failureReason(error: unknown): string {
  if (error instanceof LongboxError) return error.message;
  const kind = error instanceof Error ? error.name : typeof error;
  return `unexpected error while reading (${kind}): a longbox bug, please report it with this file`;
}
