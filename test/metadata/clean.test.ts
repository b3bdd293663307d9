import { describe, expect, it } from 'vitest';
import {
  cleanCountry,
  cleanDay,
  cleanDecimal,
  cleanInteger,
  cleanLanguage,
  cleanMonth,
  cleanName,
  cleanText,
  cleanYear,
  COUNT_RANGE,
  normalizeRole,
  RATING_RANGE,
  splitIsoDate,
  splitList,
} from '../../src/metadata';

describe('names and text', () => {
  it.each([
    ['  Batman  ', 'Batman'],
    ['Wolverine &amp; the X-Men', 'Wolverine & the X-Men'],
    // One level per pass; XML's own decoding is the other level (see the hostile tests).
    ['Wolverine &amp;amp; the X-Men', 'Wolverine &amp; the X-Men'],
    ['Pok&eacute;mon &#233; &#xE9;', 'Pokémon é é'],
    ['&bogus; stays', '&bogus; stays'],
    ['two\n  lines', 'two lines'],
  ])('cleans the name %j to %j', (raw, name) => {
    expect(cleanName(raw).value).toBe(name);
  });

  it.each(['', '   ', undefined, null, {}, []])('makes %j absent', (raw) => {
    expect(cleanName(raw)).toEqual({});
    expect(cleanText(raw)).toBeUndefined();
  });

  it('cuts a 100 KB name to 128 characters and says how long it was', () => {
    expect(cleanName('x'.repeat(100_000))).toEqual({ value: 'x'.repeat(128), problem: 'is 100000 characters long, cut to 128' });
  });

  it('never splits an emoji when cutting', () => {
    const value = cleanName('😀'.repeat(200)).value ?? '';
    expect(Array.from(value)).toHaveLength(128);
    expect(value).toBe('😀'.repeat(128));
  });

  it('keeps line breaks in free text', () => {
    expect(cleanText('  one\ntwo  ')).toBe('one\ntwo');
  });
});

describe('splitList', () => {
  it.each([
    ['Batman, Robin; Alfred', ['Batman', 'Robin', 'Alfred']],
    [' a ,, b ;; ', ['a', 'b']],
    ['Wolverine &amp; the X-Men, Storm', ['Wolverine & the X-Men', 'Storm']],
    [['a,b', 'c'], ['a', 'b', 'c']],
    ['', []],
    [undefined, []],
  ])('splits %j into %j', (raw, list) => {
    expect(splitList(raw)).toEqual(list);
  });
});

describe('dates', () => {
  it.each([
    [cleanYear, '1950', 1950],
    [cleanYear, '0591', 591],
    [cleanYear, '9999', 9999],
    [cleanMonth, '1', 1],
    [cleanMonth, '12', 12],
  ])('%o accepts %j', (clean, raw, value) => {
    expect(clean(raw)).toEqual({ value });
  });

  it.each([
    [cleanYear, '0', 'is not a valid year'],
    [cleanYear, '99999', 'is not a valid year'],
    [cleanYear, '-5', 'is not a valid year'],
    [cleanMonth, '13', 'is not a valid month'],
    [cleanMonth, '0', 'is not a valid month'],
    [cleanMonth, 'June', 'is not a whole number'],
  ])('%o refuses %j', (clean, raw, problem) => {
    expect(clean(raw).value).toBeUndefined();
    expect(clean(raw).problem).toContain(problem);
  });

  it.each([
    ['31', 1, 2020, 31],
    ['30', 2, 2020, undefined],
    ['29', 2, 2020, 29],
    ['29', 2, 2023, undefined],
    ['29', 2, 1900, undefined],
    ['29', 2, 2000, 29],
    ['31', 4, 2020, undefined],
    ['32', undefined, undefined, undefined],
    ['31', undefined, undefined, 31],
  ])('day %j of month %j, %j is %j', (raw, month, year, day) => {
    expect(cleanDay(raw, month, year).value).toBe(day);
  });

  it.each([
    ['1950-12-01', { year: '1950', month: '12', day: '01' }],
    ['1950-12', { year: '1950', month: '12' }],
    ['1950', { year: '1950' }],
    ['2011-08-31T00:00:00Z', { year: '2011', month: '08', day: '31' }],
    ['1950/3/4', { year: '1950', month: '3', day: '4' }],
    ['next week', undefined],
  ])('splits %j', (text, parts) => {
    expect(splitIsoDate(text)).toEqual(parts);
  });
});

describe('numbers', () => {
  it.each([
    ['7', 7, undefined],
    [' 7 ', 7, undefined],
    [7, 7, undefined],
    ['7.0', 7, undefined],
    ['-5', 0, '-5 is below 0, clamped'],
    ['99999999999', 2_147_483_647, '99999999999 is above 2147483647, clamped'],
  ])('count %j is %j', (raw, value, problem) => {
    expect(cleanInteger(raw, COUNT_RANGE)).toEqual(problem === undefined ? { value } : { value, problem });
  });

  it.each(['7.5', 'seven', '0x10'])('count %j is not a whole number', (raw) => {
    expect(cleanInteger(raw, COUNT_RANGE)).toEqual({ problem: expect.stringContaining('is not a whole number') });
  });

  it.each([
    ['4.5', 4.5],
    ['4,5', 4.5],
    ['0', 0],
    ['7', 5],
    ['-1', 0],
  ])('rating %j is %j on the 0..5 scale', (raw, value) => {
    expect(cleanDecimal(raw, RATING_RANGE).value).toBe(value);
  });
});

describe('normalizeRole', () => {
  it.each([
    ['Writer', 'Writer'],
    ['writer', 'Writer'],
    ['Author', 'Writer'],
    ['CoverArtist', 'Cover'],
    ['Cover Artist', 'Cover'],
    ['coverDesigner', 'Cover'],
    ['Cover', 'Cover'],
    ['Pencils', 'Penciller'],
    ['Penciler', 'Penciller'],
    ['Inks', 'Inker'],
    ['Colours', 'Colorist'],
    ['Letters', 'Letterer'],
    ['Translator', 'Translator'],
    ['Associate Editor', 'Associate Editor'],
    ['Script', 'Script'],
    ['Janitor', 'Janitor'],
    ['', undefined],
  ])('%j is %j', (raw, role) => {
    expect(normalizeRole(raw)).toBe(role);
  });
});

describe('cleanLanguage', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['English', 'en'],
    ['english', 'en'],
    ['eng', 'en'],
    ['fre', 'fr'],
    ['fra', 'fr'],
    ['en-US', 'en'],
    ['pt_BR', 'pt'],
    ['Español', 'es'],
    ['日本語', 'ja'],
    ['jp', 'ja'],
    ['iw', 'he'],
  ])('%j is %j', (raw, code) => {
    expect(cleanLanguage(raw)).toEqual({ value: code });
  });

  it.each(['Klingon', 'xx', 'und'])('%j is not a known language', (raw) => {
    expect(cleanLanguage(raw)).toEqual({ problem: `'${raw}' is not a known language` });
  });
});

describe('cleanCountry', () => {
  it.each([
    ['US', 'US'],
    ['us', 'US'],
    ['USA', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['Germany', 'DE'],
    ['Japan', 'JP'],
    ['JPN', 'JP'],
    ['South Korea', 'KR'],
    ['Myanmar', 'MM'],
  ])('%j is %j', (raw, code) => {
    expect(cleanCountry(raw)).toEqual({ value: code });
  });

  it.each(['Narnia', 'EU', 'ZZ', 'DD'])('%j is not a known country', (raw) => {
    expect(cleanCountry(raw)).toEqual({ problem: `'${raw}' is not a known country` });
  });
});
