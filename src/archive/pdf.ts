import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { entryToRead } from './entry-to-read';
import { archiveError } from './errors';
import { pdfAttachments } from './pdf-attachments';
import { readPdfStructure } from './pdf-structure';
import { type Archive, type PdfDetails, type ReadEntryOptions } from './types';

/**
 * PDF: page count, Info dictionary and XMP packet from our own object reader when the file is
 * plain (pdf-structure.ts), else through pdfjs-dist 5 (legacy build, for Node 20). pdfjs reads the file by ranges from the path, and
 * nothing is rendered, so fonts, eval and the worker thread stay off. Embedded files are listed by
 * our own reader (pdf-attachments.ts), which decodes one only when it is read, under the cap.
 */

/**
 * A hostile PDF can make the parser spin; a comic is never worth more than this. It covers the
 * whole open: the document, its page count, attachments and metadata.
 */
const OPEN_TIMEOUT_MS = 30_000;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * pdfjs-dist is 3.3 MB of plain JavaScript (the library and its in-thread worker). Imported
 * normally under tsx, both go through tsx's loader, which rewrites their dynamic imports with a
 * full source map and caches the source: about 340 MB more per thread than plain Node's 50 MB.
 * A URL whose tsx namespace no registration claims is passed straight to Node: that namespace
 * query is how tsx scopes its hooks (tsImport), and plain Node, vitest and tsx's own CLI ignore
 * or honour it the same way.
 */
const PLAIN_NODE = '?tsx-namespace=longbox-plain-node';

let pdfjs: Promise<Pdfjs> | undefined;

function plainUrl(specifier: string): string {
  return pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href + PLAIN_NODE;
}

/**
 * Loaded once per thread, with the guard against pdfjs's background rejections; a failed load is
 * forgotten, so one passing failure does not fail every later PDF. Page rendering (src/pages) loads
 * it through here too.
 */
export function pdfjsOnce(): Promise<Pdfjs> {
  pdfjs ??= loadPdfjs().catch((error: unknown) => {
    pdfjs = undefined;
    throw error;
  });
  return pdfjs;
}

async function loadPdfjs(): Promise<Pdfjs> {
  const library = (await import(plainUrl('pdfjs-dist/legacy/build/pdf.mjs'))) as Pdfjs;
  process.on('unhandledRejection', ignorePdfjsBackgroundFailure);
  // In Node pdfjs runs its worker on this thread, importing it from workerSrc.
  library.GlobalWorkerOptions.workerSrc = plainUrl('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return library;
}

export async function openPdf(path: string): Promise<Archive> {
  // Most PDFs need no pdf.js at all (pdf-structure.ts): it is loaded for the first one that does.
  const structure = readPdfStructure(path);
  if (structure) return archiveOf(structure, path, async () => undefined);
  const { getDocument, VerbosityLevel } = await pdfjsOnce();
  const task = getDocument({
    url: path,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const reading = task.promise.then((document) => readDocument(document, path, () => task.destroy()));
    return await withTimeout(reading, () => void task.destroy());
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfError(error);
  }
}

async function readDocument(document: PDFDocumentProxy, path: string, close: () => Promise<void>): Promise<Archive> {
  const pageCount = document.numPages;
  // pdf.js trusts /Count when it is an integer: -1 or -2147483648 would become a page count.
  if (!Number.isSafeInteger(pageCount) || pageCount < 0) throw archiveError(`damaged PDF: its page tree gives an impossible page count (${pageCount})`);
  const { info, metadata } = await document.getMetadata();
  const xmp: unknown = metadata?.getRaw();
  const details = { pageCount, info: { ...(info as Record<string, unknown>) }, ...(typeof xmp === 'string' && xmp.length > 0 && { xmp }) };
  return archiveOf(details, path, close);
}

/** The archive of a PDF: its details, and its embedded files as entries. */
function archiveOf(details: PdfDetails, path: string, close: () => Promise<void>): Archive {
  const attachments = pdfAttachments(path);
  return {
    format: 'pdf',
    entries: attachments.entries,
    pdf: details,
    async read(name: string, options?: ReadEntryOptions) {
      const { entry, maxBytes } = entryToRead(attachments.entries, name, options);
      return attachments.read(entry, maxBytes);
    },
    async close() {
      attachments.close();
      await close();
    },
  };
}

/** pdf.js's exception classes (BaseException's subclasses in pdfjs-dist 5). */
const PDFJS_EXCEPTIONS = new Set([
  'AbortException',
  'DNLMarkerError',
  'EOIMarkerError',
  'FormatError',
  'InvalidPDFException',
  'JpegError',
  'JpxError',
  'MissingDataException',
  'ParserEOFException',
  'PasswordException',
  'RenderingCancelledException',
  'ResponseException',
  'UnknownErrorException',
  'XRefEntryException',
  'XRefParseException',
]);

/**
 * A pdf.js exception: raised in its code (its stack names pdf.js's files, or their webpack
 * sources where source maps are on), or passed between its two halves, which turns it into a
 * plain { name, message } object with no stack.
 */
function isPdfjsException(reason: unknown): boolean {
  if (typeof reason !== 'object' || reason === null) return false;
  const { name, stack } = reason as Partial<Error>;
  if (typeof name !== 'string' || !PDFJS_EXCEPTIONS.has(name)) return false;
  return !(reason instanceof Error) || (typeof stack === 'string' && /pdfjs-dist|webpack:\/\/pdf\.js\//.test(stack));
}

/**
 * pdf.js keeps working after it has answered (checking the last page, caching page lookups), and
 * on a damaged file some of that work rejects with no one listening: an unhandled rejection,
 * which ends the thread. Those rejections are pdf.js's own exceptions, raised by its code; they
 * change nothing already answered, so they are dropped. Any other unhandled rejection is left as
 * it was: when nothing else listens, it is thrown, as Node would have thrown it.
 */
function ignorePdfjsBackgroundFailure(reason: unknown): void {
  if (isPdfjsException(reason)) return;
  if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

function withTimeout<T>(promise: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(archiveError(`damaged PDF: parsing took longer than ${OPEN_TIMEOUT_MS / 1000} s`));
    }, OPEN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * pdf.js's messages are short English sentences about the document ("Invalid PDF structure.",
 * "Invalid Root reference."), kept as they are; anything that reads like a program's internals
 * (a path, a stack, a bare number) is replaced by what it means for the file.
 */
function pdfError(error: unknown): Error {
  const { name, message } = (error ?? {}) as Error;
  if (name === 'LongboxError') return error as Error;
  if (name === 'PasswordException') return archiveError('encrypted PDF: password required', error);
  const sentence = typeof message === 'string' ? message.trim().replace(/\.$/, '') : '';
  if (/^[A-Z][\w ,'()-]*$/.test(sentence) && !/\b(at|node:|file:)\b|\/|\\/.test(sentence)) return archiveError(`damaged PDF: ${sentence}`, error);
  return archiveError('damaged PDF: pdf.js cannot parse its structure', error);
}
