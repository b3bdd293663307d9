import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { comics, type NewComic } from '../../schema';

/** The comic columns the importer writes: everything but the id and the timestamps. */
export type ComicColumns = Required<Omit<NewComic, 'id' | 'createdAt' | 'updatedAt'>>;

/** The columns a read decides; the stat columns are written last, when the comic is complete. */
export type ComicContent = Omit<ComicColumns, 'size' | 'mtime' | 'inode'>;

/** Every content column, in the order raw statements bind and select them. */
export const contentKeys = [
  'libraryId', 'folderId', 'path', 'name', 'sortName', 'collectionTitle',
  'issueNumber', 'issueSuffix', 'alternativeIssueNumber', 'alternativeIssueSuffix',
  'publisherId', 'imprintId', 'seriesId', 'volumeId', 'ageRatingId', 'originalFormatId', 'scanInfoId',
  'taggerId', 'mainCharacterId', 'mainTeamId', 'countryId', 'languageId',
  'year', 'month', 'day', 'date', 'decade', 'summary', 'review', 'notes',
  'communityRating', 'communityRatingCount', 'pageCount', 'readingDirection', 'monochrome', 'fileType',
  'seriesVolumeCount', 'volumeIssueCount', 'metadataMtime', 'fingerprint',
] as const satisfies readonly (keyof ComicContent)[];

// Fails to compile when a content column is added to the schema but not listed above.
type Unlisted = Exclude<keyof ComicContent, (typeof contentKeys)[number]>;
const everyColumnListed: Unlisted extends never ? true : Unlisted = true;
void everyColumnListed;

export type DriverValue = string | number | null;

export const contentColumns: SQLiteColumn[] = contentKeys.map((key) => comics[key]);

/** Values as SQLite stores them (booleans as 0/1), in `contentKeys` order. */
export function toDriverValues(content: ComicContent): DriverValue[] {
  return contentKeys.map((key) => {
    const value = content[key];
    return typeof value === 'boolean' ? (value ? 1 : 0) : (value as DriverValue);
  });
}
