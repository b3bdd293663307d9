/** One file inside a generated archive. Strings are written as UTF-8. */
export interface ArchiveEntry {
  name: string;
  data: Buffer | string;
  /** Modification time stored in the archive; a fixed default keeps output byte-identical. */
  mtime?: Date;
}

/** 2000-01-01T00:00:00Z: archives never carry the wall clock, so the same input gives the same bytes. */
export const DEFAULT_ENTRY_MTIME = new Date(Date.UTC(2000, 0, 1));

export function entryBytes(entry: ArchiveEntry): Buffer {
  return typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
}
