import { describe, expect, it } from 'vitest';
import { buildMetadata, decodeXml, parseComicBookInfo, parseComicInfo } from '../../src/metadata';

const COMIC_INFO = '<?xml version="1.0" encoding="utf-8"?><ComicInfo><Series>Saga</Series><Number>7</Number></ComicInfo>';

/** UTF-16 bytes of a string, with or without a byte-order mark. */
function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ComicInfo><Series>&lol9;</Series></ComicInfo>`;

describe('hostile XML', () => {
  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(COMIC_INFO)])],
    ['UTF-16 LE with a BOM', utf16(COMIC_INFO.replace('utf-8', 'utf-16'), 'le', true)],
    ['UTF-16 BE with a BOM', utf16(COMIC_INFO.replace('utf-8', 'utf-16'), 'be', true)],
    ['UTF-16 LE without a BOM', utf16(COMIC_INFO.replace('utf-8', 'utf-16'), 'le', false)],
    ['UTF-16 BE without a BOM', utf16(COMIC_INFO.replace('utf-8', 'utf-16'), 'be', false)],
    ['UTF-16 LE without a BOM, a line break before the root', utf16(`\n${COMIC_INFO.replace(/^<\?xml[^>]*>/, '')}`, 'le', false)],
    ['UTF-16 BE without a BOM, a line break before the root', utf16(`\n${COMIC_INFO.replace(/^<\?xml[^>]*>/, '')}`, 'be', false)],
  ])('reads %s', (_name, bytes) => {
    const warnings: string[] = [];
    expect(parseComicInfo(bytes, warnings)).toMatchObject({ series: 'Saga', issueNumber: 7 });
    expect(warnings).toEqual([]);
  });

  it('decodes a declared legacy encoding (windows-1252)', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><ComicInfo><Series>Pok'),
      Buffer.from([0xe9]),
      Buffer.from('mon</Series></ComicInfo>'),
    ]);
    expect(decodeXml(bytes)).toContain('Pokémon');
    expect(parseComicInfo(bytes, [])?.series).toBe('Pokémon');
  });

  it.each([
    ['declared UTF-8', '<?xml version="1.0" encoding="utf-8"?>'],
    ['declaring nothing', ''],
  ])('reads windows-1252 bytes %s as windows-1252, not as U+FFFD', (_, declaration) => {
    const bytes = Buffer.concat([Buffer.from(`${declaration}<ComicInfo><Series>Caf`), Buffer.from([0xe9]), Buffer.from('</Series></ComicInfo>')]);
    expect(parseComicInfo(bytes, [])?.series).toBe('Café');
  });

  it('keeps the good characters of UTF-8 damaged in one place, the bad byte becoming U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('<ComicInfo><Series>Café '), Buffer.from([0xff]), Buffer.from(' Noël</Series></ComicInfo>')]);
    expect(parseComicInfo(bytes, [])?.series).toBe('Café \ufffd Noël');
  });

  it('drops a lone surrogate a double-encoded entity makes, which SQLite would store as invalid UTF-8', () => {
    expect(parseComicInfo('<ComicInfo><Series>Sur&amp;#xD800;rogate</Series><Title>Pair &amp;#x1F600; kept</Title></ComicInfo>', [])).toMatchObject({
      series: 'Surrogate',
      title: 'Pair 😀 kept',
    });
  });

  it('refuses an entity-expansion bomb before expanding it, with a warning, and keeps the other sources', () => {
    const { metadata, warnings } = buildMetadata([
      { kind: 'filename', name: 'Saga 007 (2012).cbz' },
      { kind: 'comicinfo', xml: Buffer.from(BILLION_LAUGHS) },
    ]);
    expect(warnings).toEqual(['comicinfo: the document declares DTD entities (refused: entity expansion); ignored']);
    expect(metadata).toMatchObject({ series: 'Saga', issueNumber: 7, year: 2012 });
  });

  it.each([
    ['an unclosed element', '<ComicInfo><Series>Saga</Series><Number>7</ComicInfo>'],
    ['a truncated document', '<ComicInfo><Series>Saga</Ser'],
    ['plain text', 'this is not xml'],
    ['a different root', '<MetronInfo><Number>7</Number></MetronInfo>'],
    ['nothing at all', ''],
  ])('ignores ComicInfo that is %s, with a warning, and keeps the other sources', (_name, xml) => {
    const { metadata, warnings } = buildMetadata([
      { kind: 'filename', name: 'Saga 007.cbz' },
      { kind: 'comicinfo', xml: Buffer.from(xml) },
      { kind: 'metroninfo', xml: Buffer.from('<MetronInfo><Publisher><Name>Image</Name></Publisher></MetronInfo>') },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^comicinfo: the document .*; ignored$/);
    expect(metadata).toMatchObject({ series: 'Saga', issueNumber: 7, publisher: 'Image' });
  });

  it('decodes entities, including the double encoding taggers leave', () => {
    const patch = parseComicInfo('<ComicInfo><Series>Wolverine &amp;amp; the X-Men</Series><Title>Caf&eacute; &#233;</Title></ComicInfo>', []);
    expect(patch).toMatchObject({ series: 'Wolverine & the X-Men', title: 'Café é' });
  });
});

describe('absurd values', () => {
  const xml = `<ComicInfo>
    <Series>${'S'.repeat(100_000)}</Series>
    <Year>99999</Year><Month>13</Month><Day>32</Day>
    <Count>-5</Count><Volume>99999999999</Volume>
    <CommunityRating>7</CommunityRating>
    <Number>${'9'.repeat(400)}</Number>
    <LanguageISO>Klingon</LanguageISO>
    <BlackAndWhite>Maybe</BlackAndWhite>
    <Manga>Sideways</Manga>
    <Web>not-a-url</Web>
    <GTIN>ask the shop</GTIN>
    <PageCount>-5</PageCount>
  </ComicInfo>`;

  it('drops or clamps each bad field with a warning naming source and field, never failing', () => {
    const { metadata, warnings } = buildMetadata([{ kind: 'comicinfo', xml: Buffer.from(xml) }]);
    expect(metadata.series).toBe('S'.repeat(128));
    expect(metadata).toMatchObject({ volumeIssueCount: 0, volume: 2_147_483_647, communityRating: 5 });
    for (const absent of ['year', 'month', 'day', 'issueNumber', 'language', 'monochrome', 'readingDirection'] as const) {
      expect(metadata[absent]).toBeUndefined();
    }
    expect(metadata.identifiers).toEqual([]);
    const expected = [
      `comicinfo: Number '${'9'.repeat(40)}…' is not a usable issue number`,
      'comicinfo: Series is 100000 characters long, cut to 128',
      'comicinfo: Volume 99999999999 is above 2147483647, clamped',
      'comicinfo: Count -5 is below 0, clamped',
      "comicinfo: Year '99999' is not a valid year",
      "comicinfo: Month '13' is not a valid month",
      "comicinfo: Day '32' is not a valid day",
      "comicinfo: LanguageISO 'Klingon' is not a known language",
      "comicinfo: Web 'not-a-url' is not a URL",
      "comicinfo: GTIN 'ask the shop' is not a barcode or URN",
      "comicinfo: CommunityRating 7 is above 5, clamped",
      "comicinfo: BlackAndWhite 'Maybe' is not Yes or No",
      "comicinfo: Manga 'Sideways' is not Yes, No or YesAndRightToLeft",
    ];
    expect([...warnings].sort()).toEqual(expected.sort());
  });

  it('reads -1 and Unknown, the ComicInfo defaults, as "not said", silently', () => {
    const warnings: string[] = [];
    const patch = parseComicInfo(
      '<ComicInfo><Year>-1</Year><Count>-1</Count><Volume>-1</Volume><AgeRating>Unknown</AgeRating><Manga>Unknown</Manga><BlackAndWhite>Unknown</BlackAndWhite></ComicInfo>',
      warnings,
    );
    expect(warnings).toEqual([]);
    expect(Object.values(patch ?? {}).filter((value) => value !== undefined && !(Array.isArray(value) && value.length === 0))).toEqual([]);
  });

  it('drops Feb 30 but keeps the year and month', () => {
    const { metadata, warnings } = buildMetadata([
      { kind: 'metroninfo', xml: Buffer.from('<MetronInfo><CoverDate>2021-02-30</CoverDate></MetronInfo>') },
    ]);
    expect(metadata).toMatchObject({ year: 2021, month: 2 });
    expect(metadata.day).toBeUndefined();
    expect(warnings).toEqual(["metroninfo: CoverDate day '30' is not a valid day"]);
  });
});

describe('hostile JSON', () => {
  it.each([
    ['broken JSON', '{"ComicBookInfo/1.0": {', /^comicbookinfo: the JSON could not be parsed/],
    ['a JSON array', '[1, 2]', /^comicbookinfo: the JSON has no "ComicBookInfo\/1.0" object; ignored$/],
    ['an archive comment that is not ComicBookInfo', 'Downloaded from somewhere', /^comicbookinfo: the JSON could not be parsed/],
  ])('ignores %s with a warning', (_name, json, warning) => {
    const warnings: string[] = [];
    expect(parseComicBookInfo(json, warnings)).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(warning)]);
  });

  it('skips values of the wrong JSON type instead of failing', () => {
    const warnings: string[] = [];
    const patch = parseComicBookInfo(
      JSON.stringify({ 'ComicBookInfo/1.0': { series: { nested: true }, issue: 3, credits: 'nobody', tags: ['a', 7, null], publicationYear: '1986' } }),
      warnings,
    );
    expect(patch).toMatchObject({ issueNumber: 3, tags: ['a', '7'], year: 1986 });
    expect(patch?.series).toBeUndefined();
    expect(warnings).toEqual(['comicbookinfo: credits \'"nobody"\' is not a list']);
  });
});

describe('warning floods', () => {
  it('lists at most three problems per field, then says there are more', () => {
    const characters = Array.from({ length: 1000 }, (_, i) => `${i}${'x'.repeat(200)}`).join(',');
    const { metadata, warnings } = buildMetadata([
      { kind: 'comicinfo', xml: Buffer.from(`<ComicInfo><Characters>${characters}</Characters></ComicInfo>`) },
    ]);
    expect(metadata.characters).toHaveLength(1000);
    expect(warnings).toHaveLength(4);
    expect(warnings[3]).toBe('comicinfo: Characters has more problems, not listed');
  });
});
