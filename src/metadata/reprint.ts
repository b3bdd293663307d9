import type { Cleaner } from './clean/cleaner';
import { formatIssue } from './clean/issue-number';
import { parseFilename } from './filename';
import type { Reprint } from './schema';

/**
 * A reprint named the way MetronInfo and CoMet (isVersionOf) write it: "Series #001 (2002)" or
 * "Series (1950) #1". Those are the file-name conventions, so the file-name parser reads them;
 * a year in parentheses is the series' volume, as in year-named volumes.
 */
export function parseReprint(text: string, clean: Cleaner): Reprint | undefined {
  const parsed = parseFilename(text);
  const seriesName = clean.name('Reprint', parsed.series ?? text);
  if (seriesName === undefined) return undefined;
  const issue = formatIssue({ number: parsed.issueNumber, suffix: parsed.issueSuffix });
  const volumeNumber = parsed.volume ?? parsed.year;
  return {
    seriesName,
    ...(volumeNumber !== undefined && { volumeNumber }),
    ...(issue !== undefined && { issue }),
  };
}
