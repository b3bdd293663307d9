import { NAME_MAX } from '../limits';
import type { Cleaned } from './result';
import { numericReference } from './character-reference';

/**
 * HTML entities that survive XML parsing or arrive in JSON, PDF strings and file names. Taggers
 * often double-encode (`&amp;amp;`), and the XML reader decodes only one level and only a few
 * names, so every string goes through this once more.
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  aacute: 'á', eacute: 'é', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ',
  Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó', Uacute: 'Ú', Ntilde: 'Ñ',
  agrave: 'à', egrave: 'è', ograve: 'ò', acirc: 'â', ecirc: 'ê', ocirc: 'ô',
  auml: 'ä', euml: 'ë', iuml: 'ï', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü',
  ccedil: 'ç', Ccedil: 'Ç', szlig: 'ß', frac12: '½', frac14: '¼', frac34: '¾',
};

const ENTITY = /&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,10});/gi;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? whole;
    // The XML reader's rule, so a reference means the same once or double-encoded.
    return numericReference(body, false) ?? whole;
  });
}

/**
 * C0 control characters other than tab and line breaks, and DEL: never meant as text (PDF
 * writers leave a NUL terminator, komga.pdf's title is "komga\u0000"), and invisible in a UI.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * A UTF-16 surrogate without its pair (a JSON "\ud800" from ComicBookInfo or comicbox; references
 * to one are dropped by decodeEntities):
 * no character at all, and SQLite would store it as invalid UTF-8 that never compares equal to
 * what the next read makes of it (a forced re-import would rewrite the comic every time).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Any surrogate: most text has none, and this test is cheaper than the pairing one. */
const SURROGATE = /[\uD800-\uDFFF]/;

const stripControl = (text: string): string => {
  const kept = text.replace(CONTROL, '');
  return SURROGATE.test(kept) ? kept.replace(LONE_SURROGATE, '') : kept;
};

/** Any scalar to trimmed, entity-decoded text without control characters; empty, objects and arrays become absent. */
export function cleanText(raw: unknown): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = stripControl(decodeEntities(String(raw))).trim();
  return text === '' ? undefined : text;
}

/** Cut to `max` characters counted in code points, so an emoji is never split in half. */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}

/** A name (publisher, series, person, tag...): one line of text, at most NAME_MAX characters. */
export function cleanName(raw: unknown): Cleaned<string> {
  const text = cleanText(raw);
  if (text === undefined) return {};
  const line = text.replace(/\s+/g, ' ');
  const value = cutToLength(line, NAME_MAX);
  return value.length < line.length ? { value, problem: `is ${line.length} characters long, cut to ${NAME_MAX}` } : { value };
}
