import { describe, expect, it } from 'vitest';
import {
  buildMetadata,
  findMetadataEntries,
  parseComet,
  parseComicBookInfo,
  parseComicInfo,
  parseMetronInfo,
  type MetadataSource,
} from '../../src/metadata';
import { readComic } from '../../src/read/read-comic';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { readPdfMetadata, readZip } from './support/corpus';

// Every expected value below is copied from the metadata inside the corpus archive named in the
// test (printed with Python's zipfile / pdf.js), not from this code's output.

describe('ComicInfo in "Captain Science #001.cbz"', { tags: CORPUS_TAG }, () => {
  const zip = readZip('Captain Science #001.cbz');

  it('prefers the root comicinfo.xml to the sub-folder copy and finds the sub-folder metroninfo.xml', () => {
    expect(findMetadataEntries(zip.names)).toEqual({
      comicinfo: 'comicinfo.xml',
      metroninfo: 'Captain Science 001/metroninfo.xml',
    });
  });

  it('reads every ComicInfo field it carries', () => {
    const warnings: string[] = [];
    const patch = parseComicInfo(zip.read('comicinfo.xml'), warnings);
    expect(warnings).toEqual([]);
    expect(patch).toMatchObject({
      title: 'The Beginning; The End',
      series: 'Captain Science',
      issueNumber: 1,
      volumeIssueCount: 7,
      volume: 1950,
      year: 1950,
      month: 11,
      day: 1,
      publisher: 'Youthful Adventure Stories',
      genres: ['Science Fiction'],
      language: 'en',
      characters: ['Captain Science', 'Gordon Dane'],
      storyArcs: [
        { name: 'Captain Arc', number: 4 },
        { name: 'Other Arc', number: 2 },
      ],
      ageRating: 'Teen',
      notes: 'Tagged with comicbox dev on 1970-01-01T00:00:00Z [Issue ID 145269] [CVDB145269]',
      tagger: 'comicbox dev',
    });
    expect(patch?.credits).toEqual([
      { person: 'Joe Orlando', role: 'Writer' },
      { person: 'Wally Wood', role: 'Penciller' },
      { person: 'Wally Wood', role: 'Inker' },
    ]);
    // AlternateSeries + AlternateNumber: the same story numbered in another series, a reprint.
    expect(patch?.reprints).toEqual([{ seriesName: 'Captain Science Alternate', issue: '1' }]);
    expect(patch?.alternativeIssueNumber).toBeUndefined();
    // Web, GTIN (a URN) and the Notes' [CVDB145269] all name Comic Vine issue 145269.
    expect(patch?.identifiers).toEqual([
      { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/c/4000-145269/' },
    ]);
  });

  it('lets the MetronInfo override ComicInfo and unions their lists', () => {
    const entries = findMetadataEntries(zip.names);
    const { metadata, warnings } = buildMetadata([
      { kind: 'filename', name: 'Captain Science #001.cbz' },
      { kind: 'comicinfo', xml: zip.read(entries.comicinfo ?? '') },
      { kind: 'metroninfo', xml: zip.read(entries.metroninfo ?? '') },
    ]);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      title: 'The Beginning; The End', // only ComicInfo has a title
      series: 'Captain Science',
      issueNumber: 1,
      volume: 1950,
      year: 1950,
      month: 11,
      day: 1,
      ageRating: 'Teen',
      genres: ['Science Fiction'],
      characters: ['Captain Science', 'Gordon Dane'],
    });
    expect(metadata.reprints).toEqual([{ seriesName: 'Captain Science Alternate', issue: '1' }]);
    expect(metadata.identifiers).toEqual(
      expect.arrayContaining([
        { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/captain-science-1/4000-145269/' },
        { idType: 'isbn', key: '1234567890123' },
        { idType: 'upc', key: '12345' },
      ]),
    );
    expect(metadata.identifiers).toHaveLength(3);
  });
});

