import { type Stats, statSync } from 'node:fs';
import { type Archive } from '../archive';
import { ArchiveFile } from '../archive/file';
import { openablePath } from '../archive/openable-path';
import { openArchiveFile } from '../archive/open-archive';
import { LongboxError } from '../errors';
import { describeFsError } from '../fs-errors';
import type { ComicPage } from '../schema/comic-page';
import { PDF_PAGE_MEDIA_TYPE } from './media-type';
import { renderPdfPage } from './pdf-render';

/**
 * Reads one page of a comic file as the import stored it. The file must still be the one the
 * import read (same size and mtime, before and after the read) and the entry must still be listed
 * with the stored size: otherwise the page asked for may not be the page served, so it says so.
 */

export type PageFailureCode = 'NOT_FOUND' | 'FILE_CHANGED' | 'UNREADABLE';
export type PageFailure = { ok: false; code: PageFailureCode; reason: string };
export type PageResult = { ok: true; data: Buffer; mediaType: string } | PageFailure;

/**
 * The comic file as the import stored it: absolute display path (join(root, comics.path); a name
 * that is not UTF-8 is opened by its bytes, see path-bytes.ts) and the stat it was read at.
 */
export interface StoredFile {
  path: string;
  size: number;
  mtime: number;
}

export interface ReadPageOptions {
  /** Largest page read, in bytes (default 256 MiB): a bigger entry is refused, not inflated. */
  maxBytes?: number;
  /** Pixels of a rendered PDF page at most (default 16 million). */
  pdfMaxPixels?: number;
  /** Scale over a PDF page's 72-dpi size (default 2, 144 dpi). */
  pdfScale?: number;
}

const DEFAULT_MAX_PAGE_BYTES = 256 * 1024 * 1024;
const DEFAULT_PDF_MAX_PIXELS = 16_000_000;

const failure = (code: PageFailureCode, reason: string): PageFailure => ({ ok: false, code, reason });

export async function readPage(file: StoredFile, pages: readonly ComicPage[], index: number, options: ReadPageOptions = {}): Promise<PageResult> {
  const page = Number.isInteger(index) ? pages[index] : undefined;
  if (page === undefined) return failure('NOT_FOUND', `page ${index} does not exist: the comic has ${pages.length} pages (0 to ${pages.length - 1})`);
  return readStoredPage(file, page, index, options);
}

/** Page `index` of the file, described by `page` from its stored list. */
export async function readStoredPage(file: StoredFile, page: ComicPage, index: number, options: ReadPageOptions = {}): Promise<PageResult> {
  // Reasons name no path: callers know which comic they asked for, and cover_failures stores them.
  const opened = openablePath(file.path);
  if (!opened.ok) return failure('FILE_CHANGED', `the comic's file cannot be opened since it was imported (${opened.reason}); import the library again`);
  try {
    const before = changeOf(opened.path, file);
    if (before) return before;
    let result: PageResult;
    try {
      result = page.entry === undefined ? await renderPdf(opened.path, index, options) : await readEntry(opened.path, page.entry, page, options);
    } catch (error) {
      return failure('UNREADABLE', `cannot read page ${index}: ${error instanceof LongboxError ? error.message : page.entry === undefined ? 'the PDF page cannot be rendered (damaged or encrypted)' : 'the archive cannot be read'}`);
    }
    return changeOf(opened.path, file) ?? result;
  } finally {
    opened.close();
  }
}

/** Why the file on disk is not the one imported, if it is not. */
function changeOf(path: string, file: StoredFile): PageFailure | undefined {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    return failure('FILE_CHANGED', `the comic's file is gone since it was imported (${describeFsError(error)}); import the library again`);
  }
  if (stat.size === file.size && Math.trunc(stat.mtimeMs) === file.mtime) return undefined;
  return failure('FILE_CHANGED', "the comic's file changed since it was imported (size or mtime differ); import the library again");
}

async function readEntry(path: string, entry: string, page: ComicPage, options: ReadPageOptions): Promise<PageResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PAGE_BYTES;
  const file = ArchiveFile.open(path);
  let archive: Archive | undefined;
  try {
    archive = await openArchiveFile(file);
    const listed = archive.entries.find((candidate) => candidate.name === entry && !candidate.isDirectory);
    if (listed === undefined || (page.size !== undefined && listed.size !== page.size)) {
      return failure('FILE_CHANGED', `the comic's file no longer holds ${entry} as imported; import the library again`);
    }
    if (listed.size > maxBytes) return failure('UNREADABLE', `page ${entry} is ${listed.size} bytes, more than the ${maxBytes} allowed`);
    const data = await archive.read(entry, { maxBytes });
    if (page.size !== undefined && data.length !== page.size) {
      return failure('FILE_CHANGED', `${entry} is ${data.length} bytes, not the ${page.size} imported; import the library again`);
    }
    return { ok: true, data, mediaType: page.mediaType };
  } finally {
    await archive?.close().catch(() => undefined);
    file.close();
  }
}

async function renderPdf(path: string, index: number, options: ReadPageOptions): Promise<PageResult> {
  const data = await renderPdfPage(path, index, { maxPixels: options.pdfMaxPixels ?? DEFAULT_PDF_MAX_PIXELS, scale: options.pdfScale ?? 2 });
  return { ok: true, data, mediaType: PDF_PAGE_MEDIA_TYPE };
}
