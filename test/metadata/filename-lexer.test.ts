import { describe, expect, it } from 'vitest';
import { lex } from '../../src/metadata/filename/lexer';

/** Tokens as [kind, text], and "spaced" only where the test is about it. */
const shapes = (text: string) => lex(text).map((token) => [token.kind, token.text]);

describe('file name lexer', () => {
  it('cuts a name into words, numbers, marked issues, dashes and groups', () => {
    expect(shapes('Series v2 #012 - Title (2019) [Group]')).toEqual([
      ['word', 'Series'], ['word', 'v2'], ['issue', '012'], ['dash', '-'], ['word', 'Title'], ['group', '2019'], ['group', 'Group'],
    ]);
  });

  it('says whether a space came before each token', () => {
    expect(lex('Knight Hour- Repealed').map((token) => token.spaced)).toEqual([false, true, false, true]);
  });

  it('keeps a marked issue that is hyphen-joined to the volume', () => {
    expect(shapes('X-Men-V1-#067')).toEqual([['word', 'X'], ['dash', '-'], ['word', 'Men'], ['dash', '-'], ['word', 'V1'], ['dash', '-'], ['issue', '067']]);
  });

  it('marks the number after a lone #', () => {
    expect(shapes('Now # 001 x')).toEqual([['word', 'Now'], ['issue', '001'], ['word', 'x']]);
  });

  it('marks letters and signs after # too', () => {
    expect(shapes('#B01 #-1 #78.BEY #½')).toEqual([['issue', 'B01'], ['issue', '-1'], ['issue', '78.BEY'], ['issue', '½']]);
  });

  it('leaves a # inside a word alone', () => {
    expect(shapes('F#&%ed')).toEqual([['word', 'F#&%ed']]);
  });

  it('splits two words joined by a dot but keeps acronyms and dotted numbers', () => {
    expect(shapes('Avengers.Hulk K.O. F.1 100.000.000')).toEqual([
      ['word', 'Avengers'], ['word', 'Hulk'], ['word', 'K.O.'], ['word', 'F.1'], ['word', '100.000.000'],
    ]);
  });

  it('reads ordinals and units as words and letter suffixes as part of a number', () => {
    expect(shapes('80th 2048px 8ste 27AU 078.BEY 1/2 ½ 1.5')).toEqual([
      ['word', '80th'], ['word', '2048px'], ['word', '8ste'], ['number', '27AU'], ['number', '078.BEY'], ['number', '1/2'], ['number', '½'], ['number', '1.5'],
    ]);
  });

  it('reads a whole number and a half as one number', () => {
    expect(shapes('Batman 1 1/2')).toEqual([['word', 'Batman'], ['number', '1 1/2']]);
  });

  it('lets an unclosed bracket open a group that ends where the next one opens', () => {
    expect(shapes('title (DC')).toEqual([['word', 'title'], ['group', 'DC']]);
    expect(shapes('(digital (Minutemen-Faessla)')).toEqual([['group', 'digital'], ['group', 'Minutemen-Faessla']]);
  });

  it('drops a closing bracket that closes nothing', () => {
    expect(shapes('A) B]')).toEqual([['word', 'A'], ['word', 'B']]);
  });

  it('reads dates written outside brackets', () => {
    const dates = lex('2001-02-24 02-24-2001 Sep-Oct 1951 January 2022').map(({ kind, year, month, day }) => ({ kind, year, month, day }));
    expect(dates).toEqual([
      { kind: 'date', year: '2001', month: 2, day: '24' },
      { kind: 'date', year: '2001', month: 2, day: '24' },
      { kind: 'date', year: '1951', month: 9, day: undefined },
      { kind: 'date', year: '2022', month: 1, day: undefined },
    ]);
  });

  it('keeps a month name that no year follows as a word', () => {
    expect(shapes('Karl May 001')).toEqual([['word', 'Karl'], ['word', 'May'], ['number', '001']]);
  });

  it('reads a run of dashes as one separator', () => {
    expect(shapes('A -- B')).toEqual([['word', 'A'], ['dash', '--'], ['word', 'B']]);
  });

  it('takes a trailing comma or colon off a word', () => {
    expect(shapes('X-Men, Now: Game')).toEqual([['word', 'X'], ['dash', '-'], ['word', 'Men'], ['comma', ','], ['word', 'Now'], ['colon', ':'], ['word', 'Game']]);
  });
});
