/**
 * The one small interface every archive reader implements. A PDF is an "archive" too: its
 * entries are its embedded files (where a tagger puts ComicInfo.xml) and it carries `pdf` details.
 */
export type ArchiveFormat = 'zip' | 'rar' | '7z' | 'tar' | 'pdf';

export interface ArchiveEntry {
  /** Path inside the archive, '/'-separated, decoded to Unicode. */
  readonly name: string;
  /** Uncompressed size as the archive declares it. */
  readonly size: number;
  readonly isDirectory: boolean;
  /** Modification time in ms since the epoch, when the format stores one. */
  readonly mtime?: number;
}

export interface ReadEntryOptions {
  /** Refuse entries larger than this many bytes (declared or actually inflated). */
  maxBytes?: number;
}

export interface PdfDetails {
  readonly pageCount: number;
  /** The Info dictionary: Title, Author, Subject, Keywords, Creator, Producer, CreationDate... */
  readonly info: Record<string, unknown>;
  /** The XMP metadata packet as text. */
  readonly xmp?: string;
}

export interface Archive {
  readonly format: ArchiveFormat;
  readonly entries: readonly ArchiveEntry[];
  /** The archive comment (zip, rar), where ComicBookInfo JSON lives. */
  readonly comment?: string;
  /** Present exactly when `format` is 'pdf'. */
  readonly pdf?: PdfDetails;
  /** Reads one entry; throws a LongboxError('ARCHIVE') with a readable reason. */
  read(name: string, options?: ReadEntryOptions): Promise<Buffer>;
  close(): Promise<void>;
}

/** Metadata entries are small: anything bigger is refused (zip bombs). */
export const DEFAULT_MAX_ENTRY_BYTES = 4 * 1024 * 1024;
