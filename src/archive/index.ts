export { openArchive } from './open-archive';
export { isPageEntry, pageEntries } from './pages';
export { DEFAULT_MAX_ENTRY_BYTES, type Archive, type ArchiveEntry, type ArchiveFormat, type PdfDetails, type ReadEntryOptions } from './types';
