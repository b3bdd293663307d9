/*
 * One rule for numeric character references, whether the XML reader meets them or the cleaner
 * decodes one a tagger double-encoded (`&amp;#233;`). Here, not in the XML reader, because the
 * cleaners load without it (a no-change import parses file names but no XML).
 */

/**
 * The character a numeric reference stands for, '' for one XML forbids (NUL, surrogates, numbers
 * past Unicode and, in XML 1.0, C0 controls other than tab and newlines), undefined when it is no
 * number at all.
 */
export function numericReference(body: string, xml11: boolean): string | undefined {
  const hex = body.charCodeAt(1) === 0x78 || body.charCodeAt(1) === 0x58;
  const code = hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (Number.isNaN(code) || code < 0) return undefined;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
  if (!xml11 && code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return '';
  return String.fromCodePoint(code);
}
