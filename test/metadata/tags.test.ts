import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readComic } from '../../src/read/read-comic';
import type { ComicMetadata } from '../../src/metadata';
import { parseComicbox } from '../../src/metadata/comicbox-source';
import { writeTaggedFixtures } from './support/tagged-fixtures';

let dir: string;
let paths: ReturnType<typeof writeTaggedFixtures>;

// One set of fixtures for the file: they are only read.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'longbox-tags-'));
  paths = writeTaggedFixtures(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string): Promise<{ metadata: ComicMetadata; warnings: string[] }> {
  const outcome = await readComic(path);
  if (!outcome.ok) throw new Error(outcome.reason);
  return { metadata: outcome.comic.metadata, warnings: outcome.warnings };
}

/** A tag numbered by Metron: the id's type is the tag kind, and its page is Metron's /<kind>/<id>. */
const metronTag = (kind: string, name: string, key: string) => ({
  kind, name, identifier: { source: 'Metron', idType: kind, key, url: `https://metron.cloud/${kind}/${key}` },
});

describe('alternate series', () => {
  it('stores AlternateSeries, AlternateNumber and AlternateCount as one reprint and drops none of them', async () => {
    const { metadata, warnings } = await read(paths.alternate);
    expect(warnings).toEqual([]);
    expect(metadata.reprints).toEqual([{ seriesName: 'Science Stories', issue: '4', issueCount: 12 }]);
    expect(metadata.alternativeIssueNumber).toBeUndefined();
  });
});

describe('stories', () => {
  it('splits a ComicInfo title at semicolons into stories, the title kept as written', async () => {
    const { metadata } = await read(paths.alternate);
    expect(metadata.title).toBe('The Beginning; The End');
    expect(metadata.stories).toEqual(['The Beginning', 'The End']);
  });

  it('splits a CoMet title the same way', async () => {
    const { metadata } = await read(paths.comet);
    expect(metadata).toMatchObject({ title: 'Part One; Part Two', stories: ['Part One', 'Part Two'] });
  });

  it('makes a title of MetronInfo stories when no source has a title', async () => {
    const { metadata } = await read(paths.metron);
    expect(metadata.title).toBe('First Contact; Second Story');
  });
});

describe('tagger', () => {
  it('reads the tagger from MetronInfo Notes as from ComicInfo Notes', async () => {
    expect((await read(paths.metron)).metadata.tagger).toBe('MetronTagger 2.3.0');
    expect((await read(paths.alternate)).metadata.tagger).toBe('ComicTagger 1.6');
  });
});

describe('tag identifiers', () => {
  it('reads the id of every MetronInfo tag that has one, as a Metron id with its page', async () => {
    const { metadata } = await read(paths.metron);
    expect(metadata.tagIdentifiers).toEqual([
      metronTag('publisher', 'Bell Features', '1'),
      metronTag('imprint', 'Bell Imprint', '2'),
      metronTag('series', 'Captain Science', '3'),
      metronTag('story', 'First Contact', '4'),
      metronTag('character', 'Captain Science', '5'),
      metronTag('team', 'Science Squad', '6'),
      metronTag('location', 'The Moon', '7'),
      metronTag('genre', 'Science Fiction', '8'),
      metronTag('tag', 'rockets', '9'),
      metronTag('arc', 'Moon War', '10'),
      metronTag('universe', 'Main', '11'),
      metronTag('creator', 'Joe Orlando', '12'),
    ]);
  });

  it('numbers MetronInfo tags in the primary ID source when one is marked primary', async () => {
    const { metadata } = await read(paths.metronComicVine);
    expect(metadata.tagIdentifiers).toEqual([
      { kind: 'series', name: 'Captain Science', identifier: { source: 'Comic Vine', idType: 'series', key: '4050' } },
      { kind: 'character', name: 'Gordon Dane', identifier: { source: 'Comic Vine', idType: 'character', key: '77' } },
    ]);
  });

  it('keeps the identifier of the highest source when two number the same tag', async () => {
    const { metadata } = await read(paths.comicbox);
    const captain = metadata.tagIdentifiers.filter((tag) => tag.kind === 'character' && tag.name === 'Captain Science');
    expect(captain).toEqual([metronTag('character', 'Captain Science', '55')]);
    const series = metadata.tagIdentifiers.filter((tag) => tag.kind === 'series');
    expect(series).toEqual([{ kind: 'series', name: 'Captain Science', identifier: { source: 'Comic Vine', idType: 'series', key: '4050-1' } }]);
  });
});

describe('control characters', () => {
  it('strips NUL and other C0 controls from names, lists and text, keeping line breaks', async () => {
    const { metadata } = await read(paths.control);
    expect(metadata).toMatchObject({ title: 'komga', series: 'Bell Comics', summary: 'A bell rings.\nTwice.', tags: ['xy'] });
  });
});

describe("comicbox's own formats", () => {
  it('ranks comicbox.json over comicbox.yaml over the comment over MetronInfo, lists unioned', async () => {
    const { metadata, warnings } = await read(paths.comicbox);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      issueNumber: 2, // json over yaml's 3, the comment's 4 and MetronInfo's 1
      title: 'From YAML', // yaml over the comment
      summary: 'Only the comment says this.',
      imprint: 'YAML Imprint',
      publisher: 'Bell Features', // only MetronInfo
      volume: 1950,
      volumeIssueCount: 7,
      year: 1950,
      month: 11,
      day: 1,
      tagger: 'comicbox 2.0',
      tags: ['a', 'b', 'rockets'],
      storyArcs: [{ name: 'Moon War', number: 2 }],
    });
    expect(metadata.credits).toEqual(expect.arrayContaining([
      { person: 'Wally Wood', role: 'Penciller' },
      { person: 'Wally Wood', role: 'Inker' },
      { person: 'Joe Orlando', role: 'Writer' },
    ]));
    expect(metadata.identifiers).toEqual([
      { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/c/4000-145269/' },
    ]);
  });

  it('loads the yaml package only for an archive that has a comicbox YAML entry', () => {
    const script = fileURLToPath(new URL('./support/yaml-loaded.ts', import.meta.url));
    const loaded = (path: string) => execFileSync(process.execPath, ['--import', 'tsx', script, path]).toString().trim();
    expect(loaded(paths.metron)).toBe('false');
    expect(loaded(paths.comicbox)).toBe('true');
  });
});

describe('comicbox documents that are not', () => {
  it('ignores a YAML alias bomb, broken JSON and a document without "comicbox", each with a warning', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    const warnings: string[] = [];
    expect(parseComicbox(bomb, 'yaml', warnings)).toBeUndefined();
    expect(parseComicbox('{"comicbox": ', 'json', warnings)).toBeUndefined();
    expect(parseComicbox('title: x', 'yaml', warnings)).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/^comicbox: the YAML could not be parsed .*; ignored$/),
      expect.stringMatching(/^comicbox: the JSON could not be parsed .*; ignored$/),
      'comicbox: the YAML has no "comicbox" object; ignored',
    ]);
  });
});

describe('entries at any depth', () => {
  it('reads ComicInfo and MetronInfo seven folders deep, the shallowest copy first', async () => {
    const { metadata } = await read(paths.deep);
    expect(metadata).toMatchObject({ series: 'Seven Deep', issueNumber: 5 });
  });
});