describe('comicinfo.xml in a lower-case sub-folder ("-cix.cbz")', { tags: CORPUS_TAG }, () => {
  const zip = readZip('Captain Science #001-cix.cbz');

  it('is found case-insensitively, root copy first', () => {
    expect(findMetadataEntries(zip.names).comicinfo).toBe('comicinfo.xml');
    expect(findMetadataEntries(zip.names.filter((name) => name.includes('/'))).comicinfo).toBe(
      'Captain Science 001/comicinfo.xml',
    );
  });

  it('reads the sub-folder document', () => {
    const patch = parseComicInfo(zip.read('Captain Science 001/comicinfo.xml'), []);
    expect(patch).toMatchObject({ series: 'Captain Science', issueNumber: 1, volume: 1950, volumeIssueCount: 7, year: 1950 });
  });
});

describe('MetronInfo in "-metron.cbz"', { tags: CORPUS_TAG }, () => {
  const zip = readZip('Captain Science #001-metron.cbz');

  it('reads the v1.1 document field by field', () => {
    expect(findMetadataEntries(zip.names)).toEqual({ metroninfo: 'metroninfo.xml' });
    const warnings: string[] = [];
    const patch = parseMetronInfo(zip.read('metroninfo.xml'), warnings);
    expect(warnings).toEqual([]);
    expect(patch).toMatchObject({
      ageRating: 'Teen Plus',
      alternativeIssueNumber: 2,
      collectionTitle: 'Omnibus',
      communityRating: 4.5,
      communityRatingCount: 25,
      year: 1950,
      month: 11,
      day: 1,
      genres: ['Science Fiction'],
      characters: ['Captain Science', 'Gordon Dane'],
      issueNumber: 1,
      publisher: 'Youthful Adventure Stories',
      imprint: 'Youthful Imprint',
      series: 'Captain Science',
      language: 'en',
      originalFormat: 'Single Issue',
      volumeIssueCount: 10,
      seriesVolumeCount: 1,
      // MangaVolume 1950-1952 is the book's own volume range.
      volume: 1950,
      volumeTo: 1952,
      stories: ['Captain Lost', 'Science is Good', 'metron'],
      universes: [{ name: 'Mirror', designation: '4242' }],
      storyArcs: [
        { name: 'Captain Arc', number: 4 },
        { name: 'Other Arc', number: 2 },
      ],
    });
    expect(patch?.credits).toEqual([
      { person: 'Joe Orlando', role: 'Writer' },
      { person: 'Wally Wood', role: 'Inker' },
      { person: 'Wally Wood', role: 'Penciller' },
    ]);
    // "Capitán Ciencia" is the series' alternative name with lang="es".
    expect(patch?.reprints).toEqual([
      { seriesName: 'Capitán Ciencia', language: 'es' },
      { seriesName: 'Captain Science Alternate', issue: '1' },
    ]);
    expect(patch?.identifiers).toEqual(
      expect.arrayContaining([
        { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/c/4000-145269/' },
        { source: 'Metron', idType: 'issue', key: '999999', url: 'https://metron.cloud/issue/999999' },
        // The barcode look-up URLs are those barcodes' pages.
        { idType: 'isbn', key: '1234567890123', url: 'https://isbndb.com/book/123-456789-0123' },
        { idType: 'upc', key: '12345', url: 'https://barcodelookup.com/12345' },
      ]),
    );
    expect(patch?.identifiers).toHaveLength(4);
  });
});

describe('CoMet in "-comet.cbz"', { tags: CORPUS_TAG }, () => {
  const zip = readZip('Captain Science #001-comet.cbz');

  it('reads the CoMet document in its sub-folder', () => {
    const entries = findMetadataEntries(zip.names);
    expect(entries).toEqual({ comet: 'Captain Science 001/CoMet.xml' });
    const warnings: string[] = [];
    const patch = parseComet(zip.read(entries.comet ?? ''), warnings);
    expect(warnings).toEqual([]);
    expect(patch).toMatchObject({
      characters: ['Captain Science', 'Gordon Dane'],
      year: 1950,
      month: 12,
      day: 1,
      summary: 'A long example description',
      originalFormat: 'Comic',
      genres: ['Science Fiction'],
      identifiers: [{ source: 'Comic Vine', idType: 'issue', key: '145269' }],
      reprints: [{ seriesName: 'Captain Science Alternate', issue: '1' }],
      issueNumber: 1,
      language: 'en', // written "English"
      publisher: 'Bell Features',
      ageRating: 'Teen',
      readingDirection: 'ltr',
      series: 'Captain Science',
      title: 'The Beginning',
      volume: 1,
      credits: [
        { person: 'Joe Orlando', role: 'Writer' },
        { person: 'Wally Wood', role: 'Penciller' },
      ],
    });
  });
});

describe('"- multi.cbz": ComicInfo + CoMet + ComicBookInfo comment + file name', { tags: CORPUS_TAG }, () => {
  const zip = readZip('Captain Science #001 (1950) The Beginning - multi.cbz');

  it('finds the lower-case comicinfo.xml and comet.xml, and the comicbox JSON and YAML', () => {
    expect(findMetadataEntries(zip.names)).toEqual({ comicinfo: 'comicinfo.xml', comet: 'comet.xml', comicboxJson: 'comicbox.json', comicboxYaml: 'comicbox.yaml' });
  });

  it('reads the ComicBookInfo JSON in the zip comment', () => {
    const warnings: string[] = [];
    expect(parseComicBookInfo(zip.comment, warnings)).toMatchObject({
      country: 'US', // "United States"
      credits: [
        { person: 'Wally Wood CBI', role: 'Penciller' },
        { person: 'Joe Orlando CBI', role: 'Writer' },
      ],
      genres: ['Science Fiction'],
      language: 'en',
      volumeIssueCount: 2,
      month: 11,
      publisher: 'Youthful Adventure Stories',
      title: 'The Beginning CBI',
      volume: 1950,
      tagger: 'comicbox dev',
    });
    expect(warnings).toEqual([]);
  });

  it('merges with precedence filename < ComicBookInfo < CoMet < ComicInfo, lists unioned', () => {
    const sources: MetadataSource[] = [
      { kind: 'comicinfo', xml: zip.read('comicinfo.xml') },
      { kind: 'comicbookinfo', json: zip.comment },
      { kind: 'filename', name: 'Captain Science #001 (1950) The Beginning - multi.cbz' },
      { kind: 'comet', xml: zip.read('comet.xml') },
    ];
    const { metadata, warnings } = buildMetadata(sources);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      // ComicInfo: Volume 999, Count 10, Year 0591 / Month 11 / Day 1, over CoMet, CBI and the name.
      volume: 999,
      volumeIssueCount: 10,
      year: 591,
      month: 11,
      day: 1,
      publisher: 'Youthful Adventure Stories', // ComicInfo over CoMet's "Bell Features"
      // ComicInfo has no title or series: CoMet's beat ComicBookInfo's and the file name's.
      title: 'The Beginning COMET',
      series: 'Captain Science COMET',
      // Only the file name says the issue.
      issueNumber: 1,
      // Only CoMet / only ComicBookInfo say these.
      ageRating: 'Teen',
      readingDirection: 'ltr',
      summary: 'A long example description',
      country: 'US',
      language: 'en',
      characters: ['Captain Science', 'Gordon Dane', 'COMET'],
      genres: ['Comic Info Genre', 'Science Fiction'],
      storyArcs: [
        { name: 'e', number: 1 },
        { name: 'f', number: 3 },
        { name: 'g', number: 5 },
        { name: 'Captain Arc', number: 4 },
        { name: 'Other Arc', number: 2 },
      ],
      credits: [
        { person: 'Wally Wood CBI', role: 'Penciller' },
        { person: 'Joe Orlando CBI', role: 'Writer' },
      ],
    });
    // ComicInfo's Web and Notes and CoMet's "4000-145269" are one Comic Vine issue.
    expect(metadata.identifiers).toEqual([
      { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/captain-science-1/4000-145269/' },
    ]);
  });
});

