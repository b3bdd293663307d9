import type { Token } from './lexer';
import { YEAR } from './lexer';
import { ISSUE_MARKERS, VOLUME_TOKEN, VOLUME_WORDS } from './vocabulary';

/**
 * Which bare number (no '#') in the series text is the issue. A number "ends the head" when the
 * name stops, a bracket group, a date, a " - " separator or "of N" follows it: that is a strong
 * issue. A number followed by words may open a title (`Karl May 001 Old Shatterhand`) or belong
 * to the name (`Night of 1000 Wolves 001`): that is a weak issue, taken only when nothing says
 * it is part of the name.
 */
export type NumberRole = 'issue' | 'series' | 'drop';

export interface HeadFacts {
  /** A '#' number or a marker word (`issue`, `Chapter`) names the issue: bare numbers are the name's. */
  marked: boolean;
  /** A year in brackets: a trailing year-like number ("Spider-Man 2099 (2014)") is the name's. */
  bracketYear: boolean;
  ahead: Lookahead;
}

/**
 * For each token, what comes after it before the next group: a strong number, a zero-padded
 * strong number, a volume. Read once, backwards, so that a name is read in linear time.
 */
export interface Lookahead {
  strong: boolean[];
  padded: boolean[];
  volume: boolean[];
}

const isYearLike = (text: string): boolean => YEAR.test(text);
const isPadded = (text: string): boolean => /^0\d/.test(text);

export const isMarker = (token: Token | undefined): boolean => token?.kind === 'word' && ISSUE_MARKERS.has(token.lower);
export const isVolumeWord = (token: Token | undefined): boolean => token?.kind === 'word' && VOLUME_WORDS.has(token.lower);
/** The first letters a volume token can start with: a cheap test before the pattern. */
const VOLUME_INITIALS = new Set(['v', 'V', 't', 'T']);
export const isVolumeToken = (token: Token | undefined): boolean =>
  token?.kind === 'word' && VOLUME_INITIALS.has(token.text[0]!) && VOLUME_TOKEN.test(token.text);

/** A dash that separates parts: a space on either side ("A - B", "A- B"), or at the end. */
function isSeparator(tokens: readonly Token[], at: number): boolean {
  const token = tokens[at];
  if (token?.kind !== 'dash') return false;
  const next = tokens[at + 1];
  return token.spaced || next === undefined || next.spaced;
}

/** "2 of 5" after a number: the count of issues, or undefined. */
export function ofCountAt(tokens: readonly Token[], at: number): string | undefined {
  const word = tokens[at];
  const count = tokens[at + 1];
  return word?.kind === 'word' && word.lower === 'of' && count?.kind === 'number' && /^\d+$/.test(count.text) ? count.text : undefined;
}

function endsHead(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at];
  if (next === undefined) return true;
  return next.kind === 'group' || next.kind === 'date' || next.kind === 'colon' || next.kind === 'comma' || isSeparator(tokens, at);
}

const isStrong = (tokens: readonly Token[], at: number): boolean => endsHead(tokens, at + 1) || ofCountAt(tokens, at + 1) !== undefined;

/** "IG-88", "100-Page": a number hyphen-joined to a word is part of that word. */
function isJoined(tokens: readonly Token[], at: number): boolean {
  const number = tokens[at]!;
  const before = tokens[at - 1];
  const after = tokens[at + 1];
  const joinedBefore = before?.kind === 'dash' && !before.spaced && !number.spaced && tokens[at - 2]?.kind === 'word';
  const joinedAfter = after?.kind === 'dash' && !after.spaced && tokens[at + 2]?.kind === 'word' && !tokens[at + 2]!.spaced;
  return joinedBefore || joinedAfter;
}

export function lookahead(tokens: readonly Token[]): Lookahead {
  const ahead: Lookahead = { strong: [], padded: [], volume: [] };
  for (let at = tokens.length - 1; at >= 0; at--) {
    const next = tokens[at + 1];
    if (next === undefined || next.kind === 'group') {
      ahead.strong[at] = ahead.padded[at] = ahead.volume[at] = false;
      continue;
    }
    const strong = next.kind === 'number' && isStrong(tokens, at + 1) && !isJoined(tokens, at + 1);
    ahead.strong[at] = strong || ahead.strong[at + 1]!;
    ahead.padded[at] = (strong && isPadded(next.text)) || ahead.padded[at + 1]!;
    ahead.volume[at] = isVolumeToken(next) || isVolumeWord(next) || ahead.volume[at + 1]!;
  }
  return ahead;
}

/** The role of the bare number at `at`, read in the series; `first` when no series word precedes it. */
export function numberRole(tokens: readonly Token[], at: number, first: boolean, facts: HeadFacts): NumberRole {
  const text = tokens[at]!.text;
  const next = tokens[at + 1];
  // A leading number is part of the name ("2000 AD", "451"), or a reading order before " - ".
  if (first) return isSeparator(tokens, at + 1) && tokens[at + 2] !== undefined ? 'drop' : 'series';
  if (facts.marked || isJoined(tokens, at)) return 'series';
  // "Invincible 001-003": a range of issues starts with its first, padded or not (the padded end
  // must not make the start the name's, as in "The 4 Horsemen 001").
  const dash = tokens[at + 1];
  const end = tokens[at + 2];
  if (dash?.kind === 'dash' && !dash.spaced && end?.kind === 'number' && !end.spaced && /^\d+$/.test(text) && !isYearLike(text)) return 'issue';
  if (isStrong(tokens, at)) {
    if (!isYearLike(text)) return 'issue';
    const atEnd = next === undefined || next.kind === 'group';
    // "Cyberpunk 2077 - Title 02", "Batman Beyond 2016 - Chapter 001": the year-like number is the name's.
    if (atEnd ? facts.bracketYear : isSeparator(tokens, at + 1) && facts.ahead.strong[at]) return 'series';
    return 'issue';
  }
  // "The Magic Order 2 06": the second number ends the head, so the first is the name's;
  // "Michel Vaillant 42 300 kmu door Parijs": the second opens the title.
  if (next?.kind === 'number') return isStrong(tokens, at + 1) || isYearLike(text) ? 'series' : 'issue';
  if (isYearLike(text) || (text.length >= 4 && !isPadded(text))) return 'series';
  return facts.ahead.padded[at] || facts.ahead.volume[at] ? 'series' : 'issue';
}
