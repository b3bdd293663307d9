import { createCleaner } from './clean/cleaner';
import { decodeEntities } from './clean/names';
import type { MetadataPatch } from './patch';

/**
 * The file name as a metadata source, the lowest precedence. Names follow loose scene
 * conventions: `Series v2 #012 - Title (2019) (Digital) (Group).cbz`. Parenthesized and
 * bracketed groups are read first (year, "of N", format tags, the scanner); the text before the
 * first group holds series, volume, issue and title; text after the groups is a title (or, when
 * the head had none, an issue and title: `Series (2000) 001 Title`).
 */

const COMIC_EXTENSION = /\.(cbz|cbr|cb7|cbt|cba|pdf|zip|rar|7z|tar|epub)$/i;

/** Format tags and their usual spelling, so "(digital)" and "(Digital)" are one original format. */
const FORMATS: Record<string, string> = {
  digital: 'Digital', webrip: 'Webrip', 'web-rip': 'Webrip', web: 'Web', tpb: 'TPB', 'trade paperback': 'TPB',
  hc: 'Hardcover', hardcover: 'Hardcover', gn: 'Graphic Novel', ogn: 'Graphic Novel', 'graphic novel': 'Graphic Novel',
  omnibus: 'Omnibus', 'one-shot': 'One-Shot', oneshot: 'One-Shot', annual: 'Annual', 'digital chapter': 'Digital Chapter',
};

/** Scan tags that describe the scan rather than name the scanner. */
const SCAN_TAGS = new Set(['c2c']);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const YEAR = /^(1[89]\d\d|20\d\d)$/;
/** A bare issue token: "012", "1.5", "004AU", "-1", "½", "1½", "1/2". */
const BARE_ISSUE = /^(-?\d+(\.\d+)?(½|[a-z]{1,3})?|\d*½|1\/2)$/i;
/** "v2", "V01", "vol2", "Vol.2", "v2019": a volume in one token. */
const VOLUME_TOKEN = /^v(?:ol(?:ume)?)?\.?(\d+)$/i;
/** "Vol." / "Volume" followed by the number as the next token. */
const VOLUME_WORD = /^vol(?:ume)?\.?$/i;
const DASH = /^[-–—]+$/;

interface Groups {
  years: string[];
  month?: number;
  count?: string;
  issueFromCount?: string;
  format?: string;
  scanInfo?: string;
}

export function parseFilename(fileName: string, warnings: string[] = []): MetadataPatch {
  const clean = createCleaner('filename', warnings);
  const text = decodeEntities(fileName.replace(COMIC_EXTENSION, ''))
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const { groups, segments } = splitGroups(text);
  const found = classifyGroups(groups);
  const [head = '', ...rest] = segments;
  const headParts = readHead(head.split(' ').filter(Boolean), found.years.length > 0);
  let { issue, title } = headParts;
  const tailTokens = rest.join(' ').split(' ').filter(Boolean);
  if (issue === undefined && tailTokens.length > 0) {
    const tail = readLeadingIssue(tailTokens);
    issue = tail.issue;
    title ??= tail.title;
  } else {
    title ??= joinTitle(tailTokens);
  }
  const routed = routeTrailingTags(title, found);

  const [firstYear, lastYear] = [found.years[0], found.years[found.years.length - 1]];
  // Two years and no volume: "Series (1957) #92 (1969)" is volume 1957, published 1969.
  const volumeFromYear = headParts.volume === undefined && found.years.length > 1 ? firstYear : undefined;
  const parsedIssue = clean.issue('issue', issue ?? found.issueFromCount);
  return {
    series: clean.name('series', headParts.series),
    volume: clean.count('volume', headParts.volume ?? volumeFromYear),
    issueNumber: parsedIssue?.number,
    issueSuffix: parsedIssue?.suffix,
    volumeIssueCount: clean.count('count', headParts.count ?? found.count),
    ...clean.date({ year: 'year', month: 'month', day: 'day' }, { year: volumeFromYear ? lastYear : firstYear, month: found.month }),
    title: clean.name('title', routed.title),
    originalFormat: clean.name('format', routed.format),
    scanInfo: clean.name('scan', routed.scanInfo),
  };
}

/** Take out (…), […] and {…} groups; the text between them stays as segments, in order. */
function splitGroups(text: string): { groups: string[]; segments: string[] } {
  const groups: string[] = [];
  const segments: string[] = [];
  let last = 0;
  for (const match of text.matchAll(/\(([^()]*)\)|\[([^[\]]*)\]|\{([^{}]*)\}/g)) {
    segments.push(text.slice(last, match.index));
    groups.push((match[1] ?? match[2] ?? match[3] ?? '').trim());
    last = match.index + match[0].length;
  }
  segments.push(text.slice(last));
  // Brackets left unbalanced ("(digital (Group)") are noise once the groups are out.
  const cleaned = segments.map((segment) => segment.replace(/[()[\]{}]/g, ' ').replace(/\s+/g, ' ').trim());
  // A leading group ("[Group] Series 001") leaves an empty first segment: the head is the first text.
  const firstText = cleaned.findIndex((segment) => segment !== '');
  return { groups, segments: firstText < 0 ? [] : cleaned.slice(firstText).filter((s, i) => i === 0 || s !== '') };
}

