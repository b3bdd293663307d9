/**
 * ComicInfo.xml text from a plain object. The builder writes whatever it is given, right or
 * wrong: generators put wrong types in on purpose ('abc' in Year), so values are not checked.
 */

/** Elements in the order of the ComicInfo 2.1 schema sequence; output follows this order. */
export const COMICINFO_ELEMENTS = [
  'Title', 'Series', 'Number', 'Count', 'Volume', 'AlternateSeries', 'AlternateNumber',
  'AlternateCount', 'Summary', 'Notes', 'Year', 'Month', 'Day', 'Writer', 'Penciller', 'Inker',
  'Colorist', 'Letterer', 'CoverArtist', 'Editor', 'Translator', 'Publisher', 'Imprint', 'Genre',
  'Tags', 'Web', 'PageCount', 'LanguageISO', 'Format', 'BlackAndWhite', 'Manga', 'Characters',
  'Teams', 'Locations', 'ScanInformation', 'StoryArc', 'StoryArcNumber', 'SeriesGroup',
  'AgeRating', 'CommunityRating', 'MainCharacterOrTeam', 'Review', 'GTIN',
] as const;

export type ComicInfoElement = (typeof COMICINFO_ELEMENTS)[number];
/** Lists are written comma-separated; booleans as Yes/No. */
export type ComicInfoValue = string | number | boolean | readonly string[];
export type ComicInfoFields = Partial<Record<ComicInfoElement, ComicInfoValue>>;

/** The person fields of ComicInfo, each a comma-separated list of names. */
export const COMICINFO_CREDIT_ELEMENTS = [
  'Writer', 'Penciller', 'Inker', 'Colorist', 'Letterer', 'CoverArtist', 'Editor', 'Translator',
] as const satisfies readonly ComicInfoElement[];

const HEADER =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<ComicInfo xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';

export function buildComicInfoXml(fields: ComicInfoFields): string {
  let xml = HEADER;
  for (const element of COMICINFO_ELEMENTS) {
    const value = fields[element];
    if (value === undefined) continue;
    xml += `  <${element}>${escapeXmlText(formatValue(value))}</${element}>\n`;
  }
  return `${xml}</ComicInfo>\n`;
}

export function formatValue(value: ComicInfoValue): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.join(', ');
}

// Characters XML 1.0 cannot carry at all (even as references): dropped rather than written broken.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXmlText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
