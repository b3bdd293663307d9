import { readGroup, type GroupFact } from './groups';
import type { Token } from './lexer';
import { isMarker, isVolumeToken, isVolumeWord, lookahead, numberRole, ofCountAt, type HeadFacts } from './numbers';
import { FORMATS, NUMBER_WORDS, SCAN_TAGS, VOLUME_TOKEN } from './vocabulary';

/** What a file name says, as written; the caller cleans it into metadata. */
export interface FilenameFields {
  series?: string;
  volume?: string;
  issue?: string;
  count?: string;
  title?: string;
  year?: string;
  month?: number;
  day?: string;
  format?: string;
  scanInfo?: string;
}

/**
 * The states of the reading, in the order a name is written:
 * `series` → (`volume`) → `title` (after the issue) → `tail` (after the first bracket group).
 */
type State = 'series' | 'volume' | 'title' | 'tail';

interface Reading {
  tokens: readonly Token[];
  facts: HeadFacts;
  series: Token[];
  /** Words between the volume and the issue: the series' ("v1 Annual #01"), or a title when no issue follows. */
  afterVolume: Token[];
  afterVolumeWords: boolean;
  afterVolumeSeparated: boolean;
  title: Token[];
  tail: Token[];
  volume?: string;
  issue?: string;
  count?: string;
  /** A Title Case group seen before any issue: the title if an issue follows it ("Showcase 2001 (Hidden Realm) #001"). */
  pendingTitle?: ScanFact;
  groupTitle?: ScanFact;
  dates: Array<{ year: string; month?: number; day?: string }>;
  groups: GroupFact[];
}

type ScanFact = Extract<GroupFact, { kind: 'scan' }>;

/** A step reads the token at `at` and says the next state and how many tokens it took. */
type Step = (reading: Reading, at: number) => [State, number];

export function parseTokens(tokens: readonly Token[]): FilenameFields {
  const groups = new Map<Token, GroupFact>();
  for (const token of tokens) if (token.kind === 'group') groups.set(token, readGroup(token.text));
  const reading: Reading = { tokens, facts: headFacts(tokens, groups), series: [], afterVolume: [], afterVolumeWords: false, afterVolumeSeparated: false, title: [], tail: [], dates: [], groups: [] };
  let state: State = 'series';
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at]!;
    if (token.kind === 'date') {
      reading.dates.push({ year: token.year!, ...(token.month !== undefined && { month: token.month }), ...(token.day !== undefined && { day: token.day }) });
      at++;
    } else if (token.kind === 'group') {
      state = readGroupFact(reading, state, groups.get(token)!);
      at++;
    } else {
      const [next, taken] = STEPS[state](reading, at);
      state = next;
      at += taken;
    }
  }
  if (state === 'volume') append(reading.title, reading.afterVolume);
  return finish(reading);
}

function headFacts(tokens: readonly Token[], groups: ReadonlyMap<Token, GroupFact>): HeadFacts {
  let marked = false;
  let bracketYear = false;
  let inHead = true;
  tokens.forEach((token, at) => {
    if (token.kind === 'group') {
      inHead = false;
      bracketYear ||= groups.get(token)?.kind === 'date';
    } else if (inHead && (token.kind === 'issue' || (isMarker(token) && markedNumberAt(tokens, at + 1) !== undefined))) marked = true;
  });
  return { marked, bracketYear, ahead: lookahead(tokens) };
}

/** The number a marker word points at: `issue #25`, `Chapter 001`, `chapter-123`. */
function markedNumberAt(tokens: readonly Token[], at: number): number | undefined {
  const skip = tokens[at]?.kind === 'dash' ? 1 : 0;
  const kind = tokens[at + skip]?.kind;
  return kind === 'number' || kind === 'issue' ? at + skip : undefined;
}

function readGroupFact(reading: Reading, state: State, fact: GroupFact): State {
  reading.groups.push(fact);
  if (fact.kind === 'date') reading.dates.push(fact);
  if (reading.issue === undefined && fact.kind === 'scan' && isTitleCase(fact.text) && reading.series.length > 0) reading.pendingTitle ??= fact;
  if (state === 'volume' && reading.issue === undefined) append(reading.title, reading.afterVolume.splice(0));
  // A group before any words ("[Scanner] Hellboy 001") does not end the head.
  return reading.series.length === 0 && state === 'series' ? 'series' : 'tail';
}

