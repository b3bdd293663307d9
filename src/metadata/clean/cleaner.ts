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
 * A class rather than a bag of closures: one is made per source per comic, and methods cost
 * nothing to make.
 */
export type Cleaner = SourceCleaner;

/** Problems listed per field; a list of 50,000 bad names must not become 50,000 warnings. */
const MAX_WARNINGS_PER_FIELD = 3;

export function createCleaner(source: string, warnings: string[]): Cleaner {
  return new SourceCleaner(source, warnings);
}

class SourceCleaner {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly source: string,
    private readonly warnings: string[],
  ) {}

  warn(field: string, problem: string): void {
    const count = (this.counts.get(field) ?? 0) + 1;
    this.counts.set(field, count);
    if (count <= MAX_WARNINGS_PER_FIELD) this.warnings.push(`${this.source}: ${field} ${problem}`);
    else if (count === MAX_WARNINGS_PER_FIELD + 1) this.warnings.push(`${this.source}: ${field} has more problems, not listed`);
  }

  private take<T>(field: string, cleaned: Cleaned<T>): T | undefined {
    if (cleaned.problem !== undefined) this.warn(field, cleaned.problem);
    return cleaned.value;
  }

  /** Free text (summary, notes, review): trimmed and decoded, never cut. */
  text(_field: string, raw: unknown): string | undefined {
    return cleanText(raw);
  }

  name(field: string, raw: unknown): string | undefined {
    return this.take(field, cleanName(raw));
  }

  /** Names that arrive one per element (MetronInfo, CoMet): cleaned, not split on commas. */
  names(field: string, raws: unknown[]): string[] {
    const cleaned: string[] = [];
    for (const raw of raws) {
      const value = this.name(field, raw);
      if (value !== undefined) cleaned.push(value);
    }
    return uniqueBy(cleaned, nameKey);
  }

  /** A comma/semicolon separated list in one value (ComicInfo, ComicBookInfo). */
  list(field: string, raw: unknown): string[] {
    return this.names(field, splitList(raw));
  }

  count(field: string, raw: unknown): number | undefined {
    return this.take(field, cleanInteger(raw, COUNT_RANGE));
  }

  rating(field: string, raw: unknown): number | undefined {
    return this.take(field, cleanDecimal(raw, RATING_RANGE));
  }

  issue(field: string, raw: unknown): IssueNumber | undefined {
    return this.take(field, parseIssueNumber(raw));
  }

  language(field: string, raw: unknown): string | undefined {
    return this.take(field, cleanLanguage(raw));
  }

  country(field: string, raw: unknown): string | undefined {
    return this.take(field, cleanCountry(raw));
  }

  /** Year, month and day as one date: a bad part is dropped, the others stay. */
  date(fields: { year: string; month: string; day: string }, raw: { year?: unknown; month?: unknown; day?: unknown }): DateParts {
    const year = this.take(fields.year, cleanYear(raw.year));
    const month = this.take(fields.month, cleanMonth(raw.month));
    const day = this.take(fields.day, cleanDay(raw.day, month, year));
    return { ...(year !== undefined && { year }), ...(month !== undefined && { month }), ...(day !== undefined && { day }) };
  }
}
