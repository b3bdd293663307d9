export { comicRecordSchema, readComic, type ComicRecord, type ReadComicOptions, type ReadOutcome } from './read-comic';
export { createReadPool, type ReadPool, type ReadPoolOptions } from './pool';
export { readComicAt } from './openable-path';
