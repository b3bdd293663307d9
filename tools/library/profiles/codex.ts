import type { ComicInfoElement, ComicInfoFields, ComicInfoValue } from '../../comicinfo-xml';
import { createRng, deriveSeed, type Rng } from '../../prng';
import { FORMAT_EXTENSIONS, type ComicSpec } from '../comic-spec';
import { formatPicker } from '../formats';
import { joinPath, mtimeFor } from '../paths';
import type { PlanOptions } from '../plan-options';

/**
 * The `codex` profile: what Codex's benchmark (its mock-comics script) writes. Random values,
 * 0 to 20 mostly-unique 64-character names per list field, 0 to 15 credits, each field missing
 * 10% of the time and of the wrong type another 10%. About 77 tags per comic, nearly all of them
 * new rows: the worst case for the create/link phases.
 */

const CHANCE_MISSING = 0.1;
const CHANCE_WRONG_TYPE = 0.1;
const MAX_LIST_NAMES = 20;
const MAX_CREDITS = 15;
const NAME_LENGTH = 64;
/** Codex writes 70-character person names (64 * 1.1). */
const PERSON_LENGTH = 70;
/** A small share of list names come from a shared pool, so some tag rows are reused. */
const CHANCE_SHARED_NAME = 0.05;
const SHARED_POOL = 500;

const INTS: [ComicInfoElement, number][] = [
  ['Number', 1024], ['AlternateNumber', 1024], ['Count', 1024], ['AlternateCount', 1024],
  ['Year', 2030], ['Month', 12], ['Day', 31], ['Volume', 2030], ['PageCount', 1024],
  ['StoryArcNumber', 1024],
];
const STRINGS: [ComicInfoElement, number][] = [
  ['AlternateSeries', 64], ['Format', 16], ['Publisher', 24], ['Imprint', 24], ['Series', 64],
  ['AgeRating', 18], ['Title', 24], ['Summary', 1024], ['Notes', 128], ['ScanInformation', 32],
  ['MainCharacterOrTeam', 24],
];
export const CODEX_LIST_ELEMENTS = [
  'Genre', 'Characters', 'Tags', 'Teams', 'Locations', 'StoryArc', 'SeriesGroup',
] as const satisfies readonly ComicInfoElement[];
const CREDIT_ROLES = ['Colorist', 'CoverArtist', 'Editor', 'Inker', 'Letterer', 'Penciller', 'Writer'] as const;
const MANGA_VALUES = ['Yes', 'No', 'YesAndRightToLeft', 'YesRtl'];
const LANGUAGES = [
  'en', 'fr', 'de', 'es', 'it', 'ja', 'pt', 'nl', 'ko', 'zh', 'ru', 'pl', 'sv', 'da', 'fi', 'no',
  'cs', 'hu', 'tr', 'el', 'he', 'ar', 'hi', 'id', 'th', 'vi', 'uk', 'ro', 'bg', 'hr',
  'haw', 'chr', 'grc', 'ang', 'ast', 'fil',
];
const WEB_PREFIXES = [
  'https://comicvine.gamespot.com/c/4000-',
  'https://metron.cloud/issue/',
  'https://www.comics.org/issue/',
  'https://leagueofcomicgeeks.com/comic/',
  'https://www.amazon.com/dp/',
];

type Validity = 'missing' | 'wrong' | 'ok';

function validity(rng: Rng): Validity {
  const x = rng.next();
  if (x < CHANCE_MISSING) return 'missing';
  return x < CHANCE_MISSING + CHANCE_WRONG_TYPE ? 'wrong' : 'ok';
}

/** A wrong-typed number: text ('abc' in Year), or a list where one number goes. */
function wrongNumber(rng: Rng): ComicInfoValue {
  return rng.chance(0.5) ? rng.string(5) : [String(rng.int(0, 99)), String(rng.int(0, 99))];
}

function prefixedString(rng: Rng, key: string, limit: number): string {
  const prefix = `${key}_`;
  return prefix + rng.string(Math.max(0, rng.int(0, Math.round(limit * 1.2)) - prefix.length));
}

