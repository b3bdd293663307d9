import type { ComicMetadata } from './schema';

/**
 * Metadata sources, lowest precedence first (DESIGN section 4). comicbox's own format is last:
 * it carries everything the others say and more (tag identifiers), the tool that writes it writes
 * the others from the same record, and comicbox itself reads it over MetronInfo.
 */
export const sourceKinds = ['filename', 'pdf', 'comicbookinfo', 'comet', 'comicinfo', 'metroninfo', 'comicbox'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** What one source says: any subset of the record; lists may be missing or partial. */
export type MetadataPatch = Partial<ComicMetadata>;

export interface SourcePatch {
  kind: SourceKind;
  patch: MetadataPatch;
}
