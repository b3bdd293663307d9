import { getDocument, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { archiveError, entryNotFound, entryTooLarge } from './errors';
import { DEFAULT_MAX_ENTRY_BYTES, type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * PDF through pdfjs-dist 5 (legacy build, for Node 20). Only the document structure is parsed:
 * page count, Info dictionary, XMP packet and embedded files. pdfjs reads the file by ranges from
 * the path, and nothing is rendered, so fonts, eval and the worker thread stay off.
 */

/** A hostile PDF can make the parser spin; a comic is never worth more than this. */
const OPEN_TIMEOUT_MS = 30_000;

interface Attachment {
  filename: string;
  content: Uint8Array;
}

export async function openPdf(path: string): Promise<Archive> {
  const task = getDocument({
    url: path,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    disableAutoFetch: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const document = await withTimeout(task.promise, () => void task.destroy());
    const { entries, attachments } = await readAttachments(document);
    const { info, metadata } = await document.getMetadata();
    const xmp: unknown = metadata?.getRaw();
    return {
      format: 'pdf',
      entries,
      pdf: {
        pageCount: document.numPages,
        info: { ...(info as Record<string, unknown>) },
        xmp: typeof xmp === 'string' && xmp.length > 0 ? xmp : undefined,
      },
      async read(name: string, options?: ReadEntryOptions) {
        const maxBytes = options?.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
        const content = attachments.get(name);
        if (!content) throw entryNotFound(name);
        if (content.length > maxBytes) throw entryTooLarge(name, content.length, maxBytes);
        return Buffer.from(content);
      },
      close: () => task.destroy(),
    };
  } catch (error) {
    await task.destroy();
    throw pdfError(error);
  }
}

/** Embedded files are the PDF's entries: taggers attach ComicInfo.xml there. */
async function readAttachments(document: PDFDocumentProxy) {
  const found = ((await document.getAttachments()) ?? {}) as Record<string, Attachment>;
  const attachments = new Map<string, Uint8Array>();
  const entries: ArchiveEntry[] = [];
  for (const attachment of Object.values(found)) {
    if (attachments.has(attachment.filename)) continue;
    attachments.set(attachment.filename, attachment.content);
    entries.push({ name: attachment.filename, size: attachment.content.length, isDirectory: false });
  }
  return { entries, attachments };
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

function pdfError(error: unknown): Error {
  const { name, message } = error as Error;
  if (name === 'LongboxError') return error as Error;
  if (name === 'PasswordException') return archiveError('encrypted PDF: password required', error);
  if (name === 'InvalidPDFException') return archiveError(`damaged PDF: ${message}`, error);
  return archiveError(`damaged PDF: ${message ?? String(error)}`, error);
}