const isTitleCase = (text: string): boolean => /^\p{Lu}\p{Ll}*(?:[ -]\p{Lu}\p{Ll}*)*$/u.test(text) && text.includes(' ');

/** Take the issue at `at` and an "of N" after it; returns how many tokens that was. */
function takeIssue(reading: Reading, at: number): number {
  reading.issue = reading.tokens[at]!.text;
  reading.groupTitle = reading.pendingTitle;
  const count = ofCountAt(reading.tokens, at + 1);
  if (count !== undefined) reading.count = count;
  return count === undefined ? 1 : 3;
}

/** "v2", "Vol. 2", "Tome 2", "Том 1": the volume and how many tokens spell it. */
function volumeAt(tokens: readonly Token[], at: number): [string, number] | undefined {
  const token = tokens[at];
  const single = token?.kind === 'word' ? VOLUME_TOKEN.exec(token.text) : null;
  if (single) return [single[1]!, 1];
  const next = tokens[at + 1];
  if (isVolumeWord(token) && next?.kind === 'number' && /^\d+$/.test(next.text)) return [next.text, 2];
  return undefined;
}

/** "Bloodshot Book 03 (2020)", "Beanbag Book One": a last "Book N" is the volume, and the title. */
function bookAt(tokens: readonly Token[], at: number): string | undefined {
  if (tokens[at]?.text.toLowerCase() !== 'book') return undefined;
  const number = tokens[at + 1];
  const after = tokens[at + 2];
  if (number === undefined || (after !== undefined && after.kind !== 'group')) return undefined;
  if (number.kind === 'number' && /^\d+$/.test(number.text)) return number.text;
  const word = NUMBER_WORDS[number.text.toLowerCase()];
  return number.kind === 'word' && word !== undefined ? String(word) : undefined;
}

const readSeries: Step = (reading, at) => {
  const { tokens, series } = reading;
  const token = tokens[at]!;
  if (token.kind === 'issue') return ['title', takeIssue(reading, at)];
  if (token.kind === 'number') {
    const role = numberRole(tokens, at, series.length === 0, reading.facts);
    if (role === 'issue') return ['title', takeIssue(reading, at)];
    if (role === 'series') series.push(token);
    return ['series', 1];
  }
  const marked = isMarker(token) ? markedNumberAt(tokens, at + 1) : undefined;
  if (marked !== undefined) return ['title', marked - at + takeIssue(reading, marked)];
  if (series.length > 0) {
    const volume = volumeAt(tokens, at);
    if (volume) {
      reading.volume = volume[0];
      return ['volume', volume[1]];
    }
    const book = bookAt(tokens, at);
    if (book !== undefined) {
      reading.volume = book;
      reading.title.push(token, tokens[at + 1]!);
      return ['title', 2];
    }
  }
  series.push(token);
  return ['series', 1];
};

const readAfterVolume: Step = (reading, at) => {
  const { tokens, afterVolume } = reading;
  const token = tokens[at]!;
  const marked = isMarker(token) ? markedNumberAt(tokens, at + 1) : undefined;
  if (marked !== undefined) return ['title', marked - at + takeIssue(reading, marked)];
  // "v1 Annual #01", "V1-#067", "v6 - 10": the number is the issue; "Vol. 01 - Title 2" keeps it in the title.
  const titled = reading.afterVolumeWords && reading.afterVolumeSeparated;
  // A '#' issue wins over bare numbers here too ("v2 Part 2 #5"); after "Vol. 01 - Title" only a '#' does.
  if (token.kind === 'issue' || (token.kind === 'number' && !reading.facts.marked && !titled)) {
    if (titled) append(reading.title, afterVolume);
    else append(reading.series, afterVolume.filter((t) => (t.kind === 'word' || t.kind === 'number') && !isVolumeWord(t) && !isVolumeToken(t)));
    afterVolume.length = 0;
    return ['title', takeIssue(reading, at)];
  }
  afterVolume.push(token);
  reading.afterVolumeWords ||= token.kind === 'word';
  reading.afterVolumeSeparated ||= token.kind === 'dash' && token.spaced;
  return ['volume', 1];
};

const readTitle: Step = (reading, at) => {
  const { tokens, title } = reading;
  const token = tokens[at]!;
  const of = tokens[at + 1]?.kind === 'group' ? /^of (\d+)$/i.exec(tokens[at + 1]!.text) : null;
  // "#008 - Simple Truth 03 (of 06)": a number and "(of N)" inside the title are its volume.
  if (token.kind === 'number' && of && /^\d+$/.test(token.text)) {
    reading.volume ??= token.text;
    return ['title', 2];
  }
  title.push(token);
  return ['title', 1];
};

