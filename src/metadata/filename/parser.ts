import { finish, type FilenameFields } from './fields';
import { readGroup, type GroupFact } from './groups';
import type { Token } from './lexer';
import { isMarker, isVolumeToken, isVolumeWord, lookahead, numberRole, ofCountAt, type HeadFacts } from './numbers';
import type { Reading, State } from './reading';
import { append } from './text';
import { NUMBER_WORDS, VOLUME_TOKEN } from './vocabulary';

/** A step reads the token at `at`, moves `reading.state` when the token says so, and returns how many tokens it took. */
type Step = (reading: Reading, at: number) => number;

/**
 * The state machine: each token is read by the step of the current state, which says the next
 * state. Dates and bracket groups are read the same in every state; a group ends the head.
 */
export function parseTokens(tokens: readonly Token[]): FilenameFields {
  const groups = new Map<Token, GroupFact>();
  for (const token of tokens) if (token.kind === 'group') groups.set(token, readGroup(token.text));
  const reading: Reading = { state: 'series', tokens, facts: headFacts(tokens, groups), series: [], afterVolume: [], afterVolumeWords: false, afterVolumeSeparated: false, title: [], tail: [], dates: [], groups: [] };
  for (let at = 0; at < tokens.length; ) {
    const token = tokens[at]!;
    if (token.kind === 'date') {
      reading.dates.push({ year: token.year!, ...(token.month !== undefined && { month: token.month }), ...(token.day !== undefined && { day: token.day }) });
      at++;
    } else if (token.kind === 'group') {
      reading.state = readGroupFact(reading, groups.get(token)!);
      at++;
    } else at += STEPS[reading.state](reading, at);
  }
  if (reading.state === 'volume') append(reading.title, reading.afterVolume);
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
    }
    // A '#' issue wins wherever it is written ("Showcase 2001 (Hidden Realm) #001"); a marker word only in the head.
    marked ||= token.kind === 'issue' || (inHead && isMarker(token) && markedNumberAt(tokens, at + 1) !== undefined);
  });
  return { marked, bracketYear, ahead: lookahead(tokens) };
}

/** The number a marker word points at: `issue #25`, `Chapter 001`, `chapter-123`. */
function markedNumberAt(tokens: readonly Token[], at: number): number | undefined {
  const skip = tokens[at]?.kind === 'dash' ? 1 : 0;
  const kind = tokens[at + skip]?.kind;
  return kind === 'number' || kind === 'issue' ? at + skip : undefined;
}

function readGroupFact(reading: Reading, fact: GroupFact): State {
  const { state } = reading;
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
  if (tokens[at]?.lower !== 'book') return undefined;
  const number = tokens[at + 1];
  const after = tokens[at + 2];
  if (number === undefined || (after !== undefined && after.kind !== 'group')) return undefined;
  if (number.kind === 'number' && /^\d+$/.test(number.text)) return number.text;
  const word = NUMBER_WORDS[number.lower];
  return number.kind === 'word' && word !== undefined ? String(word) : undefined;
}

/** Go to `state`, having taken `taken` tokens. */
function move(reading: Reading, state: State, taken: number): number {
  reading.state = state;
  return taken;
}

const readSeries: Step = (reading, at) => {
  const { tokens, series } = reading;
  const token = tokens[at]!;
  if (token.kind === 'issue') return move(reading, 'title', takeIssue(reading, at));
  if (token.kind === 'number') {
    const role = numberRole(tokens, at, series.length === 0, reading.facts);
    if (role === 'issue') return move(reading, 'title', takeIssue(reading, at));
    if (role === 'series') series.push(token);
    return move(reading, 'series', 1);
  }
  const marked = isMarker(token) ? markedNumberAt(tokens, at + 1) : undefined;
  if (marked !== undefined) return move(reading, 'title', marked - at + takeIssue(reading, marked));
  if (series.length > 0) {
    const volume = volumeAt(tokens, at);
    if (volume) {
      reading.volume = volume[0];
      return move(reading, 'volume', volume[1]);
    }
    const book = bookAt(tokens, at);
    if (book !== undefined) {
      reading.volume = book;
      reading.title.push(token, tokens[at + 1]!);
      return move(reading, 'title', 2);
    }
  }
  series.push(token);
  return move(reading, 'series', 1);
};

const readAfterVolume: Step = (reading, at) => {
  const { tokens, afterVolume } = reading;
  const token = tokens[at]!;
  const marked = isMarker(token) ? markedNumberAt(tokens, at + 1) : undefined;
  if (marked !== undefined) return move(reading, 'title', marked - at + takeIssue(reading, marked));
  // "v1 Annual #01", "V1-#067", "v6 - 10": the number is the issue, the words the series'. A '#'
  // issue wins over bare numbers here too ("v2 Part 2 #5"); after "Vol. 01 - Title 2" only a '#' does.
  const titled = reading.afterVolumeWords && reading.afterVolumeSeparated;
  if (token.kind === 'issue' || (token.kind === 'number' && !reading.facts.marked && !titled)) {
    if (titled) append(reading.title, afterVolume);
    else append(reading.series, afterVolume.filter((t) => (t.kind === 'word' || t.kind === 'number') && !isVolumeWord(t) && !isVolumeToken(t)));
    afterVolume.length = 0;
    return move(reading, 'title', takeIssue(reading, at));
  }
  afterVolume.push(token);
  reading.afterVolumeWords ||= token.kind === 'word';
  reading.afterVolumeSeparated ||= token.kind === 'dash' && token.spaced;
  return move(reading, 'volume', 1);
};

const readTitle: Step = (reading, at) => {
  const { tokens, title } = reading;
  const token = tokens[at]!;
  const of = tokens[at + 1]?.kind === 'group' ? /^of (\d+)$/i.exec(tokens[at + 1]!.text) : null;
  // "#008 - Simple Truth 03 (of 06)": a number and "(of N)" inside the title are its volume.
  if (token.kind === 'number' && of && /^\d+$/.test(token.text)) {
    reading.volume ??= token.text;
    return move(reading, 'title', 2);
  }
  title.push(token);
  return move(reading, 'title', 1);
};

const readTail: Step = (reading, at) => {
  const token = reading.tokens[at]!;
  // "Series (2000) 001 Title": the issue may come after the first group.
  if (reading.issue === undefined && reading.tail.length === 0 && (token.kind === 'number' || token.kind === 'issue')) {
    return move(reading, 'tail', takeIssue(reading, at));
  }
  reading.tail.push(token);
  return move(reading, 'tail', 1);
};

const STEPS: Readonly<Record<State, Step>> = { series: readSeries, volume: readAfterVolume, title: readTitle, tail: readTail };
