import { inflateSync } from 'node:zlib';
import { intOf, isUnfollowable, Name, PdfFile, PdfStructureError, Ref, UnsupportedFilter, type PdfDict, type PdfStream, type PdfValue } from './pdf-objects';
import { pdfText } from './pdf-text';
import type { PdfDetails } from './types';

/**
 * The page count, Info dictionary and XMP packet of a plain PDF, read with our own object reader
 * (pdf-objects.ts) as pdf.js reports them. pdf.js spends 2-3 ms to open a document (a loading
 * task, its in-thread worker, the catalog) where this reads a few objects in 0.1-0.3 ms, and a
 * library of PDF comics is opened once a file. Anything out of the ordinary gives undefined, and
 * pdf.js, with its repairs, decryption and exact errors, has the last word: an encrypted file, a
 * page tree without a whole /Count, a structure our reader cannot follow, a filter it does not
 * decode. A test checks both agree on every PDF of the corpus and the generated ones.
 */
export function readPdfStructure(path: string): PdfDetails | undefined {
  let file: PdfFile | undefined;
  try {
    file = PdfFile.open(path, { strict: true });
    if (file.trailer.has('Encrypt') || isLinearized(file)) return undefined;
    const catalog = plainDict(file, file.trailer.get('Root'));
    const pages = plainDict(file, catalog?.get('Pages'));
    const count = intOf(file.resolve(pages?.get('Count')));
    if (!catalog || !pages || count === undefined) return undefined;
    // pdf.js opens the last page, and counts the pages one by one when it is not there.
    if (count > 1 && !reachesPage(file, pages, count - 1)) return undefined;
    const xmp = xmpOf(file, catalog);
    return { pageCount: count, info: infoOf(file), ...(xmp !== undefined && { xmp }) };
  } catch (error) {
    if (isUnfollowable(error)) return undefined;
    throw error;
  } finally {
    file?.close();
  }
}

/**
 * A linearized file's first object gives pdf.js its page count (/N) in place of the page tree's,
 * when its /L is the file's length (pdf.js ignores it otherwise): such files are left to pdf.js.
 */
function isLinearized(file: PdfFile): boolean {
  const first = file.firstObject();
  if (!(first instanceof Map)) return false;
  const linearized = first.get('Linearized');
  return typeof linearized === 'number' && linearized > 0 && first.get('L') === file.size;
}

/** A dictionary that is not a stream's: pdf.js refuses a catalog, page node or Info that is a stream. */
function plainDict(file: PdfFile, value: PdfValue | undefined): PdfDict | undefined {
  if (file.stream(value)) throw new PdfStructureError('a stream where a dictionary belongs');
  return file.dict(value);
}

/** How deep a page tree may nest here; deeper, pdf.js decides. */
const MAX_TREE_DEPTH = 32;

/**
 * Whether the page at `index` is where the page tree's counts lead: each kid a page (/Type /Page)
 * or a node of pages with a whole /Count, down to a page. Anything else, pdf.js judges.
 */
function reachesPage(file: PdfFile, root: PdfDict, index: number): boolean {
  let node = root;
  for (let depth = 0; depth < MAX_TREE_DEPTH; depth++) {
    const kids = file.resolve(node.get('Kids'));
    if (!Array.isArray(kids)) return false;
    let next: PdfDict | undefined;
    for (const kid of kids) {
      const dict = plainDict(file, kid);
      if (!dict) return false;
      if (isName(file.resolve(dict.get('Type')), 'Page')) {
        if (index === 0) return true;
        index--;
        continue;
      }
      const count = intOf(file.resolve(dict.get('Count')));
      if (count === undefined) return false;
      if (index < count) {
        next = dict;
        break;
      }
      index -= count;
    }
    if (!next) return false;
    node = next;
  }
  return false;
}

/** The Info entries pdf.js reports as text when they are strings (other keys are its Custom ones, which no reader uses). */
const TEXT_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate'];

