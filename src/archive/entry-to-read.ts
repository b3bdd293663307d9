import { entryNotFound, entryTooLarge } from './errors';
import { type ArchiveEntry, DEFAULT_MAX_ENTRY_BYTES, type ReadEntryOptions } from './types';

/**
 * The file entry `read(name)` is asked for, refused before anything is extracted when it is
 * missing or declares more bytes than the cap (readers whose formats record exact sizes).
 */
export function entryToRead<E extends ArchiveEntry>(entries: readonly E[], name: string, options?: ReadEntryOptions): { entry: E; maxBytes: number } {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const entry = entries.find((candidate) => candidate.name === name && !candidate.isDirectory);
  if (!entry) throw entryNotFound(name);
  if (entry.size > maxBytes) throw entryTooLarge(name, entry.size, maxBytes);
  return { entry, maxBytes };
}
