import { createCleaner, type Cleaner } from './clean/cleaner';
import { uniqueCredits } from './clean/credits';
import { nameKey, splitList, uniqueBy } from './clean/lists';
import type { MetadataPatch } from './patch';
import { all, asObject, attribute, first, parseXml, textOf, type XmlElement, type XmlObject } from './xml';

/**
 * PDF metadata: the Info dictionary (as pdf.js returns it) and the XMP packet. XMP is the newer
 * record and wins over Info for single values. Older taggers stored a whole ComicInfo.xml in
 * Keywords (Info or XMP pdf:Keywords); that document is handed back to be read as ComicInfo, at
 * ComicInfo's precedence. Creation and modification dates are not read: they date the file, not
 * the comic, and would override the cover year a file name gives. As comicbox reads them, the
 * creating application (Creator, xmp:CreatorTool) is the scan information and the producing one
 * (Producer, pdf:Producer) the tagger.
 */
export interface PdfMetadata {
  patch: MetadataPatch;
  /** A ComicInfo document found in Keywords. */
  comicInfo?: string;
}

/** The properties read from either place; Subject holds genres, as comicbox writes them. */
interface PdfFields {
  title?: string;
  authors: string[];
  genres: string[];
  keywords: string[];
  summary?: string;
  publisher?: string;
  language?: string;
  scanInfo?: string;
  tagger?: string;
}

const looksLikeComicInfo = (text: string): boolean => /<ComicInfo[\s>]/i.test(text);

export function parsePdf(info: Record<string, unknown>, xmp: string | undefined, warnings: string[]): PdfMetadata {
  const clean = createCleaner('pdf', warnings);
  const infoFields = readInfo(info);
  const xmpRead = xmp === undefined ? undefined : readXmp(xmp, clean);
  const comicInfo = [info.Keywords, xmpRead?.rawKeywords]
    .filter((text): text is string => typeof text === 'string')
    .find(looksLikeComicInfo);
  const xmpFields = xmpRead?.fields;
  const pick = <K extends 'title' | 'summary' | 'publisher' | 'language' | 'scanInfo' | 'tagger'>(key: K): string | undefined => xmpFields?.[key] ?? infoFields[key];
  const union = (key: 'authors' | 'genres' | 'keywords'): string[] =>
    uniqueBy([...(xmpFields?.[key] ?? []), ...infoFields[key]], nameKey);
  return {
    patch: {
      title: clean.name('Title', pick('title')),
      summary: clean.text('Description', pick('summary')),
      publisher: clean.name('Publisher', pick('publisher')),
      language: clean.language('Language', pick('language')),
      scanInfo: clean.name('Creator', pick('scanInfo')),
      tagger: clean.name('Producer', pick('tagger')),
      credits: uniqueCredits(clean.names('Author', union('authors')).map((person) => ({ person, role: 'Writer' }))),
      genres: clean.names('Subject', union('genres')),
      tags: clean.names('Keywords', union('keywords')),
    },
    ...(comicInfo !== undefined && { comicInfo }),
  };
}

function readInfo(info: Record<string, unknown>): PdfFields {
  const text = (key: string): string | undefined => (typeof info[key] === 'string' ? info[key] : undefined);
  const keywords = text('Keywords');
  return {
    title: text('Title'),
    scanInfo: text('Creator'),
    tagger: text('Producer'),
    authors: splitList(text('Author')),
    genres: splitList(text('Subject')),
    keywords: keywords === undefined || looksLikeComicInfo(keywords) ? [] : splitList(keywords),
  };
}

/** A property's values: its text, the items of an rdf:Alt/Seq/Bag, or a Description attribute. */
function propertyValues(descriptions: XmlObject[], name: string): string[] {
  const values: string[] = [];
  for (const description of descriptions) {
    const fromAttribute = attribute(description, name);
    if (fromAttribute !== undefined) values.push(fromAttribute);
    for (const element of all(description, name)) values.push(...containerItems(element));
  }
  return values;
}

function containerItems(element: XmlElement): string[] {
  const object = asObject(element);
  const container = ['alt', 'seq', 'bag'].map((kind) => first(object, kind)).find((found) => found !== undefined);
  if (container === undefined) {
    const text = textOf(element);
    return text === undefined ? [] : [text];
  }
  return all(asObject(container), 'li')
    .map(textOf)
    .filter((text): text is string => text !== undefined);
}

function readXmp(xmp: string, clean: Cleaner): { fields: PdfFields; rawKeywords?: string } | undefined {
  const result = parseXml(xmp, 'xmpmeta', 'RDF');
  if (!result.ok) {
    clean.warn('XMP', `${result.reason}; ignored`);
    return undefined;
  }
  const rdf = first(result.root, 'rdf') === undefined ? result.root : asObject(first(result.root, 'rdf') ?? {});
  const descriptions = all(rdf, 'description').map(asObject);
  const values = (name: string): string[] => propertyValues(descriptions, name);
  const [rawKeywords] = values('keywords');
  return {
    fields: {
      title: values('title')[0],
      summary: values('description')[0],
      publisher: values('publisher')[0],
      language: values('language')[0],
      scanInfo: values('creatortool')[0],
      tagger: values('producer')[0],
      authors: values('creator').flatMap(splitList),
      genres: [],
      keywords: [...values('subject'), ...values('keywords')].filter((text) => !looksLikeComicInfo(text)).flatMap(splitList),
    },
    ...(rawKeywords !== undefined && { rawKeywords }),
  };
}
