import { joinTokens } from './text';
import { monthNumber, NOT_ISSUE_SUFFIXES } from './vocabulary';

/**
 * The lexer cuts a cleaned file name (no extension, underscores as spaces) into tokens. It knows
 * shapes, not meanings: which number is the issue is the parser's call.
 *
 * - `word`: anything that is not one of the others ("Spider", "K.O.", "'89", "80th", "F#&%ed")
 * - `number`: "012", "1.5", "½", "1/2", "004AU", "078.BEY"
 * - `issue`: a number or word marked by '#' ("#012", "#B01", "#-1"); the text is without '#'
 * - `dash`: "-", "–", "—" or a run of them; `spaced` says whether a space came before
 * - `colon`, `comma`: trailing punctuation of a word
 * - `group`: the text inside balanced (), [] or {}
 * - `date`: a date written outside brackets ("2001-02-24", "02-24-2001", "Sep-Oct 1951")
 */
export type TokenKind = 'word' | 'number' | 'issue' | 'dash' | 'colon' | 'comma' | 'group' | 'date';

export interface Token {
  kind: TokenKind;
  text: string;
  /** The text in lower case, made once: the parser compares words to its vocabulary many times. */
  lower: string;
  /** Whether whitespace (or a dropped bracket) came before the token. */
  spaced: boolean;
  year?: string;
  month?: number;
  day?: string;
}

/** Every token has the same fields, dates or not: one object shape keeps the parser's reads fast. */
const makeToken = (kind: TokenKind, text: string, spaced: boolean): Token => ({
  kind, text, lower: text.toLowerCase(), spaced, year: undefined, month: undefined, day: undefined,
});

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const BRACKETS = new Set(['(', ')', '[', ']', '{', '}']);
const DASHES = new Set(['-', '–', '—']);
/** A run of text up to the next space or bracket. */
const RUN = /[^ ()[\]{}]+/y;

const NUMBER = /^(?:\d+(?:\.\d+)?½?|\d*½|\d+\/\d+)$/;
/** A number with a suffix: "004AU", "27au", "078.BEY", "8ste" (the last one is not an issue; see NOT_ISSUE_SUFFIXES). */
const SUFFIXED_NUMBER = /^\d+(?:\.\d+)?(\.?)(\p{L}{1,4})$/u;
/** What follows '#': "012", "-1", "B01", "78.BEY", "0.0.1", "½". */
const MARKED = /^-?[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*/u;
/** Two words joined by a dot, "Avengers.Hulk": a space in disguise (acronyms like "K.O." stay). */
const DOTTED_WORDS = /^(\p{L}{2,})\.(\p{L}{2,})$/u;
export const ISO_DATE = /^((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?$/;
const US_DATE = /^(\d\d)-(\d\d)-((?:19|20)\d\d)$/;
export const YEAR = /^(?:1[89]\d\d|20\d\d)$/;

export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let spaced = false;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === ' ') {
      spaced = true;
      at++;
      continue;
    }
    if (BRACKETS.has(char)) {
      // A stray closer is noise; an opener that is never closed ("(digital (Group)", "title (DC")
      // still opens a group, which ends where the next one opens.
      if (char in OPENERS) {
        const close = groupEnd(text, at);
        tokens.push(makeToken('group', text.slice(at + 1, close).trim(), spaced));
        at = text[close] === OPENERS[char] ? close + 1 : close;
        spaced = true;
      } else at++;
      continue;
    }
    RUN.lastIndex = at;
    const run = RUN.exec(text)![0];
    const end = at + run.length;
    const first = tokens.length;
    lexRun(run, spaced, tokens);
    // "# 001": a lone '#' marks the number after it.
    if (tokens[first - 1]?.text === '#' && tokens[first]?.kind === 'number') {
      tokens[first]!.kind = 'issue';
      tokens[first]!.spaced = tokens[first - 1]!.spaced;
      tokens.splice(first - 1, 1);
    }
    spaced = false;
    at = end;
  }
  return joinMonthDates(joinHalves(tokens));
}

/** "1 1/2" is one number, one and a half. */
function joinHalves(tokens: Token[]): Token[] {
  return tokens.filter((token, at) => {
    const previous = tokens[at - 1];
    if (token.kind !== 'number' || token.text !== '1/2' || previous?.kind !== 'number' || !/^\d+$/.test(previous.text)) return true;
    previous.text += ' 1/2';
    return false;
  });
}

