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
    expect(() => searchComics(db, '"unbalanced', { raw: true })).toThrow(expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('check quotes, parentheses and AND/OR/NOT') }));
    // FTS5 has no NOT without a left side: the words alone would search the opposite.
    expect(() => searchComics(db, 'NOT parker')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => searchComics(db, 'parker', { limit: 2 ** 63 })).toThrow(expect.objectContaining({ code: 'USAGE', message: 'search limit must be a whole number of at least 1, got 9223372036854776000' }));
  });

  it('searches the words of a query whose parentheses or quotes are not FTS5 syntax after all, as in "Series (Title)"', async () => {
    const db = await library();
    const result = searchComics(db, 'Spider-Man (Great Power)');
    expect(result.query).toBe('"Spider-Man" "Great" "Power"');
    expect(result.matches.map((match) => match.path)).toEqual(['Spider-Man 001.cbz']);
    expect(searchComics(db, '"spider-man').matches.map((match) => match.path)).toEqual(['Spider-Man 001.cbz']);
  });

  it('finds a Chinese or Japanese title by any part of it, which FTS5 alone reads as one word', async () => {
    const lib = testLibrary();
    writeComic(lib.root, 'Shingeki 001.cbz', { Title: '進撃の巨人', Series: '進撃の巨人', Number: '1', Characters: ['エレン・イェーガー'] });
    writeComic(lib.root, 'One Piece 001.cbz', { Title: 'ROMANCE DAWN', Series: 'ワンピース', Number: '1' });
    writeComic(lib.root, 'Kimetsu 001.cbz', { Title: '残酷', Series: '鬼滅の刃', Number: '1' });
    writeComic(lib.root, 'Robo 001.cbz', { Title: '人間', Series: '巨大ロボ', Number: '1' });
    const db = lib.open();
    await importLibrary(db, lib.root, { workers: 1 });
    const paths = (typed: string) => searchComics(db, typed).matches.map((match) => match.path).sort();
    expect(paths('巨人')).toEqual(['Shingeki 001.cbz']);
    expect(paths('進撃の巨人')).toEqual(['Shingeki 001.cbz']);
    expect(paths('ピース')).toEqual(['One Piece 001.cbz']);
    expect(paths('characters:イェーガー')).toEqual(['Shingeki 001.cbz']);
    expect(paths('の')).toEqual(['Kimetsu 001.cbz', 'Shingeki 001.cbz']);
    // Consecutive characters, not any of them: 巨 and 刃 are in different titles.
    expect(paths('巨刃')).toEqual([]);
    expect(paths('"進撃の巨人"')).toEqual(['Shingeki 001.cbz']);
    // A filter, in FTS5 syntax, applies to the whole word: 巨 and 人 are both in another comic, not in its series.
    expect(paths('(series:巨人)')).toEqual(['Shingeki 001.cbz']);
    expect(paths('(巨刃)')).toEqual([]);
    expect(paths('romance')).toEqual(['One Piece 001.cbz']);
  });

  it('tells a malformed query by its SQLite code, whichever copy of better-sqlite3 threw it', async () => {
    const db = await library();
    // An app's drizzle instance may wrap its own better-sqlite3: its errors are not this package's class.
    const foreign = { ...db, $client: { prepare: () => ({ all: () => { throw Object.assign(new Error('fts5: syntax error near "x"'), { code: 'SQLITE_ERROR' }); } }) } } as unknown as typeof db;
    expect(() => searchComics(foreign, 'x', { raw: true })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