describe('PDFs', { tags: CORPUS_TAG }, () => {
  it('reads the ComicInfo XML an older tagger stored in Info/Keywords, at ComicInfo precedence', async () => {
    const { info, xmp } = await readPdfMetadata('test_pdf_legacy_keywords.pdf');
    const { metadata, warnings } = buildMetadata([
      { kind: 'filename', name: 'test_pdf_legacy_keywords.pdf' },
      { kind: 'pdf', info, ...(xmp !== undefined && { xmp }) },
    ]);
    expect(warnings).toEqual([]);
    // The Info dictionary pdf.js reads is the latest revision (an ExifTool update, Keywords
    // hex-encoded); its ComicInfo has no Series, so the file name's stands.
    expect(metadata).toMatchObject({
      title: 'the tangle of their lives',
      series: 'test pdf legacy keywords',
      notes: 'Tagged with comicbox dev on 1970-01-01T00:00:00',
      tagger: 'comicbox dev',
      publisher: 'SmallPub',
      genres: ['Science Fiction'],
      tags: ['d', 'e', 'f'],
      scanInfo: 'Pages',
      credits: [{ person: 'Jon Osterman', role: 'Writer' }],
    });
  });

  it('maps the Info dictionary: Title, Author as writer, Subject, Keywords as tags', async () => {
    const { info, xmp } = await readPdfMetadata('test_pdf.pdf');
    const { metadata, warnings } = buildMetadata([{ kind: 'pdf', info, ...(xmp !== undefined && { xmp }) }]);
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      title: 'the tangle of their lives',
      credits: [{ person: 'Jon Osterman', role: 'Writer' }],
      genres: ['Science Fiction'],
      tags: ['d', 'e', 'f'],
    });
    expect(metadata.year).toBeUndefined(); // CreationDate dates the file, not the comic
  });
});

