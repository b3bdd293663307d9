import type { ComicMetadata } from './schema';

/** Metadata sources, lowest precedence first (DESIGN section 4). */
export const sourceKinds = ['filename', 'pdf', 'comicbookinfo', 'comet', 'comicinfo', 'metroninfo'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** What one source says: any subset of the record; lists may be missing or partial. */
export type MetadataPatch = Partial<ComicMetadata>;

export interface SourcePatch {
  kind: SourceKind;
  patch: MetadataPatch;
}
