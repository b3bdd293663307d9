/** Covers: thumbnails of each comic's cover page, made incrementally on worker threads. */
export { coversDirOf } from './covers-dir';
export { generateCovers, type CoverReport } from './generate-covers';
export type { CoverOptions, CoverProgress } from './options';
