import { numericReference } from './clean/character-reference';

/**
 * Entity references in XML text and attribute values: the five XML entities, a set of common
 * HTML names that taggers write, and numeric references. One level only: `&amp;amp;` becomes
 * `&amp;` here, and the cleaners decode what is left (see clean/names.ts). The names and the
 * rules are the ones fast-xml-parser 5 applies with `htmlEntities: true`, which read every
 * document before this reader did, so values come out as they always have.
 */
const NAMED = new Map<string, string>([
  ['amp', '&'], ['apos', "'"], ['gt', '>'], ['lt', '<'], ['quot', '"'],
  ['nbsp', '\u00a0'], ['copy', '\u00a9'], ['reg', '\u00ae'], ['trade', '\u2122'], ['mdash', '\u2014'],
  ['ndash', '\u2013'], ['hellip', '\u2026'], ['laquo', '\u00ab'], ['raquo', '\u00bb'], ['lsquo', '\u2018'],
  ['rsquo', '\u2019'], ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['bull', '\u2022'], ['para', '\u00b6'],
  ['sect', '\u00a7'], ['deg', '\u00b0'], ['frac12', '\u00bd'], ['frac14', '\u00bc'], ['frac34', '\u00be'],
  ['cent', '\u00a2'], ['pound', '\u00a3'], ['curren', '\u00a4'], ['yen', '\u00a5'], ['euro', '\u20ac'],
  ['dollar', '$'], ['fnof', '\u0192'], ['inr', '\u20b9'], ['af', '\u060b'], ['birr', '\u1265\u122d'],
  ['peso', '\u20b1'], ['rub', '\u20bd'], ['won', '\u20a9'], ['yuan', '\u00a5'], ['cedil', '\u00b8'],
]);

/** A reference is `&`, a name of at most this many characters, then `;`. */
const MAX_REFERENCE = 32;

/** Where the ';' of a reference starting at `at` is, or -1 when none is within reach. */
function referenceEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + MAX_REFERENCE + 2);
  for (let i = at + 1; i < limit; i++) if (text.charCodeAt(i) === 0x3b) return i;
  return -1;
}

/** Replace the references in `text`; an unknown or unterminated one stays as written. */
export function decodeXmlEntities(text: string, xml11 = false): string {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    // The ';' is looked for only as far as a reference can reach: searching the whole rest of the
    // text from every '&' made a value of many '&'s quadratic.
    const end = referenceEnd(text, at);
    const body = end > at + 1 ? text.slice(at + 1, end) : undefined;
    const replacement = body === undefined ? undefined : body.charCodeAt(0) === 0x23 ? numericReference(body, xml11) : NAMED.get(body);
    if (replacement === undefined) {
      at = text.indexOf('&', at + 1);
      continue;
    }
    out += text.slice(copied, at) + replacement;
    copied = end + 1;
    at = text.indexOf('&', copied);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
