import type { Cleaner } from './clean/cleaner';
import { uniqueCredits } from './clean/credits';
import { identifierFromGtin, identifierFromUrl, identifiersInNotes, uniqueIdentifiers } from './clean/identifiers';
import { formatIssue } from './clean/issue-number';
import { nameKey } from './clean/lists';
import { decodeEntities } from './clean/names';
import { quote } from './clean/result';
import { taggerInNotes } from './clean/tagger';
import type { MetadataPatch } from './patch';
import type { Credit, Identifier, StoryArc } from './schema';
import { childText, type XmlObject } from './xml';
import { readXmlSource } from './xml-source';

/**
 * ComicInfo.xml (ComicRack; Anansi v1.0, v2.0 and the v2.1 draft) to a patch. Its lists are
 * comma-separated strings; its integers use -1 for "unset"; PageCount is ignored (the archive
 * counts pages).
 */

/** Credit elements (each a comma list of people) and the role each one means. */
const CREDIT_ELEMENTS = [
  ['Writer', 'Writer'], ['Penciller', 'Penciller'], ['Inker', 'Inker'], ['Colorist', 'Colorist'],
  ['Letterer', 'Letterer'], ['CoverArtist', 'Cover'], ['Editor', 'Editor'], ['Translator', 'Translator'],
] as const;

/** XSD defaults that mean "nothing said": -1 for numbers, Unknown for enumerations. */
const UNSET = new Set(['-1', 'unknown']);
/** Issue numbers are strings in the XSD, with no "unset" value: -1 is Marvel's "Minus 1" month. */
const ISSUE_ELEMENTS = new Set(['Number', 'AlternateNumber']);
/** Longer values cannot be one of UNSET, and a summary need not be lower-cased to know it. */
const UNSET_MAX_LENGTH = 7;

const isUnset = (text: string): boolean => text.length <= UNSET_MAX_LENGTH && UNSET.has(text.toLowerCase());

export function parseComicInfo(xml: Uint8Array | string, warnings: string[]): MetadataPatch | undefined {
  return readXmlSource(xml, 'comicinfo', 'ComicInfo', warnings, readComicInfo);
}

/** An element's text, unless absent or an XSD "unset" value. */
function valueOf(root: XmlObject, name: string): string | undefined {
  const text = childText(root, name.toLowerCase())?.trim();
  return text === undefined || (isUnset(text) && !(text === '-1' && ISSUE_ELEMENTS.has(name))) ? undefined : text;
}

function readComicInfo(root: XmlObject, clean: Cleaner): MetadataPatch {
  const get = valueOf.bind(undefined, root);
  const issue = clean.issue('Number', get('Number'));
  const alternate = readAlternate(get, clean);
  const notes = clean.text('Notes', get('Notes'));
  const teams = clean.list('Teams', get('Teams'));
  const characters = clean.list('Characters', get('Characters'));
  const protagonist = clean.name('MainCharacterOrTeam', get('MainCharacterOrTeam'));
  const protagonistIsTeam = protagonist !== undefined && teams.some((team) => nameKey(team) === nameKey(protagonist));

  return {
    title: clean.name('Title', get('Title')),
    series: clean.name('Series', get('Series')),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    volume: clean.count('Volume', get('Volume')),
    volumeIssueCount: clean.count('Count', get('Count')),
    ...alternate,
    summary: clean.text('Summary', get('Summary')),
    notes,
    review: clean.text('Review', get('Review')),
    ...clean.date({ year: 'Year', month: 'Month', day: 'Day' }, { year: get('Year'), month: get('Month'), day: get('Day') }),
    publisher: clean.name('Publisher', get('Publisher')),
    imprint: clean.name('Imprint', get('Imprint')),
    genres: clean.list('Genre', get('Genre')),
    tags: clean.list('Tags', get('Tags')),
    characters,
    teams,
    locations: clean.list('Locations', get('Locations')),
    seriesGroups: clean.list('SeriesGroup', get('SeriesGroup')),
    storyArcs: readStoryArcs(get('StoryArc'), get('StoryArcNumber'), clean),
    credits: readCredits(get, clean),
    identifiers: readIdentifiers(get('Web'), get('GTIN'), notes, clean),
    language: clean.language('LanguageISO', get('LanguageISO')),
    originalFormat: clean.name('Format', get('Format')),
    scanInfo: clean.name('ScanInformation', get('ScanInformation')),
    ageRating: clean.name('AgeRating', get('AgeRating')),
    communityRating: clean.rating('CommunityRating', get('CommunityRating')),
    monochrome: readYesNo('BlackAndWhite', get('BlackAndWhite'), clean),
    readingDirection: readManga(get('Manga'), clean),
    mainCharacter: protagonistIsTeam ? undefined : protagonist,
    mainTeam: protagonistIsTeam ? protagonist : undefined,
    tagger: notes === undefined ? undefined : taggerInNotes(notes),
  };
}

