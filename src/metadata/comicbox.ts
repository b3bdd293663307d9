import type { Cleaner } from './clean/cleaner';
import { normalizeRole, uniqueCredits } from './clean/credits';
import { splitIsoDate } from './clean/dates';
import { identifierFromGtin, identifiersInNotes, normalizeSource, uniqueIdentifiers } from './clean/identifiers';
import { formatIssue } from './clean/issue-number';
import { nameKey } from './clean/lists';
import { quote } from './clean/result';
import { tagIdentifier } from './clean/tag-identifiers';
import { taggerInNotes } from './clean/tagger';
import type { MetadataPatch } from './patch';
import type { Credit, IdentifiedTagKind, Identifier, ReadingDirection, Reprint, StoryArc, TagIdentifier, Universe } from './schema';

/**
 * comicbox's own format (comicbox.json, comicbox.yaml, or JSON in the archive comment), the
 * native metadata of Codex: one object under "comicbox" that holds what every other format says.
 * Named tags are maps from the name to their attributes ({"Captain Science": {"identifiers":
 * {"metron": {"key": "123"}}}}); older files write plain lists of names, which read the same.
 * Fields that describe the file rather than the comic (pages, page_count, bookmark, ext,
 * updated_at, prices, alternate_images) are not read.
 */
export const COMICBOX_ROOT = 'comicbox';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings and numbers pass; objects, arrays, booleans and null are "not said". */
const scalar = (value: unknown): string | number | undefined =>
  typeof value === 'string' || typeof value === 'number' ? value : undefined;

/** `{name: "X"}` or a bare "X": publisher, imprint and series are written both ways. */
const nameOf = (value: unknown): unknown => (isObject(value) ? value.name : value);

/** A tag collection as [name, attributes] pairs: a map of names, or a list of names. */
function entries(value: unknown): Array<[string, Json]> {
  if (Array.isArray(value)) return value.flatMap((item) => (scalar(item) === undefined ? [] : [[String(item), {}] as [string, Json]]));
  if (isObject(value)) return Object.entries(value).map(([name, attributes]) => [name, isObject(attributes) ? attributes : {}]);
  return [];
}

