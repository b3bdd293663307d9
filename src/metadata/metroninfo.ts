import type { Cleaner } from './clean/cleaner';
import { splitIsoDate } from './clean/dates';
import { normalizeRole, uniqueCredits } from './clean/credits';
import { identifierFromGtin, identifierFromUrl, identifiersInNotes, normalizeSource, uniqueIdentifiers } from './clean/identifiers';
import { nameKey, uniqueBy } from './clean/lists';
import { cleanName } from './clean/names';
import { quote } from './clean/result';
import { tagIdentifier } from './clean/tag-identifiers';
import { taggerInNotes } from './clean/tagger';
import { parseReprint } from './reprint';
import type { MetadataPatch } from './patch';
import type { Credit, IdentifiedTagKind, Identifier, Reprint, StoryArc, TagIdentifier, Universe } from './schema';
import { all, asObject, attribute, childText, childTexts, first, textOf, type XmlElement, type XmlObject } from './xml';
import { readXmlSource } from './xml-source';

/**
 * MetronInfo.xml (v1.0, and the v1.1 additions AlternativeNumber and CommunityRating) to a
 * patch. Unlike ComicInfo its lists are one element per item, credits carry several roles, and
 * the publisher and series are nested elements with their imprint, format and counts.
 */
export function parseMetronInfo(xml: Uint8Array | string, warnings: string[]): MetadataPatch | undefined {
  return readXmlSource(xml, 'metroninfo', 'MetronInfo', warnings, readMetronInfo);
}

function readMetronInfo(root: XmlObject, clean: Cleaner): MetadataPatch {
  const series = asObject(first(root, 'series') ?? {});
  const publisher = first(root, 'publisher');
  const issue = clean.issue('Number', childText(root, 'number'));
  const alternative = clean.issue('AlternativeNumber', childText(root, 'alternativenumber'));
  const rating = asObject(first(root, 'communityrating') ?? {});
  const notes = clean.text('Notes', childText(root, 'notes'));
  const alternativeNames = readAlternativeNames(series, clean);
  const publisherName = clean.name('Publisher', childText(asObject(publisher ?? {}), 'name') ?? textOf(publisher));
  const seriesName = clean.name('Series Name', childText(series, 'name') ?? textOf(first(root, 'series')));
  const imprint = first(asObject(publisher ?? {}), 'imprint');
  const imprintName = clean.name('Imprint', textOf(imprint));

  return {
    // v1.0 drafts wrote <Publisher>Name</Publisher>; v1.0 nests <Name> and <Imprint>.
    publisher: publisherName,
    imprint: imprintName,
    series: seriesName,
    seriesVolumeCount: clean.count('Series VolumeCount', childText(series, 'volumecount')),
    volumeIssueCount: clean.count('Series IssueCount', childText(series, 'issuecount')),
    originalFormat: clean.name('Series Format', childText(series, 'format')),
    language: clean.language('Series lang', attribute(first(root, 'series'), 'lang')),
    ...readVolume(childText(series, 'volume'), childText(root, 'mangavolume'), clean),
    collectionTitle: clean.name('CollectionTitle', childText(root, 'collectiontitle')),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    alternativeIssueNumber: alternative?.number,
    alternativeIssueSuffix: alternative?.suffix,
    stories: clean.names('Story', childTexts(asObject(first(root, 'stories') ?? {}), 'story')),
    summary: clean.text('Summary', childText(root, 'summary')),
    notes,
    tagger: notes === undefined ? undefined : taggerInNotes(notes),
    // The cover date is the comic's date; the store date only stands in when it is missing.
    ...(childText(root, 'coverdate')?.trim()
      ? readDate('CoverDate', childText(root, 'coverdate'), clean)
      : readDate('StoreDate', childText(root, 'storedate'), clean)),
    genres: listOf(root, 'genres', 'genre', 'Genre', clean),
    tags: listOf(root, 'tags', 'tag', 'Tag', clean),
    characters: listOf(root, 'characters', 'character', 'Character', clean),
    teams: listOf(root, 'teams', 'team', 'Team', clean),
    locations: listOf(root, 'locations', 'location', 'Location', clean),
    storyArcs: readArcs(root, clean),
    universes: readUniverses(root, clean),
    reprints: readReprints(root, alternativeNames, clean),
    credits: readCredits(root, clean),
    identifiers: readIdentifiers(root, notes, clean),
    tagIdentifiers: readTagIdentifiers(root, { publisher: [publisherName, publisher], imprint: [imprintName, imprint], series: [seriesName, first(root, 'series')] }),
    ageRating: readAgeRating(childText(root, 'agerating'), clean),
    communityRating: clean.rating('CommunityRating AverageRating', childText(rating, 'averagerating')),
    communityRatingCount: clean.count('CommunityRating RatingCount', childText(rating, 'ratingcount')),
  };
}

