import { parseInteger } from './numbers';
import { quote, type Cleaned } from './result';

export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(month: number, year?: number): number {
  if (month === 2 && year !== undefined && !isLeapYear(year)) return 28;
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

export function cleanYear(raw: unknown): Cleaned<number> {
  const parsed = parseInteger(raw);
  if (parsed.value === undefined) return parsed;
  return parsed.value >= 1 && parsed.value <= 9999 ? parsed : { problem: `${quote(raw)} is not a valid year` };
}

export function cleanMonth(raw: unknown): Cleaned<number> {
  const parsed = parseInteger(raw);
  if (parsed.value === undefined) return parsed;
  return parsed.value >= 1 && parsed.value <= 12 ? parsed : { problem: `${quote(raw)} is not a valid month` };
}

/** A day is checked against its month and year when they are known: Feb 30 and Feb 29, 2023 go. */
export function cleanDay(raw: unknown, month?: number, year?: number): Cleaned<number> {
  const parsed = parseInteger(raw);
  if (parsed.value === undefined) return parsed;
  const last = month === undefined ? 31 : daysInMonth(month, year);
  return parsed.value >= 1 && parsed.value <= last ? parsed : { problem: `${quote(raw)} is not a valid day` };
}

/**
 * ISO-style dates as CoMet, MetronInfo and XMP write them: "1950-12-01", "1950-12", "1950",
 * also with a time ("2011-08-31T00:00:00Z") or slashes. Returns the raw parts (as strings) for the
 * part cleaners, or undefined when the text is not a date at all.
 */
export function splitIsoDate(text: string): { year: string; month?: string; day?: string } | undefined {
  const match = /^\s*(-?\d{1,5})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ].*)?\s*$/.exec(text);
  if (!match) return undefined;
  const [, year = '', month, day] = match;
  return { year, ...(month !== undefined && { month }), ...(day !== undefined && { day }) };
}
