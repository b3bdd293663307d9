import { mixedText, readXmlTree, type XmlElement, type XmlObject } from './xml-tree';

/**
 * Shared XML reading for ComicInfo, MetronInfo, CoMet and XMP: bytes to text (BOMs, UTF-16,
 * a declared legacy encoding), a refusal of DTD entity declarations (the "billion laughs" bomb
 * and external entities; no comic metadata format declares entities), and a checked tree in which
 * every element is an array and every name is lower case (xml-tree.ts), so readers need no
 * per-format array lists and ComicInfo written as <series> or <Series> reads the same.
 */

export type { XmlElement, XmlObject };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

// Made once: a decoder costs more to make than a metadata document costs to decode.
const LATIN1 = new TextDecoder('latin1');
const UTF8 = new TextDecoder('utf-8');
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The encoding named in `<?xml ... encoding="..."?>`, read from the ASCII-compatible prefix. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = LATIN1.decode(bytes.subarray(0, 200));
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
}

/**
 * Decode metadata bytes. A BOM decides (UTF-8, UTF-16 LE/BE); without one, a NUL as one of the
 * first two bytes means UTF-16 (`<` or a line break before it is 3C 00 or 0A 00: XML text holds no
 * NUL); then the declared encoding if the platform knows it (windows-1252 files from old Windows
 * taggers); else UTF-8, unless the bytes are not UTF-8 at all (see notUtf8).
 */
export function decodeXml(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF8_BOM)) return UTF8.decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] !== 0x00 && bytes[1] === 0x00) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0x00 && bytes[1] !== 0x00) return new TextDecoder('utf-16be').decode(bytes);
  const declared = declaredEncoding(bytes);
  if (declared !== undefined && !declared.startsWith('utf')) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An encoding the platform does not know: UTF-8 is the best guess.
    }
  }
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return notUtf8(bytes);
  }
}

/**
 * Bytes that are not valid UTF-8, though declared so or declaring nothing: a Windows tagger's
 * windows-1252 ("Café" as 43 61 66 E9) when no sequence in them is UTF-8, read as such; else UTF-8
 * damaged in places, whose bad bytes become U+FFFD and whose other characters stay right.
 */
function notUtf8(bytes: Uint8Array): string {
  const lenient = UTF8.decode(bytes);
  return /[^\u0000-\u007f\ufffd]/.test(lenient) ? lenient : LATIN1.decode(bytes);
}

export type XmlResult = { ok: true; root: XmlObject } | { ok: false; reason: string };

/**
 * Parse a metadata document and return its root element (the first of `rootNames` present,
 * matched case-insensitively and without namespace prefix), or why the document cannot be used.
 */
export function parseXml(input: Uint8Array | string, ...rootNames: [string, ...string[]]): XmlResult {
  const text = (typeof input === 'string' ? input : decodeXml(input)).replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(text)) return { ok: false, reason: 'declares DTD entities (refused: entity expansion)' };
  const read = readXmlTree(text);
  if (!read.ok) return { ok: false, reason: `is not well-formed XML (line ${read.line}: ${read.message})` };
  const root = rootNames.map((name) => first(read.tree, name.toLowerCase())).find((element) => element !== undefined);
  if (root === undefined) return { ok: false, reason: `has no <${rootNames[0]}> root element` };
  return { ok: true, root: asObject(root) };
}

/** A leaf string as an object, so attribute-less and attributed elements read alike. */
export function asObject(element: XmlElement): XmlObject {
  return typeof element === 'string' ? { '#text': element } : element;
}

/** All child elements called `name` (lower case). */
export function all(parent: XmlObject | undefined, name: string): XmlElement[] {
  const value = parent?.[name];
  return Array.isArray(value) ? value : [];
}

export function first(parent: XmlObject | undefined, name: string): XmlElement | undefined {
  return all(parent, name)[0];
}

/** The text of an element: a leaf string or the `#text` of an element with attributes. */
export function textOf(element: XmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  if (typeof element === 'string') return element;
  const text = element['#text'];
  return typeof text === 'string' ? (mixedText(element) ?? text) : undefined;
}

/** The text of the first child called `name`. */
export function childText(parent: XmlObject | undefined, name: string): string | undefined {
  return textOf(first(parent, name));
}

/** The texts of every child called `name`. */
export function childTexts(parent: XmlObject | undefined, name: string): string[] {
  return all(parent, name)
    .map(textOf)
    .filter((text): text is string => text !== undefined);
}

export function attribute(element: XmlElement | undefined, name: string): string | undefined {
  if (element === undefined || typeof element === 'string') return undefined;
  const value = element[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
