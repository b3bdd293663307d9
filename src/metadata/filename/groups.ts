import { ISO_DATE, YEAR } from './lexer';
import { FORMATS, monthNumber, SCAN_TAGS } from './vocabulary';

/** What one bracketed group says. Anything not recognised names the scan or the scanner. */
export type GroupFact =
  | { kind: 'date'; year: string; month?: number; day?: string }
  | { kind: 'years'; start: string }
  | { kind: 'count'; count: string; issue?: string }
  | { kind: 'issue'; issue: string }
  | { kind: 'format'; format: string; scanner?: string }
  | { kind: 'scan'; text: string }
  | { kind: 'noise' };

/** "January 2022", "December, 2004", "Sep 1973", "Aug23'1940", "Sep-Oct 1951". */
const MONTH_YEAR = /^(\p{L}+)\.?(?:-\p{L}+\.?)?\s*(\d{1,2})?[\s,']*(\d{4})$/u;
/** "09-10 1943": months, then the year. */
const MONTHS_YEAR = /^(\d\d)(?:-\d\d)? (\d{4})$/;
/** "FCBD 2021", "Free Comic Book Day 2021": the event's year. */
const EVENT_YEAR = /^(?:fcbd|free comic book day) (\d{4})$/i;
/** "(2022-)", "(2020-2024)": the years a series ran; its start stands for the volume. */
const YEAR_RANGE = /^((?:19|20)\d\d) ?- ?((?:19|20)\d\d)?$/;
const OF_COUNT = /^(?:(\d+) )?of (\d+)$/i;
/** "2 covers", "2048px", "1": facts about the file, not the comic. */
const NOISE = /^(?:\d+ covers?|\d+px|\d+)$/i;

export function readGroup(text: string): GroupFact {
  if (YEAR.test(text)) return { kind: 'date', year: text };
  // "(02)": the issue only when the name has none elsewhere ("#080 (2019) (1)" is a copy number).
  if (/^\d{1,3}$/.test(text)) return { kind: 'issue', issue: text };
  if (text === '' || NOISE.test(text)) return { kind: 'noise' };
  // Dates, counts and issues hold digits or '#'; most groups ("Digital", "Zone-Empire") hold neither.
  const dated = text.startsWith('#') || /\d/.test(text) ? (readDate(text) ?? readCounted(text)) : undefined;
  return dated ?? readTag(text);
}

function readDate(text: string): GroupFact | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return { kind: 'date', year: iso[1]!, month: Number(iso[2]), ...(iso[3] !== undefined && { day: iso[3] }) };
  const named = MONTH_YEAR.exec(text);
  const month = named ? monthNumber(named[1]!) : undefined;
  if (named && month !== undefined && YEAR.test(named[3]!)) {
    return { kind: 'date', year: named[3]!, month, ...(named[2] !== undefined && { day: named[2] }) };
  }
  const numbered = MONTHS_YEAR.exec(text);
  if (numbered && YEAR.test(numbered[2]!)) return { kind: 'date', year: numbered[2]!, month: Number(numbered[1]) };
  const event = EVENT_YEAR.exec(text);
  if (event && YEAR.test(event[1]!)) return { kind: 'date', year: event[1]! };
  const range = YEAR_RANGE.exec(text);
  return range ? { kind: 'years', start: range[1]! } : undefined;
}

function readCounted(text: string): GroupFact | undefined {
  const of = OF_COUNT.exec(text);
  if (of) return { kind: 'count', count: of[2]!, ...(of[1] !== undefined && { issue: of[1] }) };
  // "(#02)": the issue, when the name has none outside brackets.
  if (/^#\S+$/.test(text)) return { kind: 'issue', issue: text.slice(1) };
  return undefined;
}

function readTag(text: string): GroupFact {
  const lower = text.toLowerCase();
  const format = FORMATS[lower];
  if (format) return { kind: 'format', format };
  const dash = lower.indexOf('-');
  const formatWord = FORMATS[lower.slice(0, dash)];
  // "digital-Empire", "TPB-Releaser": a format and the scanner in one group.
  if (dash > 0 && formatWord) return { kind: 'format', format: formatWord, scanner: text.slice(dash + 1).trim() };
  return { kind: 'scan', text: SCAN_TAGS.has(lower) ? lower : text };
}