function listOf(root: XmlObject, container: string, item: string, field: string, clean: Cleaner): string[] {
  return clean.names(field, childTexts(asObject(first(root, container) ?? {}), item));
}

/**
 * Series/Volume is the series' volume; MangaVolume ("3" or "1950-1952") the book's own volume
 * (a tankōbon), which says more about this file, so it wins and may be a range.
 */
function readVolume(seriesVolume: string | undefined, mangaVolume: string | undefined, clean: Cleaner): MetadataPatch {
  const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(mangaVolume ?? '');
  if (range) {
    const volume = clean.count('MangaVolume', range[1]);
    const volumeTo = clean.count('MangaVolume', range[2]);
    return { volume, volumeTo };
  }
  if (mangaVolume !== undefined && mangaVolume.trim() !== '') {
    return { volume: clean.count('MangaVolume', mangaVolume) };
  }
  return { volume: clean.count('Series Volume', seriesVolume) };
}

function readDate(field: string, raw: string | undefined, clean: Cleaner): MetadataPatch {
  if (raw === undefined || raw.trim() === '') return {};
  const parts = splitIsoDate(raw);
  if (!parts) {
    clean.warn(field, `${quote(raw)} is not a date`);
    return {};
  }
  return clean.date({ year: `${field} year`, month: `${field} month`, day: `${field} day` }, parts);
}

function readArcs(root: XmlObject, clean: Cleaner): StoryArc[] {
  const arcs: StoryArc[] = [];
  for (const arc of all(asObject(first(root, 'arcs') ?? {}), 'arc').map(asObject)) {
    const name = clean.name('Arc Name', childText(arc, 'name'));
    if (name === undefined) continue;
    const number = clean.count('Arc Number', childText(arc, 'number'));
    arcs.push(number === undefined ? { name } : { name, number });
  }
  return uniqueBy(arcs, (arc) => nameKey(arc.name));
}

function readUniverses(root: XmlObject, clean: Cleaner): Universe[] {
  const universes: Universe[] = [];
  for (const universe of all(asObject(first(root, 'universes') ?? {}), 'universe').map(asObject)) {
    const name = clean.name('Universe Name', childText(universe, 'name'));
    if (name === undefined) continue;
    const designation = clean.name('Universe Designation', childText(universe, 'designation'));
    universes.push(designation === undefined ? { name } : { name, designation });
  }
  return uniqueBy(universes, (universe) => nameKey(universe.name));
}

/** Alternative series names with their language, to tell a reprint's language. */
function readAlternativeNames(series: XmlObject, clean: Cleaner): Map<string, string> {
  const byName = new Map<string, string>();
  for (const element of all(asObject(first(series, 'alternativenames') ?? {}), 'alternativename')) {
    const name = textOf(element);
    const lang = attribute(element, 'lang');
    if (name === undefined || lang === undefined) continue;
    const language = clean.language('AlternativeName lang', lang);
    if (language !== undefined) byName.set(nameKey(name.trim()), language);
  }
  return byName;
}

/**
 * v1.0 writes <Reprint>Series #001 (2002)</Reprint>; early drafts nested a <Name>. A reprint under
 * one of the series' alternative names takes that name's language.
 */
function readReprints(root: XmlObject, alternativeNames: Map<string, string>, clean: Cleaner): Reprint[] {
  const reprints: Reprint[] = [];
  for (const element of all(asObject(first(root, 'reprints') ?? {}), 'reprint')) {
    const text = childText(asObject(element), 'name') ?? textOf(element);
    const reprint = text === undefined ? undefined : parseReprint(text, clean);
    if (reprint === undefined) continue;
    const language = alternativeNames.get(nameKey(reprint.seriesName));
    reprints.push(language === undefined || reprint.language !== undefined ? reprint : { ...reprint, language });
  }
  return reprints;
}

/** One credit per role of each <Credit>; a creator without roles is credited without one. */
function readCredits(root: XmlObject, clean: Cleaner): Credit[] {
  const credits: Credit[] = [];
  for (const credit of all(asObject(first(root, 'credits') ?? {}), 'credit').map(asObject)) {
    const person = clean.name('Credit Creator', childText(credit, 'creator'));
    if (person === undefined) continue;
    const roles = childTexts(asObject(first(credit, 'roles') ?? {}), 'role')
      .map(normalizeRole)
      .filter((role): role is string => role !== undefined);
    if (roles.length === 0) credits.push({ person });
    for (const role of roles) credits.push({ person, role });
  }
  return uniqueCredits(credits);
}