export function readComicbox(document: Json, clean: Cleaner): MetadataPatch {
  const cb = isObject(document[COMICBOX_ROOT]) ? (document[COMICBOX_ROOT] as Json) : {};
  const tagIds: TagIdentifier[] = [];
  const numbered = (kind: IdentifiedTagKind, name: string | undefined, attributes: unknown) => {
    const tag = name === undefined ? undefined : firstTagIdentifier(kind, name, attributes);
    if (tag) tagIds.push(tag);
    return name;
  };
  /** A tag collection's cleaned names with their attributes, each name's identifier noted on the way. */
  const named = (kind: IdentifiedTagKind | undefined, field: string): Array<[string, Json]> =>
    entries(cb[field]).flatMap(([raw, attributes]) => {
      const name = clean.name(field, raw);
      if (kind !== undefined) numbered(kind, name, attributes);
      return name === undefined ? [] : [[name, attributes]];
    });
  const names = (kind: IdentifiedTagKind | undefined, field: string): string[] => named(kind, field).map(([name]) => name);

  const issue = readIssue('issue', cb.issue, clean);
  const alternative = readIssue('alternative_issue', cb.alternative_issue, clean);
  const volume = isObject(cb.volume) ? cb.volume : { number: cb.volume };
  const series = isObject(cb.series) ? cb.series : {};
  const rating = isObject(cb.community_rating) ? cb.community_rating : {};
  const notes = clean.text('notes', scalar(cb.notes));
  const teams = names('team', 'teams');
  const protagonist = clean.name('protagonist', scalar(cb.protagonist));
  const protagonistIsTeam = protagonist !== undefined && teams.some((team) => nameKey(team) === nameKey(protagonist));

  return {
    title: clean.name('title', scalar(cb.title)),
    publisher: numbered('publisher', clean.name('publisher', scalar(nameOf(cb.publisher))), cb.publisher),
    imprint: numbered('imprint', clean.name('imprint', scalar(nameOf(cb.imprint))), cb.imprint),
    series: numbered('series', clean.name('series', scalar(nameOf(cb.series))), cb.series),
    seriesVolumeCount: clean.count('series volume_count', scalar(series.volume_count)),
    volume: clean.count('volume number', scalar(volume.number)),
    volumeTo: clean.count('volume number_to', scalar(volume.number_to)),
    volumeIssueCount: clean.count('volume issue_count', scalar(volume.issue_count)),
    issueNumber: issue?.number,
    issueSuffix: issue?.suffix,
    alternativeIssueNumber: alternative?.number,
    alternativeIssueSuffix: alternative?.suffix,
    collectionTitle: clean.name('collection_title', scalar(cb.collection_title)),
    ...readDate(cb, clean),
    summary: clean.text('summary', scalar(cb.summary)),
    review: clean.text('review', scalar(cb.review)),
    notes,
    tagger: clean.name('tagger', scalar(cb.tagger)) ?? (notes === undefined ? undefined : taggerInNotes(notes)),
    ageRating: clean.name('age_rating', scalar(cb.age_rating)),
    originalFormat: clean.name('original_format', scalar(cb.original_format)),
    scanInfo: clean.name('scan_info', scalar(cb.scan_info)),
    country: clean.country('country', scalar(cb.country)),
    language: clean.language('language', scalar(cb.language)),
    communityRating: clean.rating('community_rating average_rating', scalar(rating.average_rating)),
    communityRatingCount: clean.count('community_rating rating_count', scalar(rating.rating_count)),
    readingDirection: readDirection(cb.reading_direction, cb.manga, clean),
    monochrome: typeof cb.monochrome === 'boolean' ? cb.monochrome : undefined,
    mainCharacter: protagonistIsTeam ? undefined : protagonist,
    mainTeam: protagonistIsTeam ? protagonist : undefined,
    characters: names('character', 'characters'),
    teams,
    locations: names('location', 'locations'),
    genres: names('genre', 'genres'),
    tags: names('tag', 'tags'),
    stories: names('story', 'stories'),
    seriesGroups: names(undefined, 'series_groups'),
    storyArcs: named('arc', 'arcs').map(([name, attributes]) => arcOf(name, attributes, clean)),
    universes: named('universe', 'universes').map(([name, attributes]) => universeOf(name, attributes, clean)),
    credits: Array.isArray(cb.credits) ? readCreditList(cb.credits, clean) : readCreditMap(named('creator', 'credits')),
    identifiers: readIdentifiers(cb.identifiers, notes),
    reprints: readReprints(cb.reprints, clean),
    tagIdentifiers: tagIds,
  };
}

/** `{name: "1.2S"}`, `{number: 1.2, suffix: "S"}` or a bare "1.2S". */
function readIssue(field: string, raw: unknown, clean: Cleaner) {
  if (!isObject(raw)) return clean.issue(field, scalar(raw));
  const name = scalar(raw.name);
  if (name !== undefined) return clean.issue(field, name);
  const number = scalar(raw.number);
  const suffix = scalar(raw.suffix);
  return number === undefined && suffix === undefined ? undefined : clean.issue(field, `${number ?? ''}${suffix ?? ''}`);
}

/**
 * date.{year, month, day} (or the older top-level year, month, day), else date.cover_date. A
 * month and day without a year are no date, so they cannot take another source's year's place.
 */
function readDate(cb: Json, clean: Cleaner): MetadataPatch {
  const date = isObject(cb.date) ? cb.date : cb;
  const parts = { year: scalar(date.year), month: scalar(date.month), day: scalar(date.day) };
  const coverDate = scalar(date.cover_date);
  const fromCover = parts.year === undefined && coverDate !== undefined ? splitIsoDate(String(coverDate)) : undefined;
  if (parts.year === undefined && fromCover === undefined) {
    if (coverDate !== undefined) clean.warn('date cover_date', `${quote(String(coverDate))} is not a date`);
    return {};
  }
  return clean.date({ year: 'date year', month: 'date month', day: 'date day' }, fromCover ?? parts);
}

function readDirection(direction: unknown, manga: unknown, clean: Cleaner): ReadingDirection | undefined {
  const value = scalar(direction)?.toString().trim().toLowerCase();
  if (value === 'ltr' || value === 'rtl' || value === 'ttb' || value === 'btt') return value;
  if (value !== undefined && value !== '') clean.warn('reading_direction', `${quote(value)} is not ltr, rtl, ttb or btt`);
  return String(scalar(manga) ?? '').toLowerCase() === 'yesandrighttoleft' ? 'rtl' : undefined;
}

