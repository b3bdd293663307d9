import { COMICINFO_CREDIT_ELEMENTS, type ComicInfoFields } from '../../comicinfo-xml';
import { createRng, deriveSeed, type Rng } from '../../prng';
import { FORMAT_EXTENSIONS, type ComicSpec, type GeneratedFormat } from '../comic-spec';
import { formatPicker } from '../formats';
import { joinPath, mtimeFor, safeName } from '../paths';
import type { PlanOptions } from '../plan-options';
import {
  AGE_RATINGS, FORMATS, GENRES, LANGUAGES, SCANNERS, TAG_WORDS, createVocabulary, type Vocabulary,
} from '../vocabulary';

/**
 * The `realistic` profile: comics come in series runs from shared vocabularies, so most tag rows
 * are reused across many comics (the common case of a real library), 10 to 30 tags per comic,
 * mostly CBZ with a few CB7, CBT and PDF files.
 */

export const REALISTIC_FORMAT_MIX = { CBZ: 0.955, CB7: 0.015, CBT: 0.015, PDF: 0.015 };
export const REALISTIC_TAGS = { min: 10, max: 30 };
const MEAN_ISSUES_PER_SERIES = 8;
const ISSUES_PER_SUBFOLDER = 25;

/** One series run: what its issues share. */
export interface SeriesPlan {
  name: string;
  publisher: string;
  imprint?: string;
  startYear: number;
  startMonth: number;
  volume: number;
  issueCount: number;
  ended: boolean;
  firstIssue: number;
  folder: string;
  language: string;
  ageRating: string;
  format: string;
  manga: boolean;
  genres: string[];
  characters: number[];
  teams: number[];
  locations: number[];
  creators: number[];
  seriesGroup?: string;
}

export function planSeries(vocab: Vocabulary, index: number, seed: number): SeriesPlan {
  const rng = createRng(deriveSeed(seed, 0x5e71e5, index));
  const sizes = vocab.sizes;
  const publisherIndex = rng.skewedIndex(sizes.publishers);
  const publisher = vocab.publisher(publisherIndex);
  const imprints = vocab.imprints(publisherIndex);
  const imprint = imprints.length > 0 && rng.chance(0.4) ? rng.pick(imprints) : undefined;
  const name = vocab.series(index);
  const startYear = rng.int(1938, 2024);
  const issueCount = Math.min(150, 1 + Math.floor(-Math.log(1 - rng.next()) * (MEAN_ISSUES_PER_SERIES - 1)));
  const where = rng.next();
  const seriesFolder = `${safeName(name)} (${startYear})`;
  const folder =
    where < 0.02 ? '' // loose files at the library root
    : where < 0.05 ? joinPath('Unsorted', seriesFolder)
    : joinPath(safeName(publisher), imprint ? safeName(imprint) : '', seriesFolder);
  return {
    name,
    publisher,
    ...(imprint ? { imprint } : {}),
    startYear,
    startMonth: rng.int(1, 12),
    volume: rng.chance(0.7) ? startYear : rng.int(1, 4),
    issueCount,
    ended: rng.chance(0.5),
    firstIssue: rng.chance(0.03) ? 0 : 1,
    folder,
    language: rng.pick(LANGUAGES),
    ageRating: rng.pick(AGE_RATINGS),
    format: issueCount === 1 ? 'One-Shot' : rng.pick(FORMATS.slice(0, 2)),
    manga: rng.chance(0.05),
    genres: rng.sample(GENRES, rng.int(1, 3)),
    characters: distinct(rng, sizes.characters, rng.int(2, 6)),
    teams: distinct(rng, sizes.teams, rng.int(0, 2)),
    locations: distinct(rng, sizes.locations, rng.int(1, 3)),
    creators: distinct(rng, sizes.creators, 7),
    ...(rng.chance(0.2) ? { seriesGroup: vocab.seriesGroup(rng.skewedIndex(sizes.seriesGroups)) } : {}),
  };
}

/** `count` distinct indices below `size`, popular ones more often. */
function distinct(rng: Rng, size: number, count: number): number[] {
  const picked = new Set<number>();
  const wanted = Math.min(count, size);
  while (picked.size < wanted) picked.add(rng.chance(0.8) ? rng.skewedIndex(size) : rng.int(0, size - 1));
  return [...picked];
}

