import { NAME_MAX } from '../limits';
import { cutToLength, decodeEntities } from './names';
import { quote, type Cleaned } from './result';

export interface IssueNumber {
  /** The decimal part: 1.5 for "1½", 0 for "0", -1 for "-1". */
  number?: number;
  /** What follows the number ("AU" in "004AU"), or the whole text when there is no number. */
  suffix?: string;
}

/** Sign, digits, decimals, a half, then the rest. Every part may be missing. */
const LEADING_NUMBER = /^(-?)(\d*)(?:\.(\d+))?(½)?(.*)$/su;

/** Separators between a number and its suffix that carry nothing: "78.BEY", "12-B", "5 AU". */
const SUFFIX_SEPARATORS = /^[\s.\-_:]+/;

/** "1 1/2" and "1/2" are written-out halves; "½" is the one form the number pattern reads. */
function normalizeHalves(text: string): string {
  return text.replace(/(\d)\s+1\/2$/, '$1½').replace(/^(-?)1\/2(?!\d)/, '$1½');
}

/**
 * Issue "numbers" as files write them: "#012", "1½", "1/2", "004AU", "-1", "0", "1.5",
 * "78.BEY", "∞", "Annual". '#' and surrounding spaces are dropped and leading zeros go, so "012"
 * is 12; issue 0 is a real issue. Text with no leading number is kept whole as the suffix, so
 * "∞" and "Alpha" still display and sort; a number too large to be finite is a problem.
 */
export function parseIssueNumber(raw: unknown): Cleaned<IssueNumber> {
  if (typeof raw !== 'string' && typeof raw !== 'number') return {};
  const text = normalizeHalves(decodeEntities(String(raw)).replace(/#/g, '').trim());
  if (text === '') return {};
  const [, sign = '', whole = '', decimals, half, rest = ''] = LEADING_NUMBER.exec(text) ?? [];
  if (whole === '' && decimals === undefined && half === undefined) {
    return { value: { suffix: cutToLength(text.replace(/\s+/g, ' '), NAME_MAX) } };
  }
  const magnitude = Number(`${whole || '0'}.${decimals ?? '0'}`) + (half === undefined ? 0 : 0.5);
  if (!Number.isFinite(magnitude)) return { problem: `${quote(raw)} is not a usable issue number` };
  const number = sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
  const suffix = rest.replace(SUFFIX_SEPARATORS, '').trim();
  return { value: suffix === '' ? { number } : { number, suffix: cutToLength(suffix, NAME_MAX) } };
}

/** The canonical text of an issue, for reprint rows: 1 -> "1", 1.5 -> "1.5", 4 + "AU" -> "4AU". */
export function formatIssue({ number, suffix }: IssueNumber): string | undefined {
  const text = `${number ?? ''}${suffix ?? ''}`;
  return text === '' ? undefined : text;
}
