import type { Reading, ScanFact } from './reading';
import { joinTokens, trimSeparators } from './text';
import { FORMATS, SCAN_TAGS } from './vocabulary';

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

/** The reading, done: series and title as text, groups and dates as fields. */
export function finish(reading: Reading): FilenameFields {
  const fields: FilenameFields = {};
  const joined = trimSeparators(joinTokens(reading.series));
  // A quote opening the name ("'Batman - Superman") is not the series'; one opening "'89" is.
  const series = joined.startsWith("'") ? joined.replace(/^'(?=\p{L})/u, '') : joined;
  if (series !== '') fields.series = series;
  if (reading.volume !== undefined) fields.volume = reading.volume;
  // The issue is taken once; a Title Case group before it is the title (pendingTitle is set only while there is none).
  const groupTitle = reading.issue === undefined ? undefined : reading.pendingTitle;
  readGroups(reading, groupTitle, fields);
  fields.issue = reading.issue ?? fields.issue;
  fields.count = reading.count ?? fields.count;
  const title = routeTags(trimSeparators(joinTokens(reading.title)) || trimSeparators(joinTokens(reading.tail)), fields);
  const chosen = title || groupTitle?.text;
  if (chosen) fields.title = chosen;
  readDates(reading, fields);
  return fields;
}

function readGroups(reading: Reading, groupTitle: ScanFact | undefined, fields: FilenameFields): void {
  for (const fact of reading.groups) {
    if (fact.kind === 'count') {
      fields.count = fact.count;
      fields.issue ??= fact.issue;
    } else if (fact.kind === 'issue') fields.issue ??= fact.issue;
    else if (fact.kind === 'years') fields.volume ??= fact.start;
    else if (fact.kind === 'format') {
      fields.format = fact.format;
      if (fact.scanner !== undefined) fields.scanInfo = fact.scanner;
    } else if (fact.kind === 'scan' && fact !== groupTitle) fields.scanInfo = fact.text;
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
