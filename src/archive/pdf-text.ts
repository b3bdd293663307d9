/**
 * A PDF text string: UTF-16 (big- or little-endian) or UTF-8 after its byte order mark, otherwise
 * PDFDocEncoding. As pdf.js reads them: an escape sequence (ESC, a language code, ESC) is dropped,
 * and a marked string that does not decode is read as PDFDocEncoding.
 */
export function pdfText(string: Uint8Array): string {
  let bytes = string;
  const encoding = bomEncoding(bytes);
  if (encoding) {
    // UTF-16 of an odd length loses its last byte, for the fallback below too (pdf.js's order).
    if (encoding !== 'utf-8') bytes = bytes.subarray(0, bytes.length - (bytes.length % 2));
    try {
      return withoutEscapes(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    } catch {
      // Read as PDFDocEncoding below.
    }
  }
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0x1b) {
      while (++i < bytes.length && bytes[i] !== 0x1b);
      continue;
    }
    text += String.fromCharCode(PDF_DOC_ENCODING[byte] ?? byte);
  }
  return text;
}

function bomEncoding(bytes: Uint8Array): 'utf-16be' | 'utf-16le' | 'utf-8' | undefined {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return undefined;
}

const withoutEscapes = (text: string) => (text.includes('\x1b') ? text.replaceAll(/\x1b[^\x1b]*(?:\x1b|$)/g, '') : text);

/**
 * Where PDFDocEncoding differs from Latin-1 (the PDF specification, annex D), as pdf.js's table
 * has it: eight accents in 0x18-0x1F, typographic characters in 0x80-0x9E, the euro at 0xA0.
 */
const PDF_DOC_ENCODING: Record<number, number> = {
  0x18: 0x2d8, 0x19: 0x2c7, 0x1a: 0x2c6, 0x1b: 0x2d9, 0x1c: 0x2dd, 0x1d: 0x2db, 0x1e: 0x2da, 0x1f: 0x2dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x141, 0x96: 0x152, 0x97: 0x160,
  0x98: 0x178, 0x99: 0x17d, 0x9a: 0x131, 0x9b: 0x142, 0x9c: 0x153, 0x9d: 0x161, 0x9e: 0x17e, 0xa0: 0x20ac,
};