/** Distinct names: the series' own first, then names drawn from the whole pool. */
function names(rng: Rng, core: readonly number[], size: number, count: number, name: (i: number) => string): string[] {
  const picked = new Set<number>(core.slice(0, count));
  const wanted = Math.min(count, size);
  while (picked.size < wanted) picked.add(rng.skewedIndex(size));
  return [...picked].map(name);
}

/** How a comic's tag budget (10 to 30) splits over its fields; each unit is one tag row. */
interface TagBudget {
  credits: number;
  characters: number;
  teams: number;
  locations: number;
  tags: number;
  storyArcs: number;
  seriesGroups: number;
}

const SPREAD: [keyof TagBudget, number, number][] = [
  // field, weight, most per comic
  ['characters', 5, 20],
  ['teams', 1.5, 5],
  ['locations', 1.5, 5],
  ['tags', 2, 8],
  ['storyArcs', 0.6, 2],
];

function splitBudget(rng: Rng, units: number, series: SeriesPlan): TagBudget {
  const budget: TagBudget = { credits: 0, characters: 0, teams: 0, locations: 0, tags: 0, storyArcs: 0, seriesGroups: 0 };
  let left = units;
  if (series.seriesGroup && left > 0) {
    budget.seriesGroups = 1;
    left--;
  }
  budget.credits = Math.min(left, rng.int(2, 9));
  left -= budget.credits;
  while (left > 0) {
    const open = SPREAD.filter(([field, , max]) => budget[field] < max);
    const total = open.reduce((sum, [, w]) => sum + w, 0);
    let x = rng.next() * total;
    const [field] = open.find(([, w]) => (x -= w) < 0) ?? open[open.length - 1]!;
    budget[field]++;
    left--;
  }
  return budget;
}

function credits(rng: Rng, vocab: Vocabulary, series: SeriesPlan, count: number): ComicInfoFields {
  const byRole: ComicInfoFields = {};
  const roles = COMICINFO_CREDIT_ELEMENTS.filter((r) => r !== 'Translator');
  for (let i = 0; i < count; i++) {
    const role = roles[i % roles.length]!;
    // The series' regular team mostly, a fill-in now and then.
    const person = i < series.creators.length && rng.chance(0.85)
      ? vocab.creator(series.creators[i]!)
      : vocab.creator(rng.skewedIndex(vocab.sizes.creators));
    const current = (byRole[role] as string[] | undefined) ?? [];
    if (!current.includes(person)) byRole[role] = [...current, person];
  }
  return byRole;
}

