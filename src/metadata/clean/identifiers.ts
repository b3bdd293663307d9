import { NAME_MAX } from '../limits';
import type { Identifier } from '../schema';
import { nameKey } from './lists';
import { cutToLength } from './names';

/**
 * Identifier sources under MetronInfo's names (its `informationSource` list), keyed by their
 * letters only, so "comicvine" in a URN, "CVDB" in ComicInfo notes and "Comic Vine" in a
 * MetronInfo ID attribute become one identifier_sources row.
 */
const SOURCES: Record<string, string> = {
  comicvine: 'Comic Vine', cv: 'Comic Vine', cvdb: 'Comic Vine',
  metron: 'Metron',
  grandcomicsdatabase: 'Grand Comics Database', gcd: 'Grand Comics Database', comicsorg: 'Grand Comics Database',
  leagueofcomicgeeks: 'League of Comic Geeks', locg: 'League of Comic Geeks',
  marvel: 'Marvel', anilist: 'AniList', kitsu: 'Kitsu', mangadex: 'MangaDex',
  mangaupdates: 'MangaUpdates', myanimelist: 'MyAnimeList', mal: 'MyAnimeList',
};

/** Identifier kinds that are numbers on a barcode rather than a database key: no source. */
const BARCODE_TYPES = new Set(['isbn', 'upc', 'gtin', 'ean']);

const letters = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

export function normalizeSource(raw: string): string {
  return SOURCES[letters(raw)] ?? raw.trim();
}

function make(source: string | undefined, idType: string | undefined, key: string, url?: string): Identifier {
  return {
    ...(source !== undefined && { source: cutToLength(source, NAME_MAX) }),
    ...(idType !== undefined && { idType }),
    key: cutToLength(key, NAME_MAX),
    ...(url !== undefined && { url }),
  };
}

/**
 * URLs of the known databases give their key and kind ("…/4000-145269/" is Comic Vine issue
 * 145269); any other URL is its own key under its host name.
 */
const URL_PATTERNS: Array<{ host: RegExp; path: RegExp; source: string; idType: (match: RegExpExecArray) => string }> = [
  { host: /(^|\.)comicvine\.gamespot\.com$/, path: /\/(4\d{3})-(\d+)\/?$/, source: 'Comic Vine', idType: (m) => (m[1] === '4050' ? 'series' : 'issue') },
  { host: /(^|\.)metron\.cloud$/, path: /^\/(issue|series)\/([^/]+)\/?$/, source: 'Metron', idType: (m) => m[1] ?? 'issue' },
  { host: /(^|\.)comics\.org$/, path: /^\/(issue|series)\/(\d+)\/?$/, source: 'Grand Comics Database', idType: (m) => m[1] ?? 'issue' },
  { host: /(^|\.)leagueofcomicgeeks\.com$/, path: /^\/(comic)\/(\d+)(\/|$)/, source: 'League of Comic Geeks', idType: () => 'issue' },
  { host: /(^|\.)marvel\.com$/, path: /^\/comics\/(issue)\/(\d+)(\/|$)/, source: 'Marvel', idType: () => 'issue' },
];

export function identifierFromUrl(text: string): Identifier | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const href = url.href.length <= 2048 ? url.href : undefined;
  for (const pattern of URL_PATTERNS) {
    const match = pattern.host.test(url.hostname) ? pattern.path.exec(url.pathname) : null;
    if (match?.[2]) return make(pattern.source, pattern.idType(match), match[2], href);
  }
  const host = url.hostname.replace(/^www\./, '');
  const barcode = barcodeOfUrl(host, url.pathname);
  if (barcode) return { ...barcode, ...(href !== undefined && { url: href }) };
  return make(host, 'url', `${host}${url.pathname}${url.search}`.replace(/\/$/, ''), href);
}

/** Barcode look-up sites name the barcode itself: the URL is that ISBN's or UPC's page. */
function barcodeOfUrl(host: string, path: string): Identifier | undefined {
  const key = /^\/(?:book\/)?([0-9X-]{5,20})\/?$/i.exec(path)?.[1];
  if (key === undefined) return undefined;
  if (host === 'isbndb.com') return identifierFromGtin(key, 'isbn');
  if (host === 'barcodelookup.com' || host === 'upcitemdb.com') return identifierFromGtin(key) ?? identifierFromGtin(key, 'upc');
  return undefined;
}

