import { z } from 'zod';
import { NAME_MAX } from './limits';

export { NAME_MAX };

/**
 * The contract between reading and writing: every source is parsed, merged and cleaned into one
 * `ComicMetadata`; the importer trusts it and never re-validates. Absent means "the file does not
 * say": the importer clears the stored value. Lists are de-duplicated, names at most 128 chars.
 */
const name = z.string().min(1).max(NAME_MAX);
const text = z.string().min(1);
const names = z.array(name);
const smallInt = z.number().int().min(0).max(2_147_483_647);

export const readingDirections = ['ltr', 'rtl', 'ttb', 'btt'] as const;
export const fileTypes = ['CBZ', 'CBR', 'CB7', 'CBT', 'PDF'] as const;

export const creditSchema = z.object({ person: name, role: name.optional() });
export const storyArcSchema = z.object({ name, number: z.number().int().optional() });
export const universeSchema = z.object({ name, designation: name.optional() });
export const identifierSchema = z.object({
  source: name.optional(),
  idType: name.optional(),
  key: name,
  url: z.string().min(1).max(2048).optional(),
});
export const reprintSchema = z.object({
  seriesName: name,
  volumeNumber: z.number().int().optional(),
  issue: name.optional(),
  language: z.string().length(2).optional(),
  /** The reprinting series' issue count (ComicInfo AlternateCount). */
  issueCount: smallInt.optional(),
});

/** Tags that an external database numbers (MetronInfo's `id` attributes, comicbox's `identifiers`). */
export const identifiedTagKinds = [
  'publisher', 'imprint', 'series', 'character', 'team', 'location', 'genre', 'tag', 'story', 'arc', 'universe', 'creator',
] as const;

/** The identifier of one named tag of this comic: the tag of `kind` called `name` is `identifier`. */
export const tagIdentifierSchema = z.object({
  kind: z.enum(identifiedTagKinds),
  name,
  identifier: identifierSchema,
});

export const comicMetadataSchema = z.object({
  publisher: name.optional(),
  imprint: name.optional(),
  series: name.optional(),
  seriesVolumeCount: smallInt.optional(),
  volume: z.number().int().optional(),
  volumeTo: z.number().int().optional(),
  volumeIssueCount: smallInt.optional(),

  title: name.optional(),
  sortName: name.optional(),
  collectionTitle: name.optional(),
  issueNumber: z.number().finite().optional(),
  issueSuffix: name.optional(),
  alternativeIssueNumber: z.number().finite().optional(),
  alternativeIssueSuffix: name.optional(),

  year: z.number().int().min(1).max(9999).optional(),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),

  summary: text.optional(),
  review: text.optional(),
  notes: text.optional(),
  communityRating: z.number().min(0).max(5).optional(),
  communityRatingCount: smallInt.optional(),
  readingDirection: z.enum(readingDirections).optional(),
  monochrome: z.boolean().optional(),

  ageRating: name.optional(),
  originalFormat: name.optional(),
  scanInfo: name.optional(),
  tagger: name.optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().length(2).optional(),
  /** ISO 639-1 alpha-2, lower case. */
  language: z.string().length(2).optional(),
  mainCharacter: name.optional(),
  mainTeam: name.optional(),

  characters: names.default([]),
  teams: names.default([]),
  genres: names.default([]),
  locations: names.default([]),
  stories: names.default([]),
  tags: names.default([]),
  seriesGroups: names.default([]),
  universes: z.array(universeSchema).default([]),
  storyArcs: z.array(storyArcSchema).default([]),
  /** One entry per (person, role): a person with three roles is three credits. */
  credits: z.array(creditSchema).default([]),
  identifiers: z.array(identifierSchema).default([]),
  reprints: z.array(reprintSchema).default([]),
  /** At most one per (kind, name); a name that names no tag of this comic is ignored by the importer. */
  tagIdentifiers: z.array(tagIdentifierSchema).default([]),
});

export type ComicMetadata = z.infer<typeof comicMetadataSchema>;
export type Credit = z.infer<typeof creditSchema>;
export type StoryArc = z.infer<typeof storyArcSchema>;
export type Universe = z.infer<typeof universeSchema>;
export type Identifier = z.infer<typeof identifierSchema>;
export type Reprint = z.infer<typeof reprintSchema>;
export type TagIdentifier = z.infer<typeof tagIdentifierSchema>;
export type IdentifiedTagKind = (typeof identifiedTagKinds)[number];
export type FileType = (typeof fileTypes)[number];
export type ReadingDirection = (typeof readingDirections)[number];
