import { COMICINFO_CREDIT_ELEMENTS, type ComicInfoElement, type ComicInfoFields, type ComicInfoValue } from './comicinfo-xml';

/**
 * How many tag rows a comic's ComicInfo names: every name in a list field, every credit
 * (person in a role), and each single-valued named field (publisher ... identifier). This is the
 * "tags per comic" that Codex's benchmark quotes (about 77) and the profiles are sized by.
 */
const LIST_ELEMENTS = ['Characters', 'Teams', 'Locations', 'Genre', 'Tags', 'StoryArc', 'SeriesGroup'] as const;
const SINGLE_ELEMENTS = [
  'Publisher', 'Imprint', 'Series', 'AgeRating', 'Format', 'LanguageISO', 'ScanInformation',
  'MainCharacterOrTeam', 'Web',
] as const satisfies readonly ComicInfoElement[];

export function countTags(fields: ComicInfoFields): number {
  let count = 0;
  for (const key of [...LIST_ELEMENTS, ...COMICINFO_CREDIT_ELEMENTS]) count += listLength(fields[key]);
  for (const key of SINGLE_ELEMENTS) if (fields[key] !== undefined) count++;
  return count;
}

function listLength(value: ComicInfoValue | undefined): number {
  if (value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  return String(value).split(',').filter((s) => s.trim() !== '').length;
}
