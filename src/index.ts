export * from './db';
export * from './schema';
export { LongboxError, type LongboxErrorCode } from './errors';
export { displayName, fsPathOf, nameBytes } from './path-bytes';
export { importLibrary, importPhases, relocateLibrary, type ImportOptions, type ImportPhase, type ImportProgress, type ImportReport } from './importer';
export { comicRecordSchema, createReadPool, readComic, type ComicRecord, type ReadComicOptions, type ReadOutcome, type ReadPool, type ReadPoolOptions } from './read';
export { watchLibrary, type LibraryWatcher, type WatchBatch, type WatchOptions } from './watch/watch-library';
export { coverIndexOf, openPage, readPage, type PageFailure, type PageFailureCode, type PageResult, type ReadPageOptions } from './pages';
export { coversDirOf, generateCovers, type CoverOptions, type CoverProgress, type CoverReport } from './covers';
