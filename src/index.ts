export * from './db';
export * from './schema';
export { LongboxError, type LongboxErrorCode } from './errors';
export { acquireImportLock, importLibrary, importPhases, relocateLibrary, type ImportOptions, type ImportPhase, type ImportProgress, type ImportReport } from './importer';
export { comicRecordSchema, createReadPool, readComic, type ComicRecord, type ReadComicOptions, type ReadOutcome, type ReadPool, type ReadPoolOptions } from './read';
export { watchLibrary, type LibraryWatcher, type WatchBatch, type WatchOptions } from './watch/watch-library';
export { searchComics, toFtsQuery, type ComicMatch, type SearchOptions, type SearchResult } from './search';
