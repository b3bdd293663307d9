import { describe, expect, it } from 'vitest';
import { importLibrary, searchComics } from 'longbox';
import { testLibrary, writeComic } from '../support/library';

async function library() {
  const lib = testLibrary();
  writeComic(lib.root, 'Spider-Man 001.cbz', { Title: 'Great Power', Series: 'Spider-Man', Number: '1', Year: 1963, Characters: ['Peter Parker'] });
  writeComic(lib.root, 'Plastic Man 002.cbz', { Title: 'Stretch', Series: 'Plastic Man', Number: '2', Year: 1944 });
  writeComic(lib.root, 'Plastic Man 003.cbz', { Title: 'Bounce', Series: 'Plastic Man', Number: '3', Year: 1944 });
  const db = lib.open();
  await importLibrary(db, lib.root, { workers: 1 });
  return db;
}

describe('searchComics', () => {
  it('finds comics by what a person types, punctuation included, best first', async () => {
    const db = await library();
    const result = searchComics(db, 'spider-man');
    expect(result).toMatchObject({ query: '"spider-man"', total: 1, matches: [{ path: 'Spider-Man 001.cbz', series: 'Spider-Man', issue: '1', title: 'Great Power', year: 1963 }] });
  });

  it('returns the best `limit` matches and counts them all', async () => {
    const db = await library();
    const result = searchComics(db, 'plastic', { limit: 1 });
    expect(result.matches).toHaveLength(1);
    expect(result.total).toBe(2);
  });

  it('searches one column with a column filter', async () => {
    const db = await library();
    expect(searchComics(db, 'characters:parker').matches.map((match) => match.path)).toEqual(['Spider-Man 001.cbz']);
  });

  it('refuses a query with no word, and FTS5 syntax that does not parse, as USAGE errors that say why', async () => {
    const db = await library();
    expect(() => searchComics(db, '- !')).toThrow(expect.objectContaining({ code: 'USAGE', message: '"- !" has no word to search for' }));
    expect(() => searchComics(db, '"unbalanced')).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('check quotes, parentheses and AND/OR/NOT') }));
  });
});
