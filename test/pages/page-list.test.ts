import { describe, expect, it } from 'vitest';
import { pageEntries } from '../../src/archive';
import { parseComicInfoPages } from '../../src/metadata';
import { coverIndexOf, pageListOf, pdfPageList } from '../../src/pages';
import { sortEntryNames } from '../../src/pages/natural-order';

const file = (name: string, size = 10) => ({ name, size, isDirectory: false });
const sorted = (names: string[]) => sortEntryNames(names, (name) => name);

describe('reading order', () => {
  it('puts page2 before page10 (natural numbers)', () => {
    expect(sorted(['page10.jpg', 'page2.jpg', 'page1.jpg'])).toEqual(['page1.jpg', 'page2.jpg', 'page10.jpg']);
  });

  it('ignores case', () => {
    expect(sorted(['b.jpg', 'A.jpg', 'c.jpg'])).toEqual(['A.jpg', 'b.jpg', 'c.jpg']);
  });

  it('lists folders before the files beside them, at every level', () => {
    expect(sorted(['cover.jpg', 'z/01.jpg', 'a/02.jpg', 'a/b/01.jpg', 'a/01.jpg'])).toEqual(['a/b/01.jpg', 'a/01.jpg', 'a/02.jpg', 'z/01.jpg', 'cover.jpg']);
  });

  it('lists a numbered folder before a file even when the file has the smaller number', () => {
    expect(sorted(['p1.jpg', 'p2/x.jpg'])).toEqual(['p2/x.jpg', 'p1.jpg']);
  });

  it('orders numbered folders naturally', () => {
    expect(sorted(['ch10/01.jpg', 'ch2/01.jpg', 'ch1/02.jpg'])).toEqual(['ch1/02.jpg', 'ch2/01.jpg', 'ch10/01.jpg']);
  });

  it('compares numbers by value, leading zeros only breaking ties', () => {
    expect(sorted(['p010.jpg', 'p9.jpg', 'p01.jpg', 'p1.jpg'])).toEqual(['p1.jpg', 'p01.jpg', 'p9.jpg', 'p010.jpg']);
  });

  it('gives a total order: names that differ only in case keep one order', () => {
    expect(sorted(['a.jpg', 'A.jpg'])).toEqual(sorted(['A.jpg', 'a.jpg']));
  });

  it('compares numbers longer than a double holds exactly', () => {
    expect(sorted(['p123456789012345678902.jpg', 'p123456789012345678901.jpg'])).toEqual(['p123456789012345678901.jpg', 'p123456789012345678902.jpg']);
  });
});

describe('page list', () => {
  const entries = [
    file('ComicInfo.xml'),
    file('page10.jpg', 100),
    file('__MACOSX/._page1.jpg'),
    file('.hidden.png'),
    file('page2.PNG', 20),
    file('notes.txt'),
    { name: 'dir.jpg/', size: 0, isDirectory: true },
    file('page1.webp', 10),
  ];

  it('keeps exactly the entries page_count counts, in reading order, with size and media type', () => {
    const pages = pageListOf(entries);
    expect(pages).toEqual([
      { entry: 'page1.webp', size: 10, mediaType: 'image/webp' },
      { entry: 'page2.PNG', size: 20, mediaType: 'image/png' },
      { entry: 'page10.jpg', size: 100, mediaType: 'image/jpeg' },
    ]);
    expect(pages.map((page) => page.entry).sort()).toEqual(pageEntries(entries).map((entry) => entry.name).sort());
  });

  it.each(['png', 'gif', 'webp', 'avif', 'jxl', 'bmp', 'tif', 'tiff', 'heic', 'jpg', 'jpeg'])('knows the media type of .%s pages', (ext) => {
    expect(pageListOf([file(`p.${ext}`)])[0]!.mediaType).toMatch(/^image\/[a-z]+$/);
  });

  it('adds what ComicInfo <Pages> says of each page, by its Image index', () => {
    const described = parseComicInfoPages(`<?xml version="1.0"?>
      <ComicInfo><Series>X</Series><Pages>
        <Page Image="0" Type="InnerCover" ImageWidth="1800" ImageHeight="2700" />
        <Page Image="1" Type="FrontCover" DoublePage="True" ImageWidth="3600" ImageHeight="2700"/>
        <Page Image="7" Type="BackCover"/>
        <Page Image="x" Type="Story"/>
      </Pages></ComicInfo>`);
    const pages = pageListOf(entries, described);
    expect(pages[0]).toEqual({ entry: 'page1.webp', size: 10, mediaType: 'image/webp', kind: 'InnerCover', width: 1800, height: 2700 });
    expect(pages[1]).toEqual({ entry: 'page2.PNG', size: 20, mediaType: 'image/png', kind: 'FrontCover', doublePage: true, width: 3600, height: 2700 });
    expect(pages[2]).toEqual({ entry: 'page10.jpg', size: 100, mediaType: 'image/jpeg' });
    expect(coverIndexOf(pages)).toBe(1);
  });

  it('takes the first page as the cover when no page is a FrontCover', () => {
    expect(coverIndexOf(pageListOf(entries))).toBe(0);
    expect(coverIndexOf([])).toBe(0);
  });

  it('reads no <Pages> from a ComicInfo without one, or one that is not XML', () => {
    expect(parseComicInfoPages('<ComicInfo><Series>X</Series></ComicInfo>')).toEqual([]);
    expect(parseComicInfoPages('<ComicInfo><Pages><Page Image="0"')).toEqual([]);
  });

  it('reads <Pages> from UTF-16 ComicInfo bytes', () => {
    const xml = '\ufeff<ComicInfo><Pages><Page Image="0" Type="FrontCover"/></Pages></ComicInfo>';
    expect(parseComicInfoPages(Buffer.from(xml, 'utf16le'))).toEqual([{ image: 0, kind: 'FrontCover' }]);
  });

  it('numbers PDF pages without an entry', () => {
    expect(pdfPageList(2)).toEqual([{ mediaType: 'image/png' }, { mediaType: 'image/png' }]);
  });
});
