import { describe, expect, it } from 'vitest';
import { collapsePaths } from '../../src/watch/collapse-paths';

const manyIn = (folder: string, count: number) => Array.from({ length: count }, (_, index) => `${folder}/issue ${index}.cbz`);

describe('collapsePaths', () => {
  it.each([
    { name: 'keeps separate files as they are, sorted', paths: ['b/2.cbz', 'a/1.cbz'], expected: ['a/1.cbz', 'b/2.cbz'] },
    { name: 'counts a path once', paths: ['a/1.cbz', 'a/1.cbz'], expected: ['a/1.cbz'] },
    { name: 'lets a folder cover a file in it', paths: ['a/b/1.cbz', 'a'], expected: ['a'] },
    { name: 'lets a folder cover its deeper folders', paths: ['a/b/c', 'a/b/c/1.cbz', 'a/b'], expected: ['a/b'] },
    { name: 'does not take a name prefix for a parent', paths: ['Batman', 'Batman Beyond/1.cbz'], expected: ['Batman', 'Batman Beyond/1.cbz'] },
    { name: 'keeps both names of a rename', paths: ['old/1.cbz', 'new/1.cbz'], expected: ['new/1.cbz', 'old/1.cbz'] },
    { name: 'drops hidden and NAS litter paths', paths: ['.git/x.cbz', 'a/@eaDir/1.cbz', 'a/.1.cbz.part', 'a/__MACOSX', 'a/1.cbz'], expected: ['a/1.cbz'] },
    { name: 'normalizes separators and dots', paths: ['a//b//1.cbz', './a/b/1.cbz', 'a/./b/1.cbz'], expected: ['a/b/1.cbz'] },
    // Outside Windows a backslash is a character of the name (and of escaped names, path-bytes.ts).
    { name: 'keeps a backslash as part of a name', paths: ['a\\b/1.cbz'], expected: ['a\\b/1.cbz'] },
    { name: 'lets the root cover everything', paths: ['a/1.cbz', ''], expected: [''] },
    { name: 'gives nothing for only ignored paths', paths: ['.DS_Store', 'Thumbs.db'], expected: [] },
  ])('$name', ({ paths, expected }) => {
    expect(collapsePaths(paths)).toEqual(expected);
  });

  it('replaces many files in one folder by the folder', () => {
    expect(collapsePaths([...manyIn('Marvel/X-Men', 11), 'DC/1.cbz'])).toEqual(['DC/1.cbz', 'Marvel/X-Men']);
  });

  it('keeps up to the limit of files in one folder as files', () => {
    expect(collapsePaths(manyIn('Marvel/X-Men', 10))).toHaveLength(10);
  });

  it('collapses upwards when many touched folders share a parent', () => {
    const paths = Array.from({ length: 12 }, (_, index) => `Marvel/Series ${index}/1.cbz`);
    expect(collapsePaths(paths)).toEqual(['Marvel']);
  });

  it('never merges the root entries into a full rescan', () => {
    const paths = manyIn('', 50).map((path) => path.slice(1));
    expect(collapsePaths(paths)).toHaveLength(50);
  });

  it('follows the given per-folder limit', () => {
    expect(collapsePaths(['a/1.cbz', 'a/2.cbz'], 1)).toEqual(['a']);
  });
});