const readTail: Step = (reading, at) => {
  const token = reading.tokens[at]!;
  // "Series (2000) 001 Title": the issue may come after the first group.
  if (reading.issue === undefined && reading.tail.length === 0 && (token.kind === 'number' || token.kind === 'issue')) {
    return ['tail', takeIssue(reading, at)];
  }
  reading.tail.push(token);
  return ['tail', 1];
};

const STEPS: Readonly<Record<State, Step>> = { series: readSeries, volume: readAfterVolume, title: readTitle, tail: readTail };

/** push(...items) without the argument limit a hostile name (100,000 tokens) would hit. */
function append(target: Token[], items: readonly Token[]): void {
  for (const item of items) target.push(item);
}

/** Tokens back to text, with a space where the name had one. */
function joinTokens(tokens: readonly Token[]): string {
  let text = '';
  tokens.forEach((token, at) => {
    text += (at > 0 && token.spaced ? ' ' : '') + token.text;
  });
  return text;
}

const LEADING = new Set([' ', '-', '–', '—', ':', ',', '.']);
const TRAILING = new Set([' ', '-', '–', '—', ':', ',']);

/** Separators off both ends; a trailing dot stays ("K.O."). A loop, not a regex: linear on any name. */
function trimSeparators(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && LEADING.has(text[start]!)) start++;
  while (end > start && TRAILING.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

function finish(reading: Reading): FilenameFields {
  const fields: FilenameFields = {};
  const series = trimSeparators(joinTokens(reading.series)).replace(/^'(?=\p{L})/u, '');
  if (series !== '') fields.series = series;
  if (reading.volume !== undefined) fields.volume = reading.volume;
  readGroups(reading, fields);
  fields.issue = reading.issue ?? fields.issue;
  fields.count = reading.count ?? fields.count;
  const title = routeTags(trimSeparators(joinTokens(reading.title)) || trimSeparators(joinTokens(reading.tail)), fields);
  const chosen = title || reading.groupTitle?.text;
  if (chosen) fields.title = chosen;
  readDates(reading, fields);
  return fields;
}

function readGroups(reading: Reading, fields: FilenameFields): void {
  for (const fact of reading.groups) {
    if (fact.kind === 'count') {
      fields.count = fact.count;
      fields.issue ??= fact.issue;
    } else if (fact.kind === 'issue') fields.issue ??= fact.issue;
    else if (fact.kind === 'years') fields.volume ??= fact.start;
    else if (fact.kind === 'format') {
      fields.format = fact.format;
      if (fact.scanner !== undefined) fields.scanInfo = fact.scanner;
    } else if (fact.kind === 'scan' && fact !== reading.groupTitle) fields.scanInfo = fact.text;
  }
}

/** One year: the first; two or more and no volume: "Series (1957) #92 (1969)" is volume 1957, published 1969. */
function readDates(reading: Reading, fields: FilenameFields): void {
  const { dates } = reading;
  const first = dates[0];
  if (first === undefined) return;
  const published = dates.length > 1 && fields.volume === undefined ? dates[dates.length - 1]! : first;
  if (published !== first) fields.volume = first.year;
  fields.year = published.year;
  const dated = published.month !== undefined ? published : dates.find((date) => date.month !== undefined && date.year === published.year);
  if (dated?.month !== undefined) fields.month = dated.month;
  if (dated?.day !== undefined) fields.day = dated.day;
}

/** Tags written without brackets at the ends of a title ("#090 c2c", "repaired c2c") are not title words. */
function routeTags(title: string, fields: FilenameFields): string {
  const words = title.split(' ').filter(Boolean);
  for (let word = words.at(-1)?.toLowerCase(); word !== undefined; word = words.at(-1)?.toLowerCase()) {
    if (SCAN_TAGS.has(word)) fields.scanInfo ??= word;
    else if (FORMATS[word]) fields.format ??= FORMATS[word];
    else break;
    words.pop();
  }
  let first = 0;
  for (; first < words.length && SCAN_TAGS.has(words[first]!.toLowerCase()); first++) fields.scanInfo ??= words[first]!.toLowerCase();
  return trimSeparators(words.slice(first).join(' '));
}
