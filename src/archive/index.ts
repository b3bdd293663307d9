export { detectFormat, openArchive, type DetectedFormat } from './open-archive';
export { countPages, isPageEntry } from './pages';
export { DEFAULT_MAX_ENTRY_BYTES, type Archive, type ArchiveEntry, type ArchiveFormat, type PdfDetails, type ReadEntryOptions } from './types';
