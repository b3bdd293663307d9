import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { comicMetadataSchema, type ComicMetadata } from '../../src/metadata/schema';
import { compileCheck } from '../../src/metadata/schema-check';

const check = compileCheck(comicMetadataSchema);

/** What the compiled check must say: zod accepts the record and hands back an equal copy. */
const zodKeepsAsIs = (value: unknown): boolean => {
  const parsed = comicMetadataSchema.safeParse(value);
  return parsed.success && isDeepStrictEqual(parsed.data, value);
};

const FULL: ComicMetadata = {
  publisher: 'Image', imprint: 'Skybound', series: 'Saga', seriesVolumeCount: 1, volume: 2012, volumeTo: 2013,
  volumeIssueCount: 54, title: 'Chapter One', sortName: 'Saga 001', collectionTitle: 'Book One',
  issueNumber: 1.5, issueSuffix: 'AU', alternativeIssueNumber: 0, alternativeIssueSuffix: 'B',
  year: 2012, month: 3, day: 14, summary: 'Two soldiers.', review: 'Good.', notes: 'Tagged.',
  communityRating: 4.5, communityRatingCount: 10, readingDirection: 'rtl', monochrome: false,
  ageRating: 'Mature', originalFormat: 'Series', scanInfo: 'Digital', tagger: 'ComicTagger', country: 'US',
  language: 'en', mainCharacter: 'Alana', mainTeam: 'The Will',
  characters: ['Alana', 'Marko'], teams: ['Landfall'], genres: ['Space Opera'], locations: ['Cleave'],
  stories: ['One'], tags: ['war'], seriesGroups: ['Image Saga'],
  universes: [{ name: 'Earth-1', designation: '1' }], storyArcs: [{ name: 'Arc', number: 2 }],
  credits: [{ person: 'Brian K. Vaughan', role: 'Writer' }, { person: 'Fiona Staples' }],
  identifiers: [{ source: 'Comic Vine', idType: 'issue', key: '1', url: 'https://comicvine.gamespot.com/4000-1/' }],
  reprints: [{ seriesName: 'Saga', volumeNumber: 1, issue: '1', language: 'en', issueCount: 12 }],
  tagIdentifiers: [{ kind: 'character', name: 'Alana', identifier: { source: 'Metron', idType: 'character', key: '7' } }],
};

const CANDIDATES: unknown[] = [
  undefined, null, '', 'x', 'ab', 'x'.repeat(128), 'x'.repeat(129), 'ltr', 'sideways', 0, -1, 1, 5, 5.5, 12, 13, 31, 32,
  1.5, 9999, 10_000, 2 ** 31, 2 ** 53, NaN, Infinity, -Infinity, true, {}, [], ['a'], [''], ['x'.repeat(129)], [1],
  [{}], [{ name: 'A' }], [{ name: 'A', number: 1.5 }], [{ name: '' }], [{ person: 'P' }], [{ person: 'P', role: '' }],
  [{ person: 'P', extra: 1 }], [{ key: 'k', url: '' }], [{ key: 'k', url: 'u'.repeat(2049) }], [{ seriesName: 'S', language: 'eng' }],
  [{ kind: 'character', name: 'A', identifier: { key: 'k' } }], [{ kind: 'planet', name: 'A', identifier: { key: 'k' } }],
  [{ kind: 'story', name: 'A', identifier: {} }],
];

describe('compileCheck(comicMetadataSchema)', () => {
  it('passes a full valid record and the empty lists record', () => {
    expect(check(FULL)).toBe(true);
    expect(check(comicMetadataSchema.parse({}))).toBe(true);
  });

  it('agrees with zod on every field set to every candidate value', () => {
    const disagreements: string[] = [];
    for (const key of Object.keys(comicMetadataSchema.shape)) {
      for (const candidate of CANDIDATES) {
        const record: Record<string, unknown> = { ...FULL, [key]: candidate };
        if (candidate === undefined) delete record[key];
        if (check(record) !== zodKeepsAsIs(record)) disagreements.push(`${key} = ${String(JSON.stringify(candidate))}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('sends records zod would change to zod: unknown keys, missing lists', () => {
    expect(check({ ...FULL, unknown: 1 })).toBe(false);
    const { tags: _tags, ...withoutTags } = FULL;
    expect(check(withoutTags)).toBe(false);
  });

  it('refuses to compile a schema construct it does not know', () => {
    expect(() => compileCheck(z.object({ at: z.date() }))).toThrow(/not supported/);
    expect(() => compileCheck(z.string().email())).toThrow(/not supported/);
  });
});