function classifyGroups(groups: string[]): Groups {
  const found: Groups = { years: [] };
  for (const group of groups) {
    const lower = group.toLowerCase();
    const monthYear = /^([a-z]{3})[a-z]*\.?,? (\d{4})$/i.exec(group);
    const isoDate = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(group);
    const of = /^(?:(\d+) )?of (\d+)$/i.exec(group);
    const [formatWord = '', ...scanner] = lower.split('-');
    if (YEAR.test(group)) found.years.push(group);
    else if (monthYear && MONTHS.includes(monthYear[1]?.toLowerCase() ?? '') && YEAR.test(monthYear[2] ?? '')) {
      found.years.push(monthYear[2] ?? '');
      found.month = MONTHS.indexOf(monthYear[1]?.toLowerCase() ?? '') + 1;
    } else if (isoDate && YEAR.test(isoDate[1] ?? '')) {
      found.years.push(isoDate[1] ?? '');
      found.month = Number(isoDate[2]);
    } else if (of) {
      found.count = of[2];
      found.issueFromCount = of[1];
    } else if (FORMATS[lower]) found.format = FORMATS[lower];
    else if (FORMATS[formatWord] && scanner.length > 0) {
      // "digital-Empire", "TPB-Releaser": a format and the scanner in one group.
      found.format = FORMATS[formatWord];
      found.scanInfo = group.slice(formatWord.length + 1).trim();
    } else if (/^\d+ covers?$/i.test(group) || group === '') continue;
    // Anything else in brackets names the scan or the scanner; the last one is usually the group.
    else found.scanInfo = SCAN_TAGS.has(lower) ? lower : group;
  }
  return found;
}

interface Head {
  series?: string;
  volume?: string;
  issue?: string;
  count?: string;
  title?: string;
}

/** "2 of 5" after an issue: the count of issues. */
const ofCount = (tokens: string[], at: number): string | undefined =>
  tokens[at]?.toLowerCase() === 'of' && /^\d+$/.test(tokens[at + 1] ?? '') ? tokens[at + 1] : undefined;

/**
 * Series, volume, issue and title from the tokens before the first group. The issue is the
 * token after the last '#', or else the first bare number that ends the head or precedes " - "
 * or "of N" (so "2000 AD 1234" is series "2000 AD", and "Night of 1000 Wolves 001" keeps its 1000). A
 * trailing year-like number is part of the series when the name has a year in parentheses:
 * "Spider-Man 2099 (2014)" has no issue.
 */
function readHead(tokens: string[], hasYearGroup: boolean): Head {
  const hash = tokens.findLastIndex((token) => token.startsWith('#'));
  const volumeAt = findVolume(tokens, hash < 0 ? tokens.length : hash);
  const afterVolume = volumeAt ? volumeAt.index + volumeAt.width : 1;
  let issueAt = hash;
  if (issueAt < 0) {
    issueAt = tokens.findIndex((token, i) => {
      if (i < afterVolume || !BARE_ISSUE.test(token)) return false;
      const next = tokens[i + 1];
      if (next !== undefined && !DASH.test(next) && ofCount(tokens, i + 1) === undefined) return false;
      return !(next === undefined && hasYearGroup && YEAR.test(token));
    });
  }
  const seriesEnd = volumeAt?.index ?? (issueAt < 0 ? tokens.length : issueAt);
  const series = trimSeparators(tokens.slice(0, seriesEnd).join(' '));
  if (issueAt < 0) {
    const title = volumeAt ? joinTitle(tokens.slice(afterVolume)) : undefined;
    return { series, volume: volumeAt?.number, title };
  }
  let issue = tokens[issueAt] ?? '';
  const count = ofCount(tokens, issueAt + 1);
  let titleTokens = tokens.slice(issueAt + (count === undefined ? 1 : 3));
  if (issue.startsWith('#')) {
    issue = issue.slice(1);
    if (issue === '' && titleTokens.length > 0) [issue = '', ...titleTokens] = titleTokens;
    // "#001-cix": an issue with a dash-joined title.
    const dash = issue.indexOf('-', 1);
    if (dash > 0) {
      titleTokens = [issue.slice(dash + 1), ...titleTokens];
      issue = issue.slice(0, dash);
    }
  }
  return { series, volume: volumeAt?.number, issue, count, title: joinTitle(titleTokens) };
}

function findVolume(tokens: string[], end: number): { index: number; width: number; number: string } | undefined {
  for (let i = 1; i < end; i++) {
    const token = tokens[i] ?? '';
    const single = VOLUME_TOKEN.exec(token);
    if (single?.[1]) return { index: i, width: 1, number: single[1] };
    const next = tokens[i + 1] ?? '';
    if (VOLUME_WORD.test(token) && /^\d+$/.test(next)) return { index: i, width: 2, number: next };
  }
  return undefined;
}

/** "001 Title" or "#001 Title" after the groups, as in `Series (2000) 001 Title (TPB)`. */
function readLeadingIssue(tokens: string[]): { issue?: string; title?: string } {
  const [first = '', ...rest] = tokens;
  const candidate = first.startsWith('#') ? first.slice(1) : first;
  if (candidate !== '' && BARE_ISSUE.test(candidate)) return { issue: candidate, title: joinTitle(rest) };
  return { title: joinTitle(tokens) };
}

function joinTitle(tokens: string[]): string | undefined {
  const title = trimSeparators(tokens.join(' '));
  return title === '' ? undefined : title;
}

const trimSeparators = (text: string): string => text.replace(/^[\s\-–—:,.]+|[\s\-–—:,]+$/g, '');

/** Tags written without brackets at the end ("#090 c2c", "… repaired c2c") are not title words. */
function routeTrailingTags(title: string | undefined, found: Groups): { title?: string; format?: string; scanInfo?: string } {
  const words = title?.split(' ') ?? [];
  let { format, scanInfo } = found;
  for (let word = words.at(-1)?.toLowerCase(); word !== undefined; word = words.at(-1)?.toLowerCase()) {
    if (SCAN_TAGS.has(word)) scanInfo ??= word;
    else if (FORMATS[word]) format ??= FORMATS[word];
    else break;
    words.pop();
  }
  return { title: joinTitle(words), format, scanInfo };
}

