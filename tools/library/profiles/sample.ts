import type { ComicInfoFields } from '../../comicinfo-xml';
import type { ComicBookInfo } from '../../comicbookinfo-json';
import { FORMAT_EXTENSIONS, type ComicSpec, type GeneratedFormat } from '../comic-spec';
import { joinPath, mtimeFor } from '../paths';
import type { PlanOptions } from '../plan-options';

/**
 * The `sample` profile: a few dozen golden-age comics (public-domain titles) across every format
 * longbox can read that we can write, with the metadata quirks a real library has: ComicInfo in a
 * sub-folder, a ComicBookInfo zip comment, a bad field, junk entries, a filename-only comic, a
 * non-ASCII name, loose files at the root. `npm start` imports it. The seed does not change it.
 */

interface SampleSeries {
  publisher: string;
  series: string;
  startYear: number;
  genres: string[];
  folder?: string;
}

const FOX = 'Fox Feature Syndicate';
const QUALITY = 'Quality Comics';
const GLEASON = 'Lev Gleason Publications';
const YOUTHFUL = 'Youthful Magazines';
const AJAX = 'Ajax-Farrell';

const CAPTAIN_SCIENCE: SampleSeries = { publisher: YOUTHFUL, series: 'Captain Science', startYear: 1950, genres: ['Science Fiction', 'Adventure'] };
const FANTASTIC: SampleSeries = { publisher: FOX, series: 'Fantastic Comics', startYear: 1939, genres: ['Superhero', 'Science Fiction'] };
const MYSTERY_MEN: SampleSeries = { publisher: FOX, series: 'Mystery Men Comics', startYear: 1939, genres: ['Superhero', 'Crime'] };
const PHANTOM_LADY: SampleSeries = { publisher: FOX, series: 'Phantom Lady', startYear: 1947, genres: ['Superhero', 'Crime'] };
const POLICE: SampleSeries = { publisher: QUALITY, series: 'Police Comics', startYear: 1941, genres: ['Superhero', 'Crime', 'Humor'] };
const CRACK: SampleSeries = { publisher: QUALITY, series: 'Crack Comics', startYear: 1940, genres: ['Superhero'] };
const SILVER_STREAK: SampleSeries = { publisher: GLEASON, series: 'Silver Streak Comics', startYear: 1939, genres: ['Superhero'] };
const STRANGE_FANTASY: SampleSeries = { publisher: AJAX, series: 'Strange Fantasy', startYear: 1952, genres: ['Horror', 'Fantasy'], folder: '' };

interface SampleComic {
  series: SampleSeries;
  issue: string;
  year: number;
  month: number;
  format?: GeneratedFormat;
  pages?: number;
  /** Extra words in the filename after the issue number. */
  fileTitle?: string;
  fields?: ComicInfoFields;
  /** How the metadata is carried; default ComicInfo.xml at the archive root. */
  carrier?: 'comicinfo' | 'comicinfo-in-folder' | 'comicbookinfo' | 'both' | 'pdf-info' | 'filename-only';
  junk?: boolean;
}

const SCIENCE_CREW = { Characters: ['Captain Science'], Locations: ['Earth', 'Mars'] };
const WOOD_ORLANDO = { Penciller: ['Wally Wood'], Inker: ['Joe Orlando'] };
const SAMSON = { Characters: ['Samson', 'David'], Locations: ['Ancient Israel'] };
const STARDUST = { Characters: ['Stardust the Super Wizard'], Writer: ['Fletcher Hanks'], Penciller: ['Fletcher Hanks'], Locations: ['Outer Space'] };
const PLASTIC_MAN = { Characters: ['Plastic Man', 'Woozy Winks', 'Phantom Lady'], Writer: ['Jack Cole'], Penciller: ['Jack Cole'], Inker: ['Jack Cole'] };
const DAREDEVIL = { Characters: ['Daredevil', 'The Claw'], Writer: ['Jack Binder'], Penciller: ['Jack Binder'] };
const MATT_BAKER = { Characters: ['Phantom Lady', 'Sandra Knight'], Penciller: ['Matt Baker'], Inker: ['Matt Baker'], CoverArtist: ['Matt Baker'] };

