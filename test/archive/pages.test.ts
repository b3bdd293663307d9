import { describe, expect, it } from 'vitest';
import { isPageEntry, pageEntries } from '../../src/archive';

const file = (name: string) => ({ name, size: 1, isDirectory: false });

describe('pages', () => {
  it.each<[string, boolean]>([
    ['01.jpg', true],
    ['./01.jpg', true],
    ['./Folder/01.jpg', true],
    ['../01.jpg', false],
    ['Folder/02.JPEG', true],
    ...['png', 'gif', 'webp', 'avif', 'jxl', 'bmp', 'tif', 'tiff', 'heic'].map((ext): [string, boolean] => [`p.${ext}`, true]),
    ['ComicInfo.xml', false],
    ['notes.txt', false],
    ['jpg', false],
    ['.hidden.jpg', false],
    ['Folder/.thumbs/01.jpg', false],
    ['__MACOSX/._01.jpg', false],
    ['sub/__MACOSX/01.jpg', false],
  ])('treats %s as a page: %s', (name, expected) => {
    expect(isPageEntry(file(name))).toBe(expected);
  });

  it('never counts a directory, even one named like an image', () => {
    expect(isPageEntry({ name: 'covers.jpg/', size: 0, isDirectory: true })).toBe(false);
  });

  it('keeps image entries only, and a name listed twice once: the first, which every reader reads', () => {
    const first = { name: '01.jpg', size: 1, isDirectory: false };
    const entries = [first, file('02.png'), file('ComicInfo.xml'), file('__MACOSX/._01.jpg'), { name: '01.jpg', size: 2, isDirectory: false }];
    expect(pageEntries(entries)).toEqual([first, file('02.png')]);
  });
});
