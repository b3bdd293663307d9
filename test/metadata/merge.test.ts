import { describe, expect, it } from 'vitest';
import { buildMetadata, mergePatches, sourceKinds, type MetadataSource, type SourcePatch } from '../../src/metadata';

const merge = (...sources: SourcePatch[]) => mergePatches(sources);

describe('mergePatches precedence', () => {
  it('orders sources filename < pdf < comicbookinfo < comet < comicinfo < metroninfo < comicbox', () => {
    expect(sourceKinds).toEqual(['filename', 'pdf', 'comicbookinfo', 'comet', 'comicinfo', 'metroninfo', 'comicbox']);
  });

  const neighbours = sourceKinds.flatMap((lower, i) => {
    const higher = sourceKinds[i + 1];
    return higher === undefined ? [] : [[lower, higher] as const];
  });

  it.each(neighbours)(
    'lets %s lose a single value to %s, whatever the input order',
    (lower, higher) => {
      const low: SourcePatch = { kind: lower, patch: { series: 'low' } };
      const high: SourcePatch = { kind: higher, patch: { series: 'high' } };
      expect(merge(low, high).series).toBe('high');
      expect(merge(high, low).series).toBe('high');
    },
  );

  it('falls back to a lower source when the higher one says nothing', () => {
    const merged = merge({ kind: 'filename', patch: { series: 'From name', year: 2019 } }, { kind: 'comicinfo', patch: { title: 'T' } });
    expect(merged).toMatchObject({ series: 'From name', year: 2019, title: 'T' });
  });

  it('lets the later of two sources of one kind win', () => {
    expect(merge({ kind: 'comicinfo', patch: { series: 'first' } }, { kind: 'comicinfo', patch: { series: 'second' } }).series).toBe('second');
  });
});

describe('mergePatches linked fields', () => {
  it('takes issue number and suffix from one source: ComicInfo "1" never gets the name\'s "AU"', () => {
    const merged = merge({ kind: 'filename', patch: { issueNumber: 4, issueSuffix: 'AU' } }, { kind: 'comicinfo', patch: { issueNumber: 1 } });
    expect(merged.issueNumber).toBe(1);
    expect(merged.issueSuffix).toBeUndefined();
  });

  it('takes year, month and day from one source', () => {
    const merged = merge({ kind: 'comet', patch: { year: 1950, month: 12, day: 1 } }, { kind: 'comicinfo', patch: { year: 1951 } });
    expect(merged).toMatchObject({ year: 1951 });
    expect(merged.month).toBeUndefined();
    expect(merged.day).toBeUndefined();
  });

  it('takes volume and volume range from one source', () => {
    const merged = merge({ kind: 'metroninfo', patch: { volume: 1, volumeTo: 3 } }, { kind: 'comicinfo', patch: { volume: 2 } });
    expect(merged).toMatchObject({ volume: 1, volumeTo: 3 });
  });

  it('keeps issue 0 and monochrome false: a falsy value is still a value', () => {
    const merged = merge({ kind: 'filename', patch: { issueNumber: 5 } }, { kind: 'comicinfo', patch: { issueNumber: 0, monochrome: false } });
    expect(merged).toMatchObject({ issueNumber: 0, monochrome: false });
  });
});

describe('mergePatches lists', () => {
  it('unions names case-insensitively, keeping the highest source\'s spelling first', () => {
    const merged = merge(
      { kind: 'comet', patch: { characters: ['batman', 'Robin'] } },
      { kind: 'comicinfo', patch: { characters: ['Batman', 'Alfred'] } },
    );
    expect(merged.characters).toEqual(['Batman', 'Alfred', 'Robin']);
  });

  it('unions credits on (person, role): one person with two roles is two credits', () => {
    const merged = merge(
      { kind: 'comicbookinfo', patch: { credits: [{ person: 'jim lee', role: 'Penciller' }, { person: 'Jim Lee', role: 'Cover' }] } },
      { kind: 'metroninfo', patch: { credits: [{ person: 'Jim Lee', role: 'Penciller' }] } },
    );
    expect(merged.credits).toEqual([
      { person: 'Jim Lee', role: 'Penciller' },
      { person: 'Jim Lee', role: 'Cover' },
    ]);
  });

  it('fills an arc\'s number, a universe\'s designation and an identifier\'s URL from a lower source', () => {
    const merged = merge(
      {
        kind: 'comicinfo',
        patch: {
          storyArcs: [{ name: 'Court of Owls', number: 3 }],
          identifiers: [{ source: 'Comic Vine', idType: 'issue', key: '1', url: 'https://comicvine.gamespot.com/c/4000-1/' }],
        },
      },
      {
        kind: 'metroninfo',
        patch: {
          storyArcs: [{ name: 'court of owls' }],
          universes: [{ name: 'Earth' }],
          identifiers: [{ source: 'Comic Vine', idType: 'issue', key: '1' }],
        },
      },
      { kind: 'comet', patch: { universes: [{ name: 'Earth', designation: '616' }] } },
    );
    expect(merged.storyArcs).toEqual([{ name: 'court of owls', number: 3 }]);
    expect(merged.universes).toEqual([{ name: 'Earth', designation: '616' }]);
    expect(merged.identifiers).toEqual([{ source: 'Comic Vine', idType: 'issue', key: '1', url: 'https://comicvine.gamespot.com/c/4000-1/' }]);
  });

  it('gives every list, empty when no source has it', () => {
    const merged = merge({ kind: 'filename', patch: { series: 'X' } });
    for (const key of ['characters', 'teams', 'genres', 'locations', 'stories', 'tags', 'seriesGroups', 'universes', 'storyArcs', 'credits', 'identifiers', 'reprints'] as const) {
      expect(merged[key]).toEqual([]);
    }
  });
});

describe('buildMetadata', () => {
  it('returns a filename-only record when the archive has no metadata', () => {
    const { metadata, warnings } = buildMetadata([{ kind: 'filename', name: 'Captain Science #001 (1950) The Beginning - nothing.cbz' }]);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({ series: 'Captain Science', issueNumber: 1, year: 1950, title: 'The Beginning - nothing' });
  });

  it('returns an empty record for no sources at all', () => {
    expect(buildMetadata([]).metadata).toMatchObject({ characters: [], credits: [] });
  });

  it('ranks ComicInfo found in PDF Keywords above the PDF\'s own Title', () => {
    const sources: MetadataSource[] = [
      { kind: 'pdf', info: { Title: 'From Info', Keywords: '<ComicInfo><Title>From ComicInfo</Title></ComicInfo>' } },
    ];
    expect(buildMetadata(sources).metadata.title).toBe('From ComicInfo');
  });
});
