import { z } from 'zod';
import { all, asObject, attribute, decodeXml, first, parseXml } from './xml';

/**
 * ComicInfo's `<Pages>`: what a tagger recorded about each page (its Type such as FrontCover, a
 * double page, its pixel size). `image` is the page's index in reading order. Only the page list
 * uses it; the metadata record does not.
 */
export const comicInfoPageSchema = z.object({
  image: z.number().int().min(0),
  kind: z.string().min(1).max(64).optional(),
  doublePage: z.literal(true).optional(),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
});

export type ComicInfoPage = z.infer<typeof comicInfoPageSchema>;

/** Most ComicInfo files have no <Pages>: they cost a byte search, not a second parse. */
const PAGES_ELEMENT = /<pages[\s>]/i;
/** Larger values are typing errors, not pages (and must fit an integer column). */
const MAX_PIXELS_PER_SIDE = 1_000_000;

/** Malformed XML or attributes are skipped silently: the metadata reader already warned about the document. */
export function parseComicInfoPages(xml: Uint8Array | string): ComicInfoPage[] {
  const text = typeof xml === 'string' ? xml : decodeXml(xml);
  if (!PAGES_ELEMENT.test(text)) return [];
  const parsed = parseXml(text, 'ComicInfo');
  if (!parsed.ok) return [];
  const pages: ComicInfoPage[] = [];
  for (const element of all(asObject(first(parsed.root, 'pages') ?? {}), 'page')) {
    const image = whole(attribute(element, 'image'), 0);
    if (image === undefined) continue;
    const kind = attribute(element, 'type')?.trim();
    pages.push({
      image,
      kind: kind && kind.length <= 64 ? kind : undefined,
      doublePage: /^(true|1|yes)$/i.test(attribute(element, 'doublepage')?.trim() ?? '') ? true : undefined,
      width: whole(attribute(element, 'imagewidth'), 1),
      height: whole(attribute(element, 'imageheight'), 1),
    });
  }
  return pages;
}

function whole(text: string | undefined, min: number): number | undefined {
  if (text === undefined || !/^\s*\d{1,7}\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= MAX_PIXELS_PER_SIDE ? value : undefined;
}