/**
 * StoryArc and StoryArcNumber are parallel comma lists: "A,B" with "4,2" is A #4 and B #2. They
 * pair by position as written, so an empty or repeated item keeps the others in step ("A,,B"
 * with "1,,2" is A #1 and B #2).
 */
function readStoryArcs(names: string | undefined, numbers: string | undefined, clean: Cleaner): StoryArc[] {
  if (names === undefined) return [];
  const arcNumbers = (numbers ?? '').split(/[,;]/).map((n) => n.trim());
  const arcs: StoryArc[] = [];
  const seen = new Set<string>();
  decodeEntities(names).split(/[,;]/).forEach((piece, i) => {
    const name = clean.name('StoryArc', piece);
    if (name === undefined || seen.has(nameKey(name))) return;
    seen.add(nameKey(name));
    const raw = arcNumbers[i];
    const number = raw === undefined || raw === '' ? undefined : clean.count('StoryArcNumber', raw);
    arcs.push(number === undefined ? { name } : { name, number });
  });
  return arcs;
}

/**
 * AlternateSeries, AlternateNumber and AlternateCount name the same story in another series (a
 * crossover's or reprint's numbering): stored as a reprint of (series, number, count), as
 * comicbox reads it. A number with no series can only be this book's other number.
 */
function readAlternate(get: (name: string) => string | undefined, clean: Cleaner): MetadataPatch {
  const number = clean.issue('AlternateNumber', get('AlternateNumber'));
  const issueCount = clean.count('AlternateCount', get('AlternateCount'));
  const seriesName = clean.name('AlternateSeries', get('AlternateSeries'));
  if (seriesName === undefined) {
    if (issueCount !== undefined) clean.warn('AlternateCount', 'has no AlternateSeries to count; ignored');
    return { alternativeIssueNumber: number?.number, alternativeIssueSuffix: number?.suffix };
  }
  const issue = number === undefined ? undefined : formatIssue(number);
  return {
    reprints: [{ seriesName, ...(issue !== undefined && { issue }), ...(issueCount !== undefined && { issueCount }) }],
  };
}

function readCredits(get: (name: string) => string | undefined, clean: Cleaner): Credit[] {
  const credits: Credit[] = [];
  for (const [element, role] of CREDIT_ELEMENTS) {
    for (const person of clean.list(element, get(element))) credits.push({ person, role });
  }
  return uniqueCredits(credits);
}

/** Web holds one or more URLs (v2.1: space separated); GTIN a barcode or a URN. */
function readIdentifiers(web: string | undefined, gtin: string | undefined, notes: string | undefined, clean: Cleaner): Identifier[] {
  const found: Identifier[] = [];
  for (const url of (web ?? '').split(/[\s,]+/).filter(Boolean)) {
    const identifier = identifierFromUrl(url);
    if (identifier) found.push(identifier);
    else clean.warn('Web', `${quote(url)} is not a URL`);
  }
  if (gtin !== undefined) {
    const identifier = identifierFromGtin(gtin);
    if (identifier) found.push(identifier);
    else clean.warn('GTIN', `${quote(gtin)} is not a barcode or URN`);
  }
  if (notes !== undefined) found.push(...identifiersInNotes(notes));
  return uniqueIdentifiers(found);
}

function readYesNo(field: string, raw: string | undefined, clean: Cleaner): boolean | undefined {
  if (raw === undefined) return undefined;
  if (/^(yes|true)$/i.test(raw)) return true;
  if (/^(no|false)$/i.test(raw)) return false;
  clean.warn(field, `${quote(raw)} is not Yes or No`);
  return undefined;
}

/** Manga=YesAndRightToLeft is the only ComicInfo value that says which way pages turn. */
function readManga(raw: string | undefined, clean: Cleaner): 'rtl' | undefined {
  if (raw === undefined || /^(yes|no)$/i.test(raw)) return undefined;
  if (/^yesandrighttoleft$/i.test(raw)) return 'rtl';
  clean.warn('Manga', `${quote(raw)} is not Yes, No or YesAndRightToLeft`);
  return undefined;
}