/** Where the group opened at `open` ends: its closer, the next opener, or the end of the name. */
function groupEnd(text: string, open: number): number {
  const closer = OPENERS[text[open]!];
  let at = open + 1;
  while (at < text.length && text[at] !== closer && !(text[at]! in OPENERS)) at++;
  return at;
}

/** One run of text between spaces and brackets: "X-Men-V1-#067", "#001-cix", "Now:", "2001-02-24". */
function lexRun(run: string, spaced: boolean, tokens: Token[]): void {
  const date = run.length >= 7 && run[0]! >= '0' && run[0]! <= '9' ? (ISO_DATE.exec(run) ?? US_DATE.exec(run)) : null;
  if (date) {
    const iso = date[1]!.length === 4;
    const [year, month, day] = iso ? [date[1]!, date[2]!, date[3]] : [date[3]!, date[1]!, date[2]];
    tokens.push({ ...makeToken('date', run, spaced), year, month: Number(month), day });
    return;
  }
  let rest = run;
  let first = spaced;
  if (rest.startsWith('#')) {
    const marked = MARKED.exec(rest.slice(1));
    if (marked) {
      tokens.push(makeToken('issue', marked[0], spaced));
      rest = rest.slice(1 + marked[0].length);
      first = false;
    }
  }
  let start = 0;
  for (let at = 0; at <= rest.length; at++) {
    const char = rest[at];
    const isDash = char !== undefined && DASHES.has(char);
    const isLast = at === rest.length - 1;
    const ending = (char === ',' || char === ':') && isLast && at > start;
    if (!isDash && !ending && at < rest.length) continue;
    if (at > start) {
      pushPart(rest.slice(start, at), first, tokens);
      first = false;
    }
    if (isDash) {
      // "--" is one separator, not two.
      if (at > 0 && at === start && DASHES.has(rest[at - 1]!)) tokens.at(-1)!.text += char;
      else tokens.push(makeToken('dash', char, first));
      first = false;
    } else if (ending) tokens.push(makeToken(char === ',' ? 'comma' : 'colon', char, false));
    start = at + 1;
  }
}

function pushPart(part: string, spaced: boolean, tokens: Token[]): void {
  // "X-Men-V1-#067": a marked issue joined by a dash.
  const marked = part.startsWith('#') ? MARKED.exec(part.slice(1)) : null;
  if (marked && marked[0].length === part.length - 1) {
    tokens.push(makeToken('issue', marked[0], spaced));
    return;
  }
  const dotted = part.includes('.') ? DOTTED_WORDS.exec(part) : null;
  if (dotted) {
    tokens.push(makeToken('word', dotted[1]!, spaced), makeToken('word', dotted[2]!, true));
    return;
  }
  tokens.push(makeToken(isNumber(part) ? 'number' : 'word', part, spaced));
}

function isNumber(part: string): boolean {
  const first = part[0]!;
  if (!((first >= '0' && first <= '9') || first === '½')) return false;
  if (NUMBER.test(part)) return true;
  const suffixed = SUFFIXED_NUMBER.exec(part);
  // After a dot any letters are a suffix ("78.BEY"); joined letters must not read as an ordinal or a unit.
  return suffixed !== null && (suffixed[1] === '.' || !NOT_ISSUE_SUFFIXES.has(suffixed[2]!.toLowerCase()));
}

/** "Sep 1951", "Sep-Oct 1951", "January 2022" outside brackets: one date token. */
function joinMonthDates(tokens: Token[]): Token[] {
  const joined: Token[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    const month = token.kind === 'word' && tokens[at + 1] !== undefined ? monthNumber(token.text) : undefined;
    if (month !== undefined) {
      const ranged = tokens[at + 1]?.kind === 'dash' && !tokens[at + 1]!.spaced && monthNumber(tokens[at + 2]?.text ?? '') !== undefined;
      const yearAt = at + (ranged ? 3 : 1);
      const year = tokens[yearAt];
      if (year?.kind === 'number' && year.spaced && YEAR.test(year.text)) {
        joined.push({ ...makeToken('date', joinTokens(tokens.slice(at, yearAt + 1)), token.spaced), year: year.text, month });
        at = yearAt;
        continue;
      }
    }
    joined.push(token);
  }
  return joined;
}