export function realisticComicInfo(rng: Rng, vocab: Vocabulary, series: SeriesPlan, issue: number, pages: number): ComicInfoFields {
  const sizes = vocab.sizes;
  const month0 = series.startMonth - 1 + (issue - series.firstIssue);
  const fields: ComicInfoFields = {
    Series: series.name,
    Number: String(issue),
    ...(series.ended ? { Count: series.issueCount } : {}),
    Volume: series.volume,
    Year: series.startYear + Math.floor(month0 / 12),
    Month: (month0 % 12) + 1,
    Publisher: series.publisher,
    ...(series.imprint ? { Imprint: series.imprint } : {}),
    LanguageISO: series.language,
    Format: series.format,
    AgeRating: series.ageRating,
    Genre: series.genres,
    PageCount: pages,
  };
  if (rng.chance(0.5)) fields.Day = rng.int(1, 28);
  if (rng.chance(0.6)) fields.Title = `The ${vocab.series(rng.int(0, 4000)).split(' ').slice(0, 2).join(' ')}`;
  if (rng.chance(0.6)) fields.MainCharacterOrTeam = vocab.character(series.characters[0]!);
  if (rng.chance(0.3)) fields.ScanInformation = rng.pick(SCANNERS);
  if (rng.chance(0.7)) fields.Web = `https://comicvine.gamespot.com/issue/4000-${rng.int(10000, 999999)}/`;
  const singles = ['Publisher', 'Imprint', 'Series', 'LanguageISO', 'Format', 'AgeRating', 'MainCharacterOrTeam', 'ScanInformation', 'Web']
    .filter((k) => k in fields).length;
  const total = rng.int(REALISTIC_TAGS.min, REALISTIC_TAGS.max);
  const budget = splitBudget(rng, Math.max(0, total - singles - series.genres.length), series);

  Object.assign(fields, credits(rng, vocab, series, budget.credits));
  const characters = names(rng, series.characters, sizes.characters, budget.characters, vocab.character);
  const locations = names(rng, series.locations, sizes.locations, budget.locations, vocab.location);
  if (characters.length) fields.Characters = characters;
  if (budget.teams) fields.Teams = names(rng, series.teams, sizes.teams, budget.teams, vocab.team);
  if (locations.length) fields.Locations = locations;
  if (budget.tags) fields.Tags = rng.sample(TAG_WORDS, budget.tags);
  if (budget.storyArcs) {
    fields.StoryArc = names(rng, [], sizes.storyArcs, budget.storyArcs, vocab.storyArc);
    fields.StoryArcNumber = rng.int(1, 6);
  }
  if (budget.seriesGroups && series.seriesGroup) fields.SeriesGroup = [series.seriesGroup];

  const hero = characters[0] ?? vocab.character(series.characters[0]!);
  const place = locations[0] ?? 'the city';
  fields.Summary = `${hero} faces a new threat in ${place} & learns that "nothing" is <quite> what it seems.`;
  if (rng.chance(0.5)) fields.Notes = `Tagged with ComicTagger 1.6.0 using info from Comic Vine [Issue ID ${rng.int(1000, 999999)}]`;
  if (rng.chance(0.3)) fields.CommunityRating = rng.int(0, 10) / 2;
  if (rng.chance(0.05)) fields.BlackAndWhite = true;
  if (series.manga) fields.Manga = 'YesAndRightToLeft';
  else if (rng.chance(0.3)) fields.Manga = 'No';
  if (rng.chance(0.2)) fields.GTIN = String(rng.int(100000, 999999)) + String(rng.int(1000000, 9999999));
  return fields;
}

function comicPath(series: SeriesPlan, issue: number, year: number, format: GeneratedFormat): string {
  const sub = series.issueCount > ISSUES_PER_SUBFOLDER
    ? (() => {
        const from = Math.floor((issue - series.firstIssue) / ISSUES_PER_SUBFOLDER) * ISSUES_PER_SUBFOLDER + series.firstIssue;
        return `Issues ${String(from).padStart(3, '0')}-${String(from + ISSUES_PER_SUBFOLDER - 1).padStart(3, '0')}`;
      })()
    : '';
  const file = `${safeName(series.name)} ${String(issue).padStart(3, '0')} (${year})${FORMAT_EXTENSIONS[format]}`;
  return joinPath(series.folder, sub, file);
}

/** One realistic comic: issue `issue` of `series`, drawn from its own stream. */
export function realisticComic(vocab: Vocabulary, series: SeriesPlan, issue: number, rng: Rng, format: GeneratedFormat, mtime: number): ComicSpec {
  const pages = rng.int(1, 6);
  const comicInfo = realisticComicInfo(rng, vocab, series, issue, pages);
  const path = comicPath(series, issue, Number(comicInfo.Year), format);
  if (format !== 'PDF') return { path, format, pages, mtime, comicInfo };
  const writers = [...((comicInfo.Writer as string[] | undefined) ?? [])];
  return {
    path,
    format,
    pages,
    mtime,
    pdfInfo: {
      Title: `${series.name} #${issue}`,
      ...(writers.length ? { Author: writers.join(', ') } : {}),
      Subject: String(comicInfo.Summary),
      Keywords: [...series.genres, ...((comicInfo.Tags as string[] | undefined) ?? [])].join(', '),
      Creator: 'longbox generator',
    },
  };
}

export function* planRealistic({ count, seed, formats }: PlanOptions): Generator<ComicSpec> {
  const vocab = createVocabulary(count);
  const pickFormat = formatPicker(REALISTIC_FORMAT_MIX, formats);
  let index = 0;
  for (let s = 0; index < count; s++) {
    const series = planSeries(vocab, s, seed);
    for (let k = 0; k < series.issueCount && index < count; k++, index++) {
      const rng = createRng(deriveSeed(seed, index));
      yield realisticComic(vocab, series, series.firstIssue + k, rng, pickFormat(rng), mtimeFor(index));
    }
  }
}
