import { cleanCountry } from './country';
import { cleanDay, cleanMonth, cleanYear, type DateParts } from './dates';
import { parseIssueNumber, type IssueNumber } from './issue-number';
import { cleanLanguage } from './language';
import { nameKey, splitList, uniqueBy } from './lists';
import { cleanName, cleanText } from './names';
import { cleanDecimal, cleanInteger, COUNT_RANGE, RATING_RANGE } from './numbers';
import type { Cleaned } from './result';

/**
 * The pure cleaners bound to one source's warning list: each method takes the field's name as
 * the source spells it and a raw value, returns the clean value or undefined, and records any
 * problem as "<source>: <Field> <problem>", e.g. "comicinfo: Month '13' is not a valid month".
 */
export type Cleaner = ReturnType<typeof createCleaner>;

/** Problems listed per field; a list of 50,000 bad names must not become 50,000 warnings. */
const MAX_WARNINGS_PER_FIELD = 3;

export function createCleaner(source: string, warnings: string[]) {
  const counts = new Map<string, number>();
  function warn(field: string, problem: string): void {
    const count = (counts.get(field) ?? 0) + 1;
    counts.set(field, count);
    if (count <= MAX_WARNINGS_PER_FIELD) warnings.push(`${source}: ${field} ${problem}`);
    else if (count === MAX_WARNINGS_PER_FIELD + 1) warnings.push(`${source}: ${field} has more problems, not listed`);
  }
  function take<T>(field: string, cleaned: Cleaned<T>): T | undefined {
    if (cleaned.problem !== undefined) warn(field, cleaned.problem);
    return cleaned.value;
  }
  const name = (field: string, raw: unknown): string | undefined => take(field, cleanName(raw));
  const names = (field: string, raws: unknown[]): string[] =>
    uniqueBy(
      raws.map((raw) => name(field, raw)).filter((value): value is string => value !== undefined),
      nameKey,
    );

  return {
    warn,
    /** Free text (summary, notes, review): trimmed and decoded, never cut. */
    text: (field: string, raw: unknown): string | undefined => take(field, { value: cleanText(raw) }),
    name,
    /** Names that arrive one per element (MetronInfo, CoMet): cleaned, not split on commas. */
    names,
    /** A comma/semicolon separated list in one value (ComicInfo, ComicBookInfo). */
    list: (field: string, raw: unknown): string[] => names(field, splitList(raw)),
    count: (field: string, raw: unknown): number | undefined => take(field, cleanInteger(raw, COUNT_RANGE)),
    rating: (field: string, raw: unknown): number | undefined => take(field, cleanDecimal(raw, RATING_RANGE)),
    issue: (field: string, raw: unknown): IssueNumber | undefined => take(field, parseIssueNumber(raw)),
    language: (field: string, raw: unknown): string | undefined => take(field, cleanLanguage(raw)),
    country: (field: string, raw: unknown): string | undefined => take(field, cleanCountry(raw)),
    /** Year, month and day as one date: a bad part is dropped, the others stay. */
    date(fields: { year: string; month: string; day: string }, raw: { year?: unknown; month?: unknown; day?: unknown }): DateParts {
      const year = take(fields.year, cleanYear(raw.year));
      const month = take(fields.month, cleanMonth(raw.month));
      const day = take(fields.day, cleanDay(raw.day, month, year));
      return { ...(year !== undefined && { year }), ...(month !== undefined && { month }), ...(day !== undefined && { day }) };
    },
  };
}