const CATALOGUE: SampleComic[] = [
  { series: CAPTAIN_SCIENCE, issue: '1', year: 1950, month: 11, fields: { ...SCIENCE_CREW, Title: 'The Invasion from Space', Summary: 'Captain Science & his young ward face invaders from the stars.' } },
  { series: CAPTAIN_SCIENCE, issue: '2', year: 1951, month: 1, fields: { ...SCIENCE_CREW, Title: 'The Flying Saucers' } },
  { series: CAPTAIN_SCIENCE, issue: '3', year: 1951, month: 3, carrier: 'comicinfo-in-folder', fields: { ...SCIENCE_CREW, Title: 'Beware the Robot Men' } },
  { series: CAPTAIN_SCIENCE, issue: '4', year: 1951, month: 5, fields: { ...SCIENCE_CREW, ...WOOD_ORLANDO, Title: 'The Monster from the Moon', StoryArc: ['Lunar War'], StoryArcNumber: 1 } },
  { series: CAPTAIN_SCIENCE, issue: '5', year: 1951, month: 7, format: 'CBT', fields: { ...SCIENCE_CREW, ...WOOD_ORLANDO, StoryArc: ['Lunar War'], StoryArcNumber: 2 } },
  { series: CAPTAIN_SCIENCE, issue: '6', year: 1951, month: 9, format: 'PDF', carrier: 'pdf-info' },
  { series: CAPTAIN_SCIENCE, issue: '7', year: 1951, month: 12, format: 'CB7', fields: { ...SCIENCE_CREW, ...WOOD_ORLANDO, Count: 7, Title: 'The Last Adventure' } },
  { series: FANTASTIC, issue: '1', year: 1939, month: 12, fields: { ...SAMSON, Title: 'Samson', Tags: ['first issue'] } },
  { series: FANTASTIC, issue: '2', year: 1940, month: 1, format: 'CB7', fields: SAMSON },
  { series: FANTASTIC, issue: '3', year: 1940, month: 2, junk: true, fields: { ...SAMSON, Notes: 'Scan includes __MACOSX and .DS_Store junk.' } },
  { series: FANTASTIC, issue: '16', year: 1941, month: 3, fields: { ...STARDUST, Tags: ['first appearance'], Summary: 'Stardust, the super wizard, uses his star-powers against a ring of spies.' } },
  { series: FANTASTIC, issue: '17', year: 1941, month: 4, fileTitle: '– Stardust', fields: { ...STARDUST, Summary: 'Stardust returns to punish “fifth columnists” à la Hanks.' } },
  { series: FANTASTIC, issue: '18', year: 1941, month: 5, format: 'CBT', fields: STARDUST },
  { series: MYSTERY_MEN, issue: '1', year: 1939, month: 8, carrier: 'comicbookinfo' },
  { series: MYSTERY_MEN, issue: '2', year: 1939, month: 9, carrier: 'both', fields: { Characters: ['Blue Beetle', 'Dan Garret'], Penciller: ['Charles Nicholas'] } },
  { series: MYSTERY_MEN, issue: '3', year: 1939, month: 10, fields: { Characters: ['Blue Beetle', 'Dan Garret'], Locations: ['New York City'] } },
  { series: PHANTOM_LADY, issue: '13', year: 1947, month: 8, fields: { ...MATT_BAKER, AgeRating: 'Teen' } },
  { series: PHANTOM_LADY, issue: '14', year: 1947, month: 10, format: 'CB7', fields: MATT_BAKER },
  { series: PHANTOM_LADY, issue: '15', year: 1947, month: 12, format: 'PDF', carrier: 'pdf-info' },
  { series: POLICE, issue: '1', year: 1941, month: 8, fields: { ...PLASTIC_MAN, Title: 'Plastic Man', Tags: ['first appearance', 'origin'] } },
  { series: POLICE, issue: '2', year: 1941, month: 9, fields: PLASTIC_MAN },
  { series: POLICE, issue: '13', year: 1942, month: 11, fields: { ...PLASTIC_MAN, Characters: ['Plastic Man', 'Woozy Winks'], CommunityRating: 4.5 } },
  { series: POLICE, issue: '14', year: 1942, month: 12, format: 'CBT', fields: { ...PLASTIC_MAN, Characters: ['Plastic Man', 'Woozy Winks'] } },
  { series: CRACK, issue: '1', year: 1940, month: 5, carrier: 'filename-only' },
  { series: CRACK, issue: '2', year: 1940, month: 6, fields: { Characters: ['Black Condor', 'The Clock', 'Madame Fatal'] } },
  // A bad field: the year is words, the month impossible. The rest of the comic must still import.
  { series: SILVER_STREAK, issue: '6', year: 1940, month: 9, fields: { ...DAREDEVIL, Year: 'Nineteen Forty', Month: 13, Tags: ['first appearance'] } },
  { series: SILVER_STREAK, issue: '7', year: 1941, month: 1, fields: DAREDEVIL },
  { series: SILVER_STREAK, issue: '8', year: 1941, month: 3, format: 'PDF', carrier: 'pdf-info' },
  { series: STRANGE_FANTASY, issue: '1', year: 1952, month: 8, fields: { Title: 'The Mind Monster', AgeRating: 'Teen', Tags: ['pre-code'] } },
  { series: STRANGE_FANTASY, issue: '2', year: 1952, month: 10, format: 'CBT', fields: { AgeRating: 'Teen', Tags: ['pre-code'] } },
];

