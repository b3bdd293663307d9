/** The words file names use with a fixed meaning, lower-cased. */

/** Format tags and their usual spelling, so "(digital)" and "(Digital)" are one original format. */
export const FORMATS: Readonly<Record<string, string>> = {
  digital: 'Digital', webrip: 'Webrip', 'web-rip': 'Webrip', web: 'Web', tpb: 'TPB', 'trade paperback': 'TPB',
  hc: 'Hardcover', hardcover: 'Hardcover', gn: 'Graphic Novel', ogn: 'Graphic Novel', 'graphic novel': 'Graphic Novel',
  omnibus: 'Omnibus', 'one-shot': 'One-Shot', oneshot: 'One-Shot', annual: 'Annual', 'digital chapter': 'Digital Chapter',
};

/** Scan tags that describe the scan rather than name the scanner. */
export const SCAN_TAGS: ReadonlySet<string> = new Set(['c2c']);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const MONTH_INITIALS = new Set(MONTHS.map((month) => month[0]!));

/** 1..12 for a month name or its abbreviation ("Jan", "January", "Sept."); undefined for other words. */
export function monthNumber(word: string): number | undefined {
  if (word.length < 3 || word.length > 10 || !MONTH_INITIALS.has(word[0]!.toLowerCase())) return undefined;
  const lower = word.toLowerCase().replace(/\.$/, '');
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

/** Words that say "the number after me is the issue": `issue #25`, `Chapter 001`, `Ep. 014`, `Глава 3`. */
export const ISSUE_MARKERS: ReadonlySet<string> = new Set([
  'issue', 'chapter', 'chap', 'chap.', 'ch', 'ch.', 'ep', 'ep.', 'episode', 'глава', 'ตอนที่', 'บทที่',
]);

/** Words that say "the number after me is the volume": `Vol. 2`, `Volume 03`, `Tome 2`, `Том 1`, `เล่ม 1`. */
export const VOLUME_WORDS: ReadonlySet<string> = new Set(['vol', 'vol.', 'volume', 'tome', 'том', 'เล่ม', 'เล่มที่']);

/** "v2", "V01", "vol2", "Vol.2000", "t6" (French tome): a volume in one token. */
export const VOLUME_TOKEN = /^(?:v(?:ol(?:ume)?)?\.?|t)(\d+)$/i;

/** Written-out numbers that follow "Book": `Book One`, `Book Twelve`. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20,
};

/** Letters after digits that make a word, not an issue suffix: ordinals (80th, 8ste, 2e) and units (2048px). */
export const NOT_ISSUE_SUFFIXES: ReadonlySet<string> = new Set([
  'st', 'nd', 'rd', 'th', 'ste', 'de', 'e', 'er', 'eme', 'ème', 'px', 'p', 'k', 'mb', 'gb', 'dpi',
]);