function listName(rng: Rng, key: string): string {
  const prefix = `${key}_`;
  if (rng.chance(CHANCE_SHARED_NAME)) {
    const shared = `${prefix}SHARED_${rng.int(0, SHARED_POOL - 1)}_`;
    return shared.padEnd(NAME_LENGTH, 'X');
  }
  return prefix + rng.string(NAME_LENGTH - prefix.length);
}

export function codexComicInfo(rng: Rng): ComicInfoFields {
  const fields: ComicInfoFields = {};
  for (const [key, limit] of INTS) {
    const v = validity(rng);
    if (v === 'missing') continue;
    fields[key] = v === 'wrong' ? wrongNumber(rng) : rng.int(0, Math.round(limit * 1.2));
  }
  for (const [key, limit] of STRINGS) {
    if (validity(rng) !== 'missing') fields[key] = prefixedString(rng, key, limit);
  }
  fields.LanguageISO = rng.pick(LANGUAGES);
  if (validity(rng) !== 'missing') fields.Web = `${rng.pick(WEB_PREFIXES)}${rng.int(100000, 999999)}`;
  const rating = validity(rng);
  if (rating !== 'missing') fields.CommunityRating = rating === 'wrong' ? rng.string(5) : Math.round(rng.next() * 110) / 10;
  for (const key of CODEX_LIST_ELEMENTS) {
    if (validity(rng) === 'missing') continue;
    fields[key] = Array.from({ length: rng.int(0, MAX_LIST_NAMES) }, () => listName(rng, key));
  }
  const bw = validity(rng);
  if (bw !== 'missing') fields.BlackAndWhite = bw === 'wrong' ? rng.string(5) : rng.chance(0.5);
  const manga = validity(rng);
  if (manga !== 'missing') fields.Manga = manga === 'wrong' ? rng.string(5) : rng.pick(MANGA_VALUES);
  Object.assign(fields, codexCredits(rng));
  return fields;
}

function codexCredits(rng: Rng): ComicInfoFields {
  if (validity(rng) === 'missing') return {};
  const byRole: Partial<Record<(typeof CREDIT_ROLES)[number], string[]>> = {};
  for (let i = rng.int(0, MAX_CREDITS); i > 0; i--) {
    (byRole[rng.pick(CREDIT_ROLES)] ??= []).push(rng.string(PERSON_LENGTH));
  }
  return byRole;
}

/**
 * Codex scatters files over hashed folders; real libraries are publisher/series trees, so the
 * folders here are a fixed pool of that shape (about 25 comics per series folder, 1 in 10 a level
 * deeper, 3% at the root) while the metadata stays random.
 */
function codexFolder(rng: Rng, count: number): string {
  if (rng.chance(0.03)) return '';
  const seriesFolders = Math.max(1, Math.round(count / 25));
  const publishers = Math.max(1, Math.round(count / 1000));
  const series = rng.int(0, seriesFolders - 1);
  const folder = joinPath(`Publisher ${series % publishers}`, `Series ${series}`);
  return rng.chance(0.1) ? joinPath(folder, 'Specials') : folder;
}

export function* planCodex({ count, seed, formats }: PlanOptions): Generator<ComicSpec> {
  const pickFormat = formatPicker({ CBZ: 1 }, formats);
  for (let index = 0; index < count; index++) {
    // One stream per comic: no comic depends on how many draws the ones before it made.
    const rng = createRng(deriveSeed(seed, index));
    const format = pickFormat(rng);
    const name = `comic-${String(index).padStart(7, '0')}${FORMAT_EXTENSIONS[format]}`;
    const path = joinPath(codexFolder(rng, count), name);
    const comicInfo = codexComicInfo(rng);
    yield format === 'PDF'
      ? { path, format, pages: 1, mtime: mtimeFor(index), pdfInfo: { Title: String(comicInfo.Title ?? name) } }
      : { path, format, pages: 1, mtime: mtimeFor(index), comicInfo };
  }
}
