import { createCleaner } from '../clean/cleaner';
import { decodeEntities } from '../clean/names';
import type { MetadataPatch } from '../patch';
import { lex } from './lexer';
import { parseTokens } from './parser';

/**
 * The file name as a metadata source, the lowest precedence. Names follow loose scene
 * conventions: `Series v2 #012 - Title (2019) (Digital) (Group).cbz`. The lexer cuts the name
 * into tokens (words, numbers, '#' issues, dashes, bracket groups, dates); the parser walks them
 * in the order names are written (series, volume, issue, title, then what follows the groups).
 * The README's "File names" section lists every rule.
 */

const COMIC_EXTENSION = /\.(cbz|cbr|cb7|cbt|cba|pdf|zip|rar|7z|tar|epub)$/i;

export function parseFilename(fileName: string, warnings: string[] = []): MetadataPatch {
  const clean = createCleaner('filename', warnings);
  const text = decodeEntities(fileName.replace(COMIC_EXTENSION, '')).replace(/[_\s]+/g, ' ').trim();
  const fields = parseTokens(lex(text));
  const issue = clean.issue('issue', fields.issue);
  return {
    series: clean.name('series', fields.series),
    volume: clean.count('volume', fields.volume),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    volumeIssueCount: clean.count('count', fields.count),
    ...clean.date({ year: 'year', month: 'month', day: 'day' }, { year: fields.year, month: fields.month, day: fields.day }),
    title: clean.name('title', fields.title),
    originalFormat: clean.name('format', fields.format),
    scanInfo: clean.name('scan', fields.scanInfo),
  };
}