/** The whole read of a corpus file (archive, entries, comment, every source, merge). */
async function readCorpus(relative: string) {
  const outcome = await readComic(corpusPath(relative));
  if (!outcome.ok) throw new Error(`${relative}: ${outcome.reason}`);
  return { metadata: outcome.comic.metadata, warnings: outcome.warnings };
}

// Expected values below are the ones comicbox's own tests assert for these files
// (ajslater/comicbox tests/: test_cix, test_metron, test_multi), checked against the files.
describe('tags as comicbox reads them, on the corpus', { tags: CORPUS_TAG }, () => {
  it('splits the cix title "The Beginning; The End" into two stories and keeps the title as written', async () => {
    const { metadata, warnings } = await readCorpus('comicbox/Captain Science #001-cix.cbz');
    expect(warnings).toEqual([]);
    expect(metadata.title).toBe('The Beginning; The End');
    expect(metadata.stories).toEqual(['The Beginning', 'The End']);
  });

  it('stores ComicInfo AlternateSeries and AlternateNumber as a reprint of that series and number', async () => {
    const { metadata } = await readCorpus('comicbox/Captain Science #001-cix.cbz');
    expect(metadata.reprints).toEqual([{ seriesName: 'Captain Science Alternate', issue: '1' }]);
  });

  it('reads the tagger stamp and the tag ids of MetronInfo, the ids in the primary source (Metron)', async () => {
    const { metadata, warnings } = await readCorpus('comicbox/Captain Science #001-metron.cbz');
    expect(warnings).toEqual([]);
    expect(metadata.tagger).toBe('comicbox dev');
    const metron = (kind: string, key: string) => ({ source: 'Metron', idType: kind, key, url: `https://metron.cloud/${kind}/${key}` });
    expect(metadata.tagIdentifiers).toEqual([
      { kind: 'publisher', name: 'Youthful Adventure Stories', identifier: metron('publisher', '11') },
      { kind: 'imprint', name: 'Youthful Imprint', identifier: metron('imprint', '222') },
      { kind: 'series', name: 'Captain Science', identifier: metron('series', '2222') },
      { kind: 'story', name: 'Captain Lost', identifier: metron('story', '5555') },
    ]);
  });

  it('titles a MetronInfo book by its stories when only the file name had a title', async () => {
    const { metadata } = await readCorpus('comicbox/Captain Science #001-metron.cbz');
    expect(metadata.stories).toEqual(['Captain Lost', 'Science is Good', 'metron']);
    expect(metadata.title).toBe('Captain Lost; Science is Good; metron');
  });

  it('merges "- multi.cbz" with comicbox.json and comicbox.yaml above ComicInfo, CoMet and the ComicBookInfo comment', async () => {
    const { metadata, warnings } = await readCorpus('comicbox/Captain Science #001 (1950) The Beginning - multi.cbz');
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      series: 'Captain Science COMET',
      title: 'The Beginning COMET',
      stories: ['The Beginning COMET'],
      issueNumber: 1,
      imprint: 'CLIImprint', // only comicbox.yaml
      publisher: 'Youthful Adventure Stories',
      volume: 999, // ComicInfo
      volumeIssueCount: 77, // comicbox.json over ComicInfo's Count 10
      year: 591, // comicbox.json's month and day without a year do not displace ComicInfo's date
      month: 11,
      day: 1,
      country: 'US',
      language: 'en',
      tagger: 'comicbox dev',
      tags: ['a', 'b', 'c'],
      reprints: [{ seriesName: 'Captain Science Alternate', issue: '1' }],
    });
    expect(new Set(metadata.genres)).toEqual(new Set(['Science Fiction', 'Comic Info Genre', 'comicbox Genre']));
    expect(metadata.storyArcs).toEqual(expect.arrayContaining([
      { name: 'h', number: 7 }, { name: 'i', number: 11 }, { name: 'j', number: 13 },
      { name: 'e', number: 1 }, { name: 'f', number: 3 }, { name: 'g', number: 5 },
      { name: 'Captain Arc', number: 4 }, { name: 'Other Arc', number: 2 },
    ]));
    expect(metadata.storyArcs).toHaveLength(8);
  });

  it('reads Codex\'s comicbox.yaml with identifiers on its tags', async () => {
    const { metadata, warnings } = await readCorpus('peers/codex/comicbox-2-update.cbz');
    expect(warnings).toEqual([]);
    expect(metadata).toMatchObject({
      series: 'Captain Science', issueNumber: 2.2, issueSuffix: 'XXX', alternativeIssueNumber: 44, alternativeIssueSuffix: 'BU',
      year: 1951, month: 12, day: 20, country: 'GB', language: 'fr', readingDirection: 'rtl', monochrome: true,
      mainTeam: 'Team Cornish Game Hen', title: 'The Beginning; The End', stories: ['The Beginning', 'The End'],
      universes: [{ name: 'Young Adult Silly Universe', designation: '6969' }],
    });
    expect(metadata.tagIdentifiers).toEqual(expect.arrayContaining([
      { kind: 'series', name: 'Captain Science', identifier: { source: 'Comic Vine', idType: 'series', key: '333' } },
      { kind: 'creator', name: 'Joe Orlando', identifier: { source: 'Metron', idType: 'creator', key: '123', url: 'https://metron.cloud/creator/123' } },
      { kind: 'story', name: 'The Beginning', identifier: { source: 'Metron', idType: 'story', key: '555', url: 'https://metron.cloud/story/555' } },
    ]));
    // Their pages are known from the keys alone.
    expect(metadata.identifiers).toEqual(expect.arrayContaining([
      { source: 'Comic Vine', idType: 'issue', key: '145265', url: 'https://comicvine.gamespot.com/c/4000-145265/' },
      { source: 'Metron', idType: 'issue', key: '999', url: 'https://metron.cloud/issue/999' },
    ]));
  });

  it('finds the ComicInfo.xml of Stump\'s book-complex-tree seven folders down', async () => {
    for (const file of ['peers/stump/book-complex-tree.zip', 'peers/stump/book-complex-tree.rar']) {
      const { metadata } = await readCorpus(file);
      expect(metadata, file).toMatchObject({ series: 'Miles Morales: Spider-Man', issueNumber: 4, publisher: 'Marvel' });
    }
  });

  it('gives a Comic Vine id without a page the page its key names (CoMet "4000-145269")', async () => {
    const { metadata } = await readCorpus('comicbox/Captain Science #001-comet.cbz');
    expect(metadata.identifiers).toEqual([
      { source: 'Comic Vine', idType: 'issue', key: '145269', url: 'https://comicvine.gamespot.com/c/4000-145269/' },
    ]);
  });

  it('reads a PDF\'s creating application as its scan information and its producer as the tagger', async () => {
    const { metadata } = await readCorpus('comicbox/test_pdf.pdf');
    expect(metadata).toMatchObject({ scanInfo: 'Pages', tagger: 'comicbox dev' });
  });

  it('strips the NUL that ends komga.pdf\'s title', async () => {
    const { metadata } = await readCorpus('komga/komga.pdf');
    expect(metadata.title).toBe('komga');
  });
});