function fileName(c: SampleComic, format: GeneratedFormat): string {
  const title = c.fileTitle ? ` ${c.fileTitle}` : '';
  return `${c.series.series} ${c.issue.padStart(3, '0')}${title} (${c.year})${FORMAT_EXTENSIONS[format]}`;
}

function folderOf(s: SampleSeries): string {
  return s.folder ?? joinPath(s.publisher, `${s.series} (${s.startYear})`);
}

function comicInfo(c: SampleComic, pages: number): ComicInfoFields {
  return {
    Series: c.series.series,
    Number: c.issue,
    Volume: c.series.startYear,
    Year: c.year,
    Month: c.month,
    Publisher: c.series.publisher,
    Genre: c.series.genres,
    LanguageISO: 'en',
    Format: 'Series',
    BlackAndWhite: false,
    PageCount: pages,
    Web: `https://www.comics.org/series/${encodeURIComponent(c.series.series)}/${c.issue}/`,
    Notes: 'Public domain golden-age comic; sample library for longbox.',
    ...c.fields,
  };
}

function comicBookInfo(c: SampleComic): ComicBookInfo {
  return {
    series: c.series.series,
    issue: c.issue,
    publisher: c.series.publisher,
    publicationYear: c.year,
    publicationMonth: c.month,
    volume: c.series.startYear,
    genre: c.series.genres.join(', '),
    language: 'English',
    country: 'United States',
    credits: [{ person: 'Charles Nicholas', role: 'Artist', primary: true }],
    tags: ['first appearance', 'Blue Beetle'],
    comments: 'The Blue Beetle debuts; tagged by ComicTagger in the zip comment only.',
  };
}

function sampleComic(c: SampleComic, index: number): ComicSpec {
  const format = c.format ?? 'CBZ';
  const pages = c.pages ?? 3 + (index % 4);
  const base = { path: joinPath(folderOf(c.series), fileName(c, format)), format, pages, mtime: mtimeFor(index) };
  const carrier = c.carrier ?? 'comicinfo';
  const junk = c.junk ? { junkEntries: ['__MACOSX/._001.png', '.DS_Store'] } : {};
  switch (carrier) {
    case 'filename-only':
      return base;
    case 'pdf-info':
      return {
        ...base,
        pdfInfo: {
          Title: `${c.series.series} #${c.issue}`,
          Author: 'Golden Age Bullpen',
          Subject: `${c.series.series} issue ${c.issue}, ${c.series.publisher}, ${c.year}.`,
          Keywords: c.series.genres.join(', '),
          Creator: 'longbox sample generator',
          Producer: 'longbox',
        },
      };
    case 'comicbookinfo':
      return { ...base, comicBookInfo: comicBookInfo(c) };
    case 'both':
      return { ...base, comicInfo: comicInfo(c, pages), comicBookInfo: comicBookInfo(c) };
    case 'comicinfo-in-folder':
      return { ...base, comicInfo: comicInfo(c, pages), comicInfoEntry: 'Metadata/comicinfo.xml', ...junk };
    case 'comicinfo':
      return { ...base, comicInfo: comicInfo(c, pages), ...junk };
  }
}

export function* planSample({ count, formats }: PlanOptions): Generator<ComicSpec> {
  let written = 0;
  for (const [index, c] of CATALOGUE.entries()) {
    if (written >= count) return;
    if (formats && !formats.includes(c.format ?? 'CBZ')) continue;
    yield sampleComic(c, index);
    written++;
  }
}
