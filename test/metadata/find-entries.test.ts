import { describe, expect, it } from 'vitest';
import { findMetadataEntries } from '../../src/metadata';

describe('findMetadataEntries', () => {
  it.each([
    [['ComicInfo.xml'], { comicinfo: 'ComicInfo.xml' }],
    [['COMICINFO.XML'], { comicinfo: 'COMICINFO.XML' }],
    [['Sub/comicinfo.xml'], { comicinfo: 'Sub/comicinfo.xml' }],
    [['Sub/ComicInfo.xml', 'ComicInfo.xml'], { comicinfo: 'ComicInfo.xml' }],
    [['b/ComicInfo.xml', 'a/ComicInfo.xml'], { comicinfo: 'a/ComicInfo.xml' }],
    [['a/b/ComicInfo.xml'], { comicinfo: 'a/b/ComicInfo.xml' }],
    [['a/b/c/d/e/f/g/ComicInfo.xml', 'z/y/ComicInfo.xml'], { comicinfo: 'z/y/ComicInfo.xml' }],
    [['b/x/MetronInfo.xml', 'a/x/MetronInfo.xml', 'c/MetronInfo.xml'], { metroninfo: 'c/MetronInfo.xml' }],
    [['deep/er/CoMet.xml', 'deep/CoMet.xml'], { comet: 'deep/CoMet.xml' }],
    [['comicbox.json', 'comicbox.yaml'], { comicboxJson: 'comicbox.json', comicboxYaml: 'comicbox.yaml' }],
    [['Sub/comicbox.yml', 'comicbox.YAML'], { comicboxYaml: 'comicbox.YAML' }],
    [['a/__MACOSX/b/ComicInfo.xml', 'a/.git/ComicInfo.xml'], {}],
    [['__MACOSX/ComicInfo.xml', '.hidden/ComicInfo.xml', '._ComicInfo.xml'], {}],
    [['Sub\\MetronInfo.xml'], { metroninfo: 'Sub\\MetronInfo.xml' }],
    [['./CoMet.xml'], { comet: './CoMet.xml' }],
    [['comic-book-info.json', 'ComicBookInfo.json'], { comicbookinfo: 'ComicBookInfo.json' }],
    [['page01.jpg', 'ComicInfo.xml.bak', 'notes.txt'], {}],
    [
      ['x/ComicInfo.xml', 'MetronInfo.xml', 'CoMet.xml', 'comic-book-info.json'],
      { comicinfo: 'x/ComicInfo.xml', metroninfo: 'MetronInfo.xml', comet: 'CoMet.xml', comicbookinfo: 'comic-book-info.json' },
    ],
  ])('finds %j as %j', (names, entries) => {
    expect(findMetadataEntries(names)).toEqual(entries);
  });
});
