import type { Cleaner } from './clean/cleaner';
import { normalizeRole, uniqueCredits } from './clean/credits';
import { splitIsoDate } from './clean/dates';
import { identifierFromGtin, identifierFromUrn, uniqueIdentifiers } from './clean/identifiers';
import { quote } from './clean/result';
import type { MetadataPatch } from './patch';
import { parseReprint } from './reprint';
import type { Credit, Identifier, ReadingDirection } from './schema';
import { childText, childTexts, type XmlObject } from './xml';
import { readXmlSource } from './xml-source';

/**
 * CoMet.xml (v1.1, denvog.com) to a patch. Flat: repeated elements for lists and for each credit
 * role; `rating` is an age rating, `format` the original format, `isVersionOf` a reprint.
 */

/** Credit elements and their roles; `creator` names a creator of no stated role. */
const CREDIT_ELEMENTS = ['writer', 'penciller', 'inker', 'colorist', 'letterer', 'editor', 'coverDesigner', 'creator'];

export function parseComet(xml: Uint8Array | string, warnings: string[]): MetadataPatch | undefined {
  return readXmlSource(xml, 'comet', 'comet', warnings, readComet);
}

function readComet(root: XmlObject, clean: Cleaner): MetadataPatch {
  const get = (name: string): string | undefined => childText(root, name.toLowerCase());
  const issue = clean.issue('issue', get('issue'));
  const reprint = get('isVersionOf');
  const reprinted = reprint === undefined ? undefined : parseReprint(reprint, clean);
  return {
    title: clean.name('title', get('title')),
    series: clean.name('series', get('series')),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    volume: clean.count('volume', get('volume')),
    publisher: clean.name('publisher', get('publisher')),
    summary: clean.text('description', get('description')),
    ...readDate(get('date'), clean),
    genres: clean.names('genre', childTexts(root, 'genre')),
    characters: clean.names('character', childTexts(root, 'character')),
    originalFormat: clean.name('format', get('format')),
    language: clean.language('language', get('language')),
    ageRating: clean.name('rating', get('rating')),
    readingDirection: readDirection(get('readingDirection'), clean),
    credits: readCredits(root, clean),
    identifiers: readIdentifier(get('identifier'), clean),
    reprints: reprinted === undefined ? [] : [reprinted],
  };
}

function readDate(raw: string | undefined, clean: Cleaner): MetadataPatch {
  if (raw === undefined || raw.trim() === '') return {};
  const parts = splitIsoDate(raw);
  if (parts) return clean.date({ year: 'date year', month: 'date month', day: 'date day' }, parts);
  clean.warn('date', `${quote(raw)} is not a date`);
  return {};
}

function readDirection(raw: string | undefined, clean: Cleaner): ReadingDirection | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === 'ltr' || value === 'rtl') return value;
  clean.warn('readingDirection', `${quote(raw)} is not ltr or rtl`);
  return undefined;
}

function readCredits(root: XmlObject, clean: Cleaner): Credit[] {
  const credits: Credit[] = [];
  for (const element of CREDIT_ELEMENTS) {
    const role = normalizeRole(element);
    for (const person of clean.names(element, childTexts(root, element.toLowerCase()))) {
      credits.push(role === undefined ? { person } : { person, role });
    }
  }
  return uniqueCredits(credits);
}

/**
 * CoMet's one free-form identifier: a URN, Comic Vine's "4000-145269" form or comicbox's
 * "CVDB145269", a barcode, or else an opaque key of no known source.
 */
function readIdentifier(raw: string | undefined, clean: Cleaner): Identifier[] {
  const text = raw?.trim();
  if (text === undefined || text === '') return [];
  const comicVine = /^(?:CVDB|4000-)(\d+)$/i.exec(text)?.[1];
  const identifier: Identifier | undefined = comicVine
    ? { source: 'Comic Vine', idType: 'issue', key: comicVine }
    : (identifierFromUrn(text) ?? identifierFromGtin(text));
  if (identifier) return uniqueIdentifiers([identifier]);
  const key = clean.name('identifier', text);
  return key === undefined ? [] : [{ key }];
}
