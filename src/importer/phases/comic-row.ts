import type { ComicMetadata, FileType } from '../../metadata/schema';
import type { ComicContent } from '../queries/comic-columns';
import type { ComicReferences } from './references';


export interface ComicContentInput {
  libraryId: number;
  folderId: number;
  path: string;
  fileType: FileType;
  pageCount: number;
  metadataMtime: number | undefined;
  fingerprint: string | undefined;
  metadata: ComicMetadata;
  references: ComicReferences;
}

/** Pure: one read comic and its resolved references to the row stored for it. */
export function comicContent(input: ComicContentInput): ComicContent {
  const { metadata: m } = input;
  const name = m.title ?? null;
  return {
    libraryId: input.libraryId,
    folderId: input.folderId,
    path: input.path,
    name,
    sortName: m.sortName ?? (name === null ? null : sortNameOf(name)),
    collectionTitle: m.collectionTitle ?? null,
    issueNumber: m.issueNumber ?? null,
    issueSuffix: m.issueSuffix ?? null,
    alternativeIssueNumber: m.alternativeIssueNumber ?? null,
    alternativeIssueSuffix: m.alternativeIssueSuffix ?? null,
    ...input.references,
    year: m.year ?? null,
    month: m.year === undefined ? null : (m.month ?? null),
    day: m.year === undefined || m.month === undefined ? null : (m.day ?? null),
    date: dateOf(m.year, m.month, m.day),
    decade: m.year === undefined ? null : m.year - (m.year % 10),
    summary: m.summary ?? null,
    review: m.review ?? null,
    notes: m.notes ?? null,
    communityRating: m.communityRating ?? null,
    communityRatingCount: m.communityRatingCount ?? null,
    pageCount: input.pageCount,
    readingDirection: m.readingDirection ?? 'ltr',
    monochrome: m.monochrome ?? false,
    fileType: input.fileType,
    seriesVolumeCount: m.seriesVolumeCount ?? null,
    volumeIssueCount: m.volumeIssueCount ?? null,
    metadataMtime: input.metadataMtime ?? null,
    fingerprint: input.fingerprint ?? null,
  };
}

const LEADING_ARTICLE = /^(the|a|an)\s+/i;

/** Sorts "The Walking Dead" under W, case-insensitively. */
export function sortNameOf(name: string): string {
  return name.replace(LEADING_ARTICLE, '').toLowerCase();
}

/**
 * 'YYYY-MM-DD' with missing parts taken as the first (a comic dated "1950" sorts at the start
 * of 1950); null without a year. A day is only meaningful with its month.
 */
export function dateOf(year?: number, month?: number, day?: number): string | null {
  if (year === undefined) return null;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const d = month === undefined ? 1 : (day ?? 1);
  return `${pad(year, 4)}-${pad(month ?? 1, 2)}-${pad(d, 2)}`;
}