/** IDS/ID (issue ids by source), GTIN/ISBN and UPC, URLs/URL (v1.0) or a lone URL (drafts). */
function readIdentifiers(root: XmlObject, notes: string | undefined, clean: Cleaner): Identifier[] {
  const found: Identifier[] = [];
  for (const id of all(asObject(first(root, 'ids') ?? {}), 'id')) {
    const key = clean.name('ID', textOf(id));
    const source = attribute(id, 'source');
    if (key !== undefined) found.push({ ...(source !== undefined && { source: normalizeSource(source) }), idType: 'issue', key });
  }
  const gtin = asObject(first(root, 'gtin') ?? {});
  for (const kind of ['isbn', 'upc'] as const) {
    const text = childText(gtin, kind);
    if (text === undefined || text.trim() === '') continue;
    const identifier = identifierFromGtin(text, kind);
    if (identifier) found.push(identifier);
    else clean.warn(`GTIN ${kind.toUpperCase()}`, `${quote(text)} is not a barcode`);
  }
  const urls = [...childTexts(asObject(first(root, 'urls') ?? {}), 'url'), ...childTexts(root, 'url')];
  for (const url of urls) {
    const identifier = identifierFromUrl(url);
    if (identifier) found.push(identifier);
    else clean.warn('URL', `${quote(url)} is not a URL`);
  }
  if (notes !== undefined) found.push(...identifiersInNotes(notes));
  return uniqueIdentifiers(found);
}

function readAgeRating(raw: string | undefined, clean: Cleaner): string | undefined {
  return raw?.trim().toLowerCase() === 'unknown' ? undefined : clean.name('AgeRating', raw);
}

/** Tags listed one element per name, each element may carry an `id`: [kind, container, element]. */
const LISTED_TAGS: ReadonlyArray<[IdentifiedTagKind, string, string]> = [
  ['story', 'stories', 'story'], ['character', 'characters', 'character'], ['team', 'teams', 'team'],
  ['location', 'locations', 'location'], ['genre', 'genres', 'genre'], ['tag', 'tags', 'tag'],
];

/** Tags that are objects with a <Name> (or <Creator>) and an `id` on the object: [kind, container, element, name]. */
const NAMED_TAGS: ReadonlyArray<[IdentifiedTagKind, string, string, string]> = [
  ['arc', 'arcs', 'arc', 'name'], ['universe', 'universes', 'universe', 'name'],
];

/**
 * The `id` attributes of Publisher, Imprint, Series, Story, Character, Team, Location, Genre,
 * Tag, Arc, Universe and Creator. They number the tag in the database the record was tagged
 * from: the source of the primary <ID>, or Metron's own when no ID is primary.
 */
function readTagIdentifiers(
  root: XmlObject,
  single: Record<'publisher' | 'imprint' | 'series', [string | undefined, XmlElement | undefined]>,
): TagIdentifier[] {
  // The names were cleaned, with warnings, where the fields were read; here they only match.
  const nameOf = (raw: string | undefined) => cleanName(raw).value;
  const source = primarySource(root);
  const found: TagIdentifier[] = [];
  const add = (kind: IdentifiedTagKind, name: string | undefined, element: XmlElement | undefined) => {
    const key = attribute(element, 'id');
    const tag = name === undefined || key === undefined ? undefined : tagIdentifier(kind, name, source, key);
    if (tag) found.push(tag);
  };
  for (const [kind, [name, element]] of Object.entries(single) as Array<[IdentifiedTagKind, [string | undefined, XmlElement | undefined]]>) {
    add(kind, name, element);
  }
  for (const [kind, container, item] of LISTED_TAGS) {
    for (const element of all(asObject(first(root, container) ?? {}), item)) add(kind, nameOf(textOf(element)), element);
  }
  for (const [kind, container, item, nameElement] of NAMED_TAGS) {
    for (const element of all(asObject(first(root, container) ?? {}), item)) {
      add(kind, nameOf(childText(asObject(element), nameElement)), element);
    }
  }
  for (const credit of all(asObject(first(root, 'credits') ?? {}), 'credit').map(asObject)) {
    const creator = first(credit, 'creator');
    add('creator', nameOf(textOf(creator)), creator);
  }
  return found;
}

function primarySource(root: XmlObject): string {
  const ids = all(asObject(first(root, 'ids') ?? {}), 'id');
  const primary = ids.find((id) => attribute(id, 'primary')?.trim().toLowerCase() === 'true');
  const source = attribute(primary, 'source');
  return source === undefined ? 'Metron' : normalizeSource(source);
}