function infoOf(file: PdfFile): Record<string, string> {
  const dict = plainDict(file, file.trailer.get('Info'));
  const info: Record<string, string> = {};
  if (!dict) return info;
  for (const key of TEXT_KEYS) {
    const value = file.resolve(dict.get(key));
    if (value instanceof Uint8Array) info[key] = pdfText(value);
  }
  return info;
}

/** The largest XMP packet read here; a bigger one is left to pdf.js. */
const MAX_XMP_BYTES = 16 * 1024 * 1024;

/** The catalog's /Metadata stream of type /Metadata, subtype /XML, as UTF-8 text, repaired as pdf.js repairs it. */
function xmpOf(file: PdfFile, catalog: PdfDict): string | undefined {
  const reference = catalog.get('Metadata');
  if (!(reference instanceof Ref)) return undefined;
  const stream = file.stream(reference);
  if (!stream || !isName(file.resolve(stream.dict.get('Type')), 'Metadata') || !isName(file.resolve(stream.dict.get('Subtype')), 'XML')) return undefined;
  let text: string;
  try {
    text = UTF8.decode(packetBytes(file, stream));
  } catch (error) {
    // Not UTF-8: pdf.js skips such a packet too.
    if (error instanceof TypeError) return undefined;
    throw error;
  }
  const repaired = repairXmp(text);
  return repaired.length > 0 ? repaired : undefined;
}

/**
 * The packet's bytes, stored or deflated. Strictly: a damaged deflate stream, which zlib and
 * pdf.js's own inflater part on at different bytes, leaves the file to pdf.js.
 */
function packetBytes(file: PdfFile, stream: PdfStream): Buffer {
  const filter = file.resolve(stream.dict.get('Filter'));
  const filters = Array.isArray(filter) ? filter.map((item) => file.resolve(item)) : filter === undefined ? [] : [filter];
  if (filters.length === 0) return file.rawData(stream, MAX_XMP_BYTES);
  if (filters.length > 1 || !isName(filters[0], 'FlateDecode') || stream.dict.has('DecodeParms')) throw new UnsupportedFilter('on the XMP packet: not Flate alone');
  try {
    return inflateSync(file.rawData(stream, MAX_XMP_BYTES), { maxOutputLength: MAX_XMP_BYTES });
  } catch {
    throw new PdfStructureError('the XMP packet does not inflate cleanly');
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const isName = (value: PdfValue | undefined, name: string) => value instanceof Name && value.name === name;

/**
 * pdf.js's two repairs of a packet before it reports it: text before the first tag goes, and an
 * element whose text is a UTF-16 string written as octal escapes after `\376\377` gets it as
 * character references (ASCII kept, except the XML specials).
 */
function repairXmp(text: string): string {
  return text.replace(/^[^<]+/, '').replaceAll(/>\\376\\377([^<]+)/g, (_, escaped: string) => {
    const bytes = escaped
      .replaceAll(/\\([0-3])([0-7])([0-7])/g, (__, high: string, middle: string, low: string) => String.fromCharCode(Number(high) * 64 + Number(middle) * 8 + Number(low)))
      .replaceAll(/&(amp|apos|gt|lt|quot);/g, (__, entity: string) => XML_ENTITIES[entity]!);
    let repaired = '>';
    for (let i = 0; i < bytes.length; i += 2) {
      // An odd byte at the end pairs with nothing: the code is NaN, written `&#xaN;`, as pdf.js writes it.
      const code = bytes.charCodeAt(i) * 256 + bytes.charCodeAt(i + 1);
      repaired += code >= 32 && code < 127 && code !== 60 && code !== 62 && code !== 38 ? String.fromCharCode(code) : `&#x${(0x10000 + code).toString(16).slice(1)};`;
    }
    return repaired;
  });
}

const XML_ENTITIES: Record<string, string> = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };
