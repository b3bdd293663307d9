import { createCleaner, type Cleaner } from './clean/cleaner';
import { normalizeRole, uniqueCredits } from './clean/credits';
import { quote } from './clean/result';
import { parseDocument } from './comicbox-source';
import type { MetadataPatch } from './patch';
import type { Credit } from './schema';

/**
 * ComicBookInfo (ComicBookLover's JSON, in the zip or RAR comment or a comic-book-info.json) to a
 * patch. Fields live under "ComicBookInfo/1.0"; numbers may arrive as numbers or strings.
 * `rating` is not read: ComicBookLover stored the owner's own stars there, not a community
 * rating, and the record has no field for a personal rating. `pages` is not the page count.
 */
const ROOT_KEY = 'ComicBookInfo/1.0';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseComicBookInfo(json: string, warnings: string[]): MetadataPatch | undefined {
  const parsed = parseDocument(json, 'json');
  if (!parsed.ok) {
    warnings.push(`comicbookinfo: the JSON could not be parsed (${parsed.reason}); ignored`);
    return undefined;
  }
  return comicBookInfoOf(parsed.document, warnings);
}

/** An already parsed document (an archive comment is parsed once, then told apart from comicbox's). */
export function comicBookInfoOf(document: unknown, warnings: string[]): MetadataPatch | undefined {
  const info = isObject(document) ? document[ROOT_KEY] : undefined;
  if (!isObject(document) || !isObject(info)) {
    warnings.push(`comicbookinfo: the JSON has no "${ROOT_KEY}" object; ignored`);
    return undefined;
  }
  return readComicBookInfo(document, info, createCleaner('comicbookinfo', warnings));
}

function readComicBookInfo(document: Json, info: Json, clean: Cleaner): MetadataPatch {
  const issue = clean.issue('issue', scalar(info.issue));
  return {
    series: clean.name('series', scalar(info.series)),
    title: clean.name('title', scalar(info.title)),
    publisher: clean.name('publisher', scalar(info.publisher)),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    volume: clean.count('volume', scalar(info.volume)),
    volumeIssueCount: clean.count('numberOfIssues', scalar(info.numberOfIssues)),
    seriesVolumeCount: clean.count('numberOfVolumes', scalar(info.numberOfVolumes)),
    ...clean.date(
      { year: 'publicationYear', month: 'publicationMonth', day: 'publicationDay' },
      { year: scalar(info.publicationYear), month: scalar(info.publicationMonth), day: scalar(info.publicationDay) },
    ),
    genres: clean.list('genre', scalar(info.genre)),
    tags: clean.names('tags', Array.isArray(info.tags) ? info.tags : []),
    language: clean.language('language', scalar(info.language)),
    country: clean.country('country', scalar(info.country)),
    summary: clean.text('comments', scalar(info.comments)),
    credits: readCredits(info.credits, clean),
    tagger: clean.name('appID', scalar(document.appID)),
  };
}

/** Strings and numbers pass; objects, arrays, booleans and null are "not said". */
function scalar(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function readCredits(raw: unknown, clean: Cleaner): Credit[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    clean.warn('credits', `${quote(JSON.stringify(raw))} is not a list`);
    return [];
  }
  const credits: Credit[] = [];
  for (const entry of raw) {
    if (!isObject(entry)) continue;
    const person = clean.name('credits person', scalar(entry.person));
    if (person === undefined) continue;
    const role = normalizeRole(scalar(entry.role));
    credits.push(role === undefined ? { person } : { person, role });
  }
  return uniqueCredits(credits);
}