function arcOf(name: string, attributes: Json, clean: Cleaner): StoryArc {
  const number = clean.count('arcs number', scalar(attributes.number));
  return number === undefined ? { name } : { name, number };
}

function universeOf(name: string, attributes: Json, clean: Cleaner): Universe {
  const designation = clean.name('universes designation', scalar(attributes.designation));
  return designation === undefined ? { name } : { name, designation };
}

/** The older list of `{person, role}`. */
function readCreditList(raw: unknown[], clean: Cleaner): Credit[] {
  const credits: Credit[] = [];
  for (const item of raw.filter(isObject)) {
    const person = clean.name('credits person', scalar(item.person));
    const role = normalizeRole(scalar(item.role));
    if (person !== undefined) credits.push(role === undefined ? { person } : { person, role });
  }
  return uniqueCredits(credits);
}

/** `{person: {roles: {Writer: {}}}}`: the people, already cleaned, with their attributes. */
function readCreditMap(people: Array<[string, Json]>): Credit[] {
  const credits: Credit[] = [];
  for (const [person, attributes] of people) {
    const roles = entries(attributes.roles)
      .map(([role]) => normalizeRole(role))
      .filter((role): role is string => role !== undefined);
    if (roles.length === 0) credits.push({ person });
    for (const role of roles) credits.push({ person, role });
  }
  return uniqueCredits(credits);
}

/** A key is `key` (comicbox 2.0) or `id_key` (later); barcodes are kinds, not sources. */
function identifierOf(source: string, attributes: unknown, idType: string): Identifier | undefined {
  if (!isObject(attributes)) return undefined;
  const key = scalar(attributes.key) ?? scalar(attributes.id_key);
  if (key === undefined || String(key).trim() === '') return undefined;
  const url = typeof attributes.url === 'string' && /^https?:\/\//i.test(attributes.url) ? attributes.url : undefined;
  if (/^(isbn|upc|gtin|ean)$/i.test(source)) {
    const barcode = identifierFromGtin(String(key), /^isbn$/i.test(source) ? 'isbn' : /^upc$/i.test(source) ? 'upc' : undefined);
    return barcode && url !== undefined ? { ...barcode, url } : barcode;
  }
  return { source: normalizeSource(source), idType, key: String(key).trim(), ...(url !== undefined && { url }) };
}

function readIdentifiers(raw: unknown, notes: string | undefined): Identifier[] {
  const found = entries(raw).flatMap(([source, attributes]) => identifierOf(source, attributes, 'issue') ?? []);
  if (notes !== undefined) found.push(...identifiersInNotes(notes));
  return uniqueIdentifiers(found);
}

/** A tag numbered in several databases keeps the first one listed (one identifier per tag row). */
function firstTagIdentifier(kind: IdentifiedTagKind, name: string, attributes: unknown): TagIdentifier | undefined {
  const identifiers = isObject(attributes) ? attributes.identifiers : undefined;
  for (const [source, value] of entries(identifiers)) {
    const identifier = identifierOf(source, value, kind);
    const tag = identifier ? tagIdentifier(kind, name, identifier.source, identifier.key) : undefined;
    if (tag) return identifier?.url === undefined ? tag : { ...tag, identifier: { ...tag.identifier, url: identifier.url } };
  }
  return undefined;
}

/** `[{series: {name}, volume: {number}, issue, language}]`; a reprint known only by its sort name keeps that. */
function readReprints(raw: unknown, clean: Cleaner): Reprint[] {
  if (!Array.isArray(raw)) return [];
  const reprints: Reprint[] = [];
  for (const item of raw.filter(isObject)) {
    const series = isObject(item.series) ? item.series : {};
    const seriesName = clean.name('reprints series', scalar(series.name) ?? scalar(series.sort_name));
    if (seriesName === undefined) continue;
    const volume = isObject(item.volume) ? item.volume : {};
    const volumeNumber = clean.count('reprints volume', scalar(volume.number));
    const issue = readIssue('reprints issue', item.issue, clean);
    const issueName = issue === undefined ? undefined : formatIssue(issue);
    const language = clean.language('reprints language', scalar(item.language));
    reprints.push({
      seriesName,
      ...(volumeNumber !== undefined && { volumeNumber }),
      ...(issueName !== undefined && { issue: issueName }),
      ...(language !== undefined && { language }),
    });
  }
  return reprints;
}
