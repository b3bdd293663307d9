import type { Credit } from '../schema';
import { nameKey, uniqueBy } from './lists';
import { cleanName } from './names';

/**
 * Role spellings seen across ComicInfo elements, MetronInfo roles, ComicBookInfo and CoMet, keyed
 * by their letters only ("Cover Artist", "cover-artist" and "CoverArtist" are one key), mapped to
 * one name per role so the credit_roles table holds "Penciller" once, not four ways. The canonical
 * names are MetronInfo's, the richest vocabulary; an unknown role is kept as written.
 */
const ROLE_SYNONYMS: Record<string, string> = {
  writer: 'Writer', writers: 'Writer', author: 'Writer', authors: 'Writer', writtenby: 'Writer',
  script: 'Script', scripter: 'Script', story: 'Story', plot: 'Plot', plotter: 'Plot',
  artist: 'Artist', art: 'Artist', artwork: 'Artist', illustrator: 'Illustrator',
  penciller: 'Penciller', penciler: 'Penciller', pencils: 'Penciller', pencil: 'Penciller', pencillers: 'Penciller',
  inker: 'Inker', inks: 'Inker', inkers: 'Inker', embellisher: 'Embellisher',
  colorist: 'Colorist', colourist: 'Colorist', colors: 'Colorist', colours: 'Colorist', colorer: 'Colorist',
  colorists: 'Colorist', letterer: 'Letterer', letters: 'Letterer', lettering: 'Letterer',
  cover: 'Cover', covers: 'Cover', coverartist: 'Cover', coverart: 'Cover', coverdesigner: 'Cover',
  coverartists: 'Cover', editor: 'Editor', editors: 'Editor', edits: 'Editor',
  translator: 'Translator', translation: 'Translator', translatedby: 'Translator',
  creator: 'Creator', createdby: 'Creator',
};

const roleKey = (role: string): string => role.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** "CoverArtist" -> "Cover", "pencils" -> "Penciller", "Associate Editor" stays. */
export function normalizeRole(raw: unknown): string | undefined {
  const { value } = cleanName(raw);
  if (value === undefined) return undefined;
  return ROLE_SYNONYMS[roleKey(value)] ?? value;
}

/** One credit per (person, role), people and roles compared case-insensitively. */
export function uniqueCredits(credits: Iterable<Credit>): Credit[] {
  return uniqueBy(credits, (credit) => `${nameKey(credit.person)}\u0000${nameKey(credit.role ?? '')}`);
}