/**
 * The page of a Comic Vine or Metron issue or series, known from its key alone: given to an
 * identifier that arrives without one (a CoMet "4000-145269", a MetronInfo <ID>, a Notes
 * "[CVDB145269]"). Applied after the merge, so a page some source states always wins.
 */
export function withKnownUrl(identifier: Identifier): Identifier {
  if (identifier.url !== undefined) return identifier;
  const key = encodeURIComponent(identifier.key);
  if (identifier.source === 'Comic Vine' && (identifier.idType === 'issue' || identifier.idType === 'series')) {
    return { ...identifier, url: `https://comicvine.gamespot.com/c/${identifier.idType === 'issue' ? '4000' : '4050'}-${key}/` };
  }
  if (identifier.source === 'Metron' && (identifier.idType === 'issue' || identifier.idType === 'series')) {
    return { ...identifier, url: `https://metron.cloud/${identifier.idType}/${key}` };
  }
  return identifier;
}

/** "urn:comicvine:issue:145269", "urn:isbn:123-456789-0123", "urn:upc:12345". */
export function identifierFromUrn(text: string): Identifier | undefined {
  const match = /^urn:([a-z0-9-]+):(?:([a-z]+):)?([^\s:]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const [, nid = '', type, key = ''] = match;
  if (BARCODE_TYPES.has(nid.toLowerCase())) return make(undefined, nid.toLowerCase(), barcodeKey(key));
  const source = normalizeSource(nid);
  // comicbox writes Comic Vine URNs with the site's "4000-" resource prefix: issue 145269.
  const comicVine = source === 'Comic Vine' ? /^(4\d{3})-(\d+)$/.exec(key) : null;
  if (comicVine?.[2]) return make(source, type?.toLowerCase() ?? (comicVine[1] === '4050' ? 'series' : 'issue'), comicVine[2]);
  return make(source, type?.toLowerCase() ?? 'issue', key);
}

const barcodeKey = (text: string): string => text.replace(/[\s-]/g, '').toUpperCase();

/**
 * A GTIN field: a barcode (ISBN-10/13, UPC-A with or without its 2/5-digit add-on, EAN) or, as
 * some taggers write it, a URN. `hint` is the kind the container already says (MetronInfo's
 * <ISBN> and <UPC> elements).
 */
export function identifierFromGtin(text: string, hint?: 'isbn' | 'upc'): Identifier | undefined {
  if (/^urn:/i.test(text.trim())) return identifierFromUrn(text);
  const key = barcodeKey(text);
  // When the container names the kind, any digits will do; alone, a barcode has 6 to 17.
  if (hint) return /^\d{1,17}X?$/.test(key) ? make(undefined, hint, key) : undefined;
  if (!/^\d{6,17}X?$/.test(key)) return undefined;
  const isbn = key.length === 10 || (key.length === 13 && /^97[89]/.test(key));
  const upc = [12, 14, 17].includes(key.length);
  return make(undefined, isbn ? 'isbn' : upc ? 'upc' : 'gtin', key);
}

/**
 * Identifiers taggers leave in ComicInfo's Notes: comicbox and ComicTagger write "[CVDB145269]"
 * and "[Issue ID 145269]" (both Comic Vine issues), MetronInfo notes carry URNs.
 */
export function identifiersInNotes(notes: string): Identifier[] {
  const found: Identifier[] = [];
  for (const match of notes.matchAll(/\bCVDB(\d+)\b/gi)) found.push(make('Comic Vine', 'issue', match[1] ?? ''));
  for (const match of notes.matchAll(/\[Issue ID (\d+)\]/gi)) found.push(make('Comic Vine', 'issue', match[1] ?? ''));
  for (const match of notes.matchAll(/\burn:[a-z0-9-]+:\S+/gi)) {
    const identifier = identifierFromUrn(match[0]);
    if (identifier) found.push(identifier);
  }
  return uniqueIdentifiers(found);
}

export const identifierKey = (identifier: Identifier): string =>
  [identifier.source ?? '', identifier.idType ?? '', identifier.key].map(nameKey).join('\u0000');

/** One identifier per (source, kind, key); a URL found on any duplicate is kept, the first one. */
export function uniqueIdentifiers(identifiers: Iterable<Identifier>): Identifier[] {
  const kept: Identifier[] = [];
  const at = new Map<string, number>();
  for (const identifier of identifiers) {
    const key = identifierKey(identifier);
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, kept.length);
      kept.push(identifier);
    } else if (kept[index]!.url === undefined && identifier.url !== undefined) {
      kept[index] = { ...kept[index]!, url: identifier.url };
    }
  }
  return kept;
}
