import { LongboxError } from '../errors';
import { archiveError, fileErrorReason } from './errors';
import { ArchiveFile } from './file';
import { looksLikeTar, openTar, type TarCompression } from './tar';
import type { Archive, ArchiveFormat } from './types';
import { endsWithZip, openZip } from './zip';

/**
 * Opens any comic archive by what its bytes say it is, never by its extension: a `.cbr` that is
 * really a zip is common, and a wrong guess would report a healthy file as damaged.
 */

export type DetectedFormat = { format: Exclude<ArchiveFormat, 'tar'> } | { format: 'tar'; compression: TarCompression };

/** Enough for the ustar magic at offset 257 and for a PDF header after some leading junk. */
const SNIFF_BYTES = 1024;

const startsWith = (head: Buffer, ...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);

/** Two zero blocks are a tar's end marker: a tar that starts with them is a valid, empty tar. */
const EMPTY_TAR_HEAD = 1024;
const isEmptyTar = (head: Buffer): boolean => head.length >= EMPTY_TAR_HEAD && head.subarray(0, EMPTY_TAR_HEAD).every((byte) => byte === 0);

/**
 * The format by the file's first bytes; `endsWithZip` is asked only when they name none, so
 * detecting a known format never reads the tail.
 */
export function detectFormat(head: Buffer, endsWithZip: () => boolean): DetectedFormat {
  if (head.length === 0) throw archiveError('not a comic archive: the file is empty');
  // Local header, empty archive, or the spanned-archive marker that precedes a local header.
  if (head.length >= 4 && startsWith(head, 0x50, 0x4b) && [0x0304, 0x0506, 0x0708].includes(head.readUInt16BE(2))) return { format: 'zip' };
  if (startsWith(head, 0x52, 0x61, 0x72, 0x21, 0x1a, 0x07)) return { format: 'rar' };
  if (startsWith(head, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return { format: '7z' };
  if (head.toString('latin1', 0, 5) === '%PDF-') return { format: 'pdf' };
  if (startsWith(head, 0x1f, 0x8b)) return { format: 'tar', compression: 'gzip' };
  if (startsWith(head, 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return { format: 'tar', compression: 'xz' };
  if (startsWith(head, 0x42, 0x5a, 0x68)) throw archiveError('unsupported tar compression: bzip2 (recompress the CBT with gzip or xz)');
  if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) throw archiveError('unsupported tar compression: zstd (recompress the CBT with gzip or xz)');
  if (looksLikeTar(head) || isEmptyTar(head)) return { format: 'tar', compression: 'none' };
  // Readers accept a PDF header within the first KiB; checked after tar, whose data starts at 512.
  if (head.indexOf('%PDF-') > 0) return { format: 'pdf' };
  // A self-extractor's stub or other bytes before a zip hide its signature; its end records do not.
  if (endsWithZip()) return { format: 'zip' };
  throw archiveError('not a comic archive: unknown file signature');
}

/** Throws a LongboxError('ARCHIVE') whose message says why the file cannot be read. */
export async function openArchive(path: string): Promise<Archive> {
  const file = ArchiveFile.open(path);
  try {
    const archive = await openArchiveFile(file);
    return { ...archive, close: () => archive.close().finally(() => file.close()) };
  } catch (error) {
    file.close();
    throw error;
  }
}

/**
 * The archive in an open file, which stays the caller's to close (after the archive): readComic
 * keeps it to fingerprint the file from the bytes already read.
 */
export async function openArchiveFile(file: ArchiveFile): Promise<Archive> {
  const detected = detectFormat(file.head(SNIFF_BYTES), () => endsWithZip(file));
  try {
    return withReadableErrors(detected.format, await openDetected(file, detected));
  } catch (error) {
    throw asArchiveError(detected.format, error);
  }
}

/** The wasm and pdfjs readers load on first use: a worker that meets only zips never pays for them. */
async function openDetected(file: ArchiveFile, detected: DetectedFormat): Promise<Archive> {
  const { path } = file;
  switch (detected.format) {
    case 'zip':
      return openZip(file);
    case 'rar':
      return (await import('./rar')).openRar(path);
    case '7z':
      return (await import('./sevenzip')).open7z(file);
    case 'tar':
      return openTar(path, detected.compression);
    case 'pdf':
      return (await import('./pdf')).openPdf(path);
  }
}

/**
 * Hostile bytes can trip a reader in ways it did not foresee (a RangeError deep in a parse, a
 * bare number thrown out of wasm). What reaches the person is what happened to the file; the
 * library's own words stay in `cause` for whoever debugs it.
 */
function asArchiveError(format: ArchiveFormat, error: unknown): LongboxError {
  if (error instanceof LongboxError) return error;
  const name = FORMAT_NAMES[format];
  if (error instanceof RangeError) return archiveError(`damaged ${name}: a size or offset in it points outside the file`, error);
  if ((error as NodeJS.ErrnoException)?.syscall !== undefined) return archiveError(fileErrorReason(error), error);
  return archiveError(`damaged ${name}: its structure is broken in a way the reader cannot follow`, error);
}

function withReadableErrors(format: ArchiveFormat, archive: Archive): Archive {
  return {
    ...archive,
    read: (name, options) => archive.read(name, options).catch((error: unknown) => Promise.reject(asArchiveError(format, error))),
    close: () => archive.close(),
  };
}

const FORMAT_NAMES: Record<ArchiveFormat, string> = { zip: 'zip', rar: 'RAR', '7z': '7z', tar: 'tar', pdf: 'PDF' };
