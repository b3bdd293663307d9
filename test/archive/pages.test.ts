import { describe, expect, it } from 'vitest';
import { countPages, isPageEntry } from '../../src/archive';

const file = (name: string) => ({ name, size: 1, isDirectory: false });

describe('pages', () => {
  it.each<[string, boolean]>([
    ['01.jpg', true],
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

  it('counts image entries only', () => {
    expect(countPages([file('01.jpg'), file('02.png'), file('ComicInfo.xml'), file('__MACOSX/._01.jpg')])).toBe(2);
  });
});
