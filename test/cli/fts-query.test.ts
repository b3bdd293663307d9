import { describe, expect, it } from 'vitest';
import { toFtsQuery, toFtsWords } from '../../src/search/fts-query';
import { spaceUnspacedScripts } from '../../src/schema';

describe('toFtsQuery', () => {
  it.each([
    ['plastic man', '"plastic" "man"'],
    ['  spider-man  ', '"spider-man"'],
    ['batman: year one', '"batman:" "year" "one"'],
    ['stardust OR samson', '"stardust" OR "samson"'],
    ['phantom NOT lady', '"phantom" NOT "lady"'],
    ['characters:phantom', 'characters:"phantom"'],
    ['Characters:phantom', 'characters:"phantom"'],
    ['batman AND -', '"batman"'],
    ['- OR batman', '"batman"'],
    ['nosuchcolumn:phantom', '"nosuchcolumn:phantom"'],
    ['captain sci*', '"captain" "sci"*'],
    ['^captain', '^"captain"'],
    ['captain - science', '"captain" "science"'],
    ['Übermensch', '"Übermensch"'],
    ['巨人', '"巨 人"'],
    ['series:進撃の巨人 第1巻', 'series:"進 撃 の 巨 人" "第 1 巻"'],
    ['ワンピースvol2', '"ワ ン ピ ー ス vol2"'],
  ])('reads %j as %s', (typed, query) => expect(toFtsQuery(typed)).toBe(query));

  it.each(['"plastic man"', 'NEAR(plastic man, 2)', '"unbalanced'])('passes %j through as FTS5 syntax', (typed) => expect(toFtsQuery(typed)).toBe(typed));

  it.each([
    ['"進撃の巨人" OR (鬼滅)', '"進 撃 の 巨 人" OR ("鬼 滅")'],
    ['(series:巨人)', '(series:"巨 人")'],
    ['(^巨人)', '(^"巨 人")'],
    ['(巨人*)', '("巨 人"*)'],
    ['NEAR(巨人 攻撃, 3)', 'NEAR("巨 人" "攻 撃", 3)'],
    ['"a""巨人"', '"a""巨 人"'],
  ])('spaces the Chinese and Japanese of FTS5 syntax %j as the index is spaced, each unquoted word one phrase: %s', (typed, query) => expect(toFtsQuery(typed)).toBe(query));

  it('reads quotes and parentheses as separators in toFtsWords, the fallback for syntax FTS5 refuses', () => {
    expect(toFtsWords('Batman (2016) #1')).toBe('"Batman" "2016" "#1"');
    expect(toFtsWords('"unbalanced')).toBe('"unbalanced"');
  });

  it('leaves nothing to search for when no word has a letter or digit', () => {
    expect(toFtsQuery('- -- !')).toBe('');
  });
});

describe('spaceUnspacedScripts', () => {
  it.each([
    ['進撃の巨人', '進 撃 の 巨 人'],
    ['第1巻', '第 1 巻'],
    // Halfwidth kana: their voiced mark is a letter of its own (Lm), spaced alike in queries.
    ['ｺﾞｼﾞﾗ', 'ｺ ﾞ ｼ ﾞ ﾗ'],
    ['Café Spider-Man', 'Café Spider-Man'],
    // A decomposed voiced mark (U+3099) stays with its kana.
    ['カ\u3099ンタ\u3099ム', 'カ\u3099 ン タ\u3099 ム'],
  ])('spaces %j as %j', (text, spaced) => expect(spaceUnspacedScripts(text)).toBe(spaced));
});
