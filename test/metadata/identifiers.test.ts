import { describe, expect, it } from 'vitest';
import { identifierFromGtin, identifierFromUrl, identifierFromUrn, identifiersInNotes } from '../../src/metadata';

describe('identifiers', () => {
  it.each([
    ['https://comicvine.gamespot.com/c/4000-145269/', { source: 'Comic Vine', idType: 'issue', key: '145269' }],
    ['https://comicvine.gamespot.com/batman/4050-796/', { source: 'Comic Vine', idType: 'series', key: '796' }],
    ['https://metron.cloud/issue/justice-league-2011-1/', { source: 'Metron', idType: 'issue', key: 'justice-league-2011-1' }],
    ['https://www.comics.org/issue/125295/', { source: 'Grand Comics Database', idType: 'issue', key: '125295' }],
    ['https://leagueofcomicgeeks.com/comic/1234567/batman-1', { source: 'League of Comic Geeks', idType: 'issue', key: '1234567' }],
    ['https://www.marvel.com/comics/issue/12345/x-men_1991_1', { source: 'Marvel', idType: 'issue', key: '12345' }],
    ['https://barcodelookup.com/12345', { idType: 'upc', key: '12345' }],
    ['https://isbndb.com/book/123-456789-0123', { idType: 'isbn', key: '1234567890123' }],
    ['https://example.org/comics/12345', { source: 'example.org', idType: 'url', key: 'example.org/comics/12345' }],
  ])('reads the URL %s', (url, expected) => {
    expect(identifierFromUrl(url)).toEqual({ ...expected, url });
  });

  it.each(['not a url', 'ftp://example.com/x', 'javascript:alert(1)'])('refuses %j as a URL', (text) => {
    expect(identifierFromUrl(text)).toBeUndefined();
  });

  it.each([
    ['urn:comicvine:issue:145269', { source: 'Comic Vine', idType: 'issue', key: '145269' }],
    ['urn:metron:issue:999999', { source: 'Metron', idType: 'issue', key: '999999' }],
    ['urn:isbn:123-456789-0123', { idType: 'isbn', key: '1234567890123' }],
    ['urn:upc:12345', { idType: 'upc', key: '12345' }],
  ])('reads the URN %s', (urn, expected) => {
    expect(identifierFromUrn(urn)).toEqual(expected);
  });

  it.each([
    ['978-1-60706-601-5', { idType: 'isbn', key: '9781607066015' }],
    ['1607066017', { idType: 'isbn', key: '1607066017' }],
    ['761941305936', { idType: 'upc', key: '761941305936' }],
    ['76194130593600111', { idType: 'upc', key: '76194130593600111' }],
    ['4006381333931', { idType: 'gtin', key: '4006381333931' }],
    ['urn:comicvine:issue:145269', { source: 'Comic Vine', idType: 'issue', key: '145269' }],
  ])('reads the GTIN %s', (gtin, expected) => {
    expect(identifierFromGtin(gtin)).toEqual(expected);
  });

  it('refuses a GTIN that is neither a barcode nor a URN', () => {
    expect(identifierFromGtin('ask the shop')).toBeUndefined();
  });

  it('finds the identifiers taggers leave in Notes, once each', () => {
    expect(identifiersInNotes('Tagged with comicbox [Issue ID 145269] [CVDB145269] urn:isbn:978-1 urn:metron:issue:9')).toEqual([
      { source: 'Comic Vine', idType: 'issue', key: '145269' },
      { idType: 'isbn', key: '9781' },
      { source: 'Metron', idType: 'issue', key: '9' },
    ]);
  });
});
