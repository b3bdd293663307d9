import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync, constants as zlib } from 'node:zlib';

/**
 * Just enough of a PDF object reader to find the embedded files and measure them before any is
 * decoded (pdf.js's getAttachments() inflates every attachment whole, so a bomb there costs its
 * full size before a cap could apply), and to read a plain PDF's structure (pdf-structure.ts).
 * It follows the cross-reference sections (tables and streams, with their /Prev chain) and object
 * streams, and resolves the objects it is asked for. Every read is bounded by the file's size,
 * every walk by a count and all parsing by a byte budget (each object is parsed once), so hostile
 * bytes give a PdfStructureError, never a hang or an allocation the file does not justify.
 */

export class Name {
  constructor(readonly name: string) {}
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue = null | boolean | number | Name | Ref | Uint8Array | PdfValue[] | PdfDict;

/** A stream object: its dictionary and where its raw data starts. */
export interface PdfStream {
  dict: PdfDict;
  dataAt: number;
}

/** The structure cannot be followed; the caller decides what that costs (pdf.js has the last word on the document). */
export class PdfStructureError extends Error {
  override name = 'PdfStructureError';
}

// Typed in the declaration so that TypeScript narrows after a call, as after a throw.
const fail: (message: string) => never = (message) => {
  throw new PdfStructureError(message);
};

/** Objects the walk may visit in one file: far beyond a real comic's catalog, name tree and file specs. */
const MAX_OBJECTS_READ = 20_000;
/** Cross-reference sections followed through /Prev and /XRefStm. */
const MAX_XREF_SECTIONS = 64;
/** The largest single object (not stream data) parsed: a name tree leaf with thousands of entries fits. */
const MAX_OBJECT_BYTES = 8 * 1024 * 1024;
/** The largest decoded cross-reference or object stream: comics have a few MiB at most. */
export const MAX_STRUCTURE_STREAM_BYTES = 64 * 1024 * 1024;
/** A classic cross-reference table: 20 bytes an object, so room for 800,000 objects. */
const MAX_XREF_TABLE_BYTES = 16 * 1024 * 1024;
/** Bytes parsed for the objects of one file, windows that grew included: hostile layouts stop here. */
const MAX_BYTES_PARSED = 256 * 1024 * 1024;
/** Nesting of arrays and dictionaries inside one object. */
const MAX_DEPTH = 64;

/** An object at an offset, with the generation its table gives (none when found by scanning), or inside an object stream. */
type XrefEntry = { kind: 'offset'; at: number; gen?: number } | { kind: 'compressed'; stream: number; index: number } | { kind: 'free' };

export class PdfFile {
  private readonly fd: number;
  readonly size: number;
  private readonly xref = new Map<number, XrefEntry>();
  readonly trailer: PdfDict = new Map();
  private readonly objectStreams = new Map<number, { data: Buffer; offsets: Map<number, number> }>();
  /** Object streams being decoded: one whose /Length lives inside itself would recurse forever. */
  private readonly loading = new Set<number>();
  private objectsRead = 0;
  private bytesParsed = 0;
  private readonly parsed = new Map<number, { value: PdfValue; stream?: PdfStream }>();

  private constructor(
    path: string,
    private readonly strict: boolean,
  ) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /**
   * Opens the file and reads its cross-reference sections, or with `rebuild` finds every object by
   * scanning the file, as pdf.js does when the sections are broken. Throws PdfStructureError when
   * neither leads to a catalog. `strict` also refuses an object not closed by `endobj`, which
   * pdf.js would read otherwise.
   */
  static open(path: string, { rebuild = false, strict = false } = {}): PdfFile {
    const file = new PdfFile(path, strict);
    try {
      if (rebuild) file.rebuildXref();
      else file.readXref();
      return file;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  private closed = false;

  /** Once: a second close must not close a descriptor the number has since been given to. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** Up to `length` bytes from `at`, fewer at the end of the file. */
  read(at: number, length: number): Buffer {
    if (!Number.isSafeInteger(at) || at < 0 || at > this.size) fail('an offset points outside the file');
    const wanted = Math.max(0, Math.min(length, this.size - at));
    const buffer = Buffer.allocUnsafe(wanted);
    let done = 0;
    while (done < wanted) {
      const got = readSync(this.fd, buffer, done, wanted - done, at + done);
      if (got === 0) break;
      done += got;
    }
    return buffer.subarray(0, done);
  }

  /** Follows references until a direct value. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    for (let hops = 0; value instanceof Ref; hops++) {
      if (hops > 32) fail('references loop');
      value = this.object(value.num, value.gen).value;
    }
    return value;
  }

  /** A stream object by reference (streams are never direct, nor inside object streams). */
  stream(value: PdfValue | undefined): PdfStream | undefined {
    if (!(value instanceof Ref)) return undefined;
    const { stream } = this.object(value.num, value.gen);
    return stream;
  }

  /** The file's first object, after the header's comments (where a linearized file keeps its dictionary). */
  firstObject(): PdfValue | undefined {
    const head = /^(?:[\0\t\n\f\r ]|%[^\r\n]*[\r\n])*\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b/.exec(this.read(0, 1024).toString('latin1'));
    if (!head) return undefined;
    const at = head[0].search(/\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b/);
    return this.objectAt(at).value;
  }

  dict(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return resolved instanceof Map ? resolved : undefined;
  }

  private object(num: number, gen: number): { value: PdfValue; stream?: PdfStream } {
    if (++this.objectsRead > MAX_OBJECTS_READ) fail('too many objects');
    const entry = this.xref.get(num);
    if (!entry || entry.kind === 'free') return { value: null };
    if (entry.kind === 'offset') {
      if (this.strict && entry.gen !== undefined && entry.gen !== gen) fail('a reference names a generation the cross-reference table does not');
      // Parsed once: a hostile file can point a thousand references at one huge object.
      let parsed = this.parsed.get(num);
      if (!parsed) this.parsed.set(num, (parsed = this.objectAt(entry.at, { num, gen: entry.gen })));
      return parsed;
    }
    const container = this.objectStream(entry.stream);
    const offset = container.offsets.get(num);
    if (offset === undefined) return { value: null };
    return { value: new Parser(container.data, offset, this.strict).value() };
  }

  /**
   * `N G obj value endobj` at `at`, and the stream that follows a dictionary. In strict mode it
   * must be the object the cross-reference entry that gave the offset names (an entry pointing at
   * another object is a broken table, as pdf.js judges it).
   */
  private objectAt(at: number, expected?: { num: number; gen: number | undefined }): { value: PdfValue; stream?: PdfStream } {
    for (let window = 4096; ; window *= 4) {
      const bytes = this.read(at, window);
      this.bytesParsed += bytes.length;
      if (this.bytesParsed > MAX_BYTES_PARSED) fail('too many bytes parsed');
      try {
        const parser = new Parser(bytes, 0, this.strict);
        const num = parser.expectInt();
        const gen = parser.expectInt();
        if (this.strict && expected && (num !== expected.num || (expected.gen !== undefined && gen !== expected.gen))) fail('a cross-reference entry points at another object');
        parser.expectKeyword('obj');
        const value = parser.value();
        if (value instanceof Map && parser.nextIsKeyword('stream')) return { value, stream: { dict: value, dataAt: at + parser.streamDataStart() } };
        if (this.strict) parser.expectKeyword('endobj');
        return { value };
      } catch (error) {
        // A truncated window looks like a parse error: retry with more bytes until the object or the file ends.
        if (!(error instanceof OutOfBytes) || bytes.length < window || window >= MAX_OBJECT_BYTES) throw error instanceof OutOfBytes ? new PdfStructureError('an object runs past the end of the file') : error;
      }
    }
  }

  private objectStream(num: number) {
    const cached = this.objectStreams.get(num);
    if (cached) return cached;
    if (this.loading.has(num)) fail('an object stream depends on itself');
    this.loading.add(num);
    try {
      const parsed = this.parseObjectStream(num);
      this.objectStreams.set(num, parsed);
      return parsed;
    } finally {
      this.loading.delete(num);
    }
  }

  private parseObjectStream(num: number) {
    const entry = this.xref.get(num);
    if (!entry || entry.kind !== 'offset') fail('an object stream is missing');
    const { stream } = this.objectAt(entry.at, { num, gen: entry.gen });
    if (!stream) fail('an object stream is not a stream');
    const data = this.decode(stream, MAX_STRUCTURE_STREAM_BYTES);
    const count = intOf(stream.dict.get('N'));
    const first = intOf(stream.dict.get('First'));
    if (count === undefined || first === undefined || first > data.length) fail('an object stream has no valid /N or /First');
    const parser = new Parser(data, 0);
    const offsets = new Map<number, number>();
    for (let i = 0; i < count && i < 100_000; i++) {
      const objectNum = parser.expectInt();
      const offset = parser.expectInt();
      if (!offsets.has(objectNum)) offsets.set(objectNum, first + offset);
    }
    return { data, offsets };
  }

  /**
   * The stream's raw bytes: /Length when `endstream` follows where it says, else up to the first
   * `endstream` (pdf.js's repair too), never more than `limit`.
   */
  rawData(stream: PdfStream, limit: number): Buffer {
    const declared = intOf(this.resolve(stream.dict.get('Length')));
    if (declared !== undefined && stream.dataAt + declared <= this.size) {
      const after = this.read(stream.dataAt + declared, 32).toString('latin1');
      if (/^\s*endstream/.test(after)) {
        if (declared > limit) throw new TooLarge(declared);
        return this.read(stream.dataAt, declared);
      }
    }
    const window = this.read(stream.dataAt, limit + 16);
    const end = window.indexOf('endstream');
    if (end < 0) throw window.length > limit ? new TooLarge(window.length) : new PdfStructureError('a stream has no end');
    return window.subarray(0, end);
  }

  /** The stream's decoded bytes, refusing (TooLarge) past `limit`, decoded or raw. */
  decode(stream: PdfStream, limit: number): Buffer {
    const filters = filtersOf(this.resolve(stream.dict.get('Filter')));
    if (filters.length === 0) return this.rawData(stream, limit);
    if (filters.length > 1 || filters[0] !== 'FlateDecode') throw new UnsupportedFilter(filters.join(', '));
    // Deflate stores at worst 5 bytes per 64 KiB block: raw data much bigger than the limit cannot inflate below it.
    const raw = this.rawData(stream, limit + Math.ceil(limit / 1024) + 1024);
    const inflated = inflateCapped(raw, limit);
    const params = this.dict(stream.dict.get('DecodeParms'));
    return params ? unpredict(inflated, params) : inflated;
  }

  private readXref(): void {
    const tail = this.read(Math.max(0, this.size - 4096), 4096).toString('latin1');
    const match = /startxref\s+(\d+)\s*(?:%%EOF)?\s*$/.exec(tail.slice(tail.lastIndexOf('startxref')));
    if (!match) fail('no startxref');
    const seen = new Set<number>();
    const pending = [Number(match[1])];
    while (pending.length > 0) {
      const at = pending.shift()!;
      if (seen.has(at) || seen.size >= MAX_XREF_SECTIONS) continue;
      seen.add(at);
      const trailer = this.readXrefSection(at);
      // pdf.js reads the newest trailer alone: a save that dropped /Info has no Info.
      if (!this.strict || seen.size === 1) for (const [key, value] of trailer) if (!this.trailer.has(key)) this.trailer.set(key, value);
      // A hybrid file's table points at its stream too; both are read before the older sections.
      const stm = intOf(trailer.get('XRefStm'));
      if (stm !== undefined) pending.unshift(stm);
      const prev = intOf(trailer.get('Prev'));
      if (prev !== undefined) pending.push(prev);
    }
    if (!(this.trailer.get('Root') instanceof Ref)) fail('the trailer has no /Root');
  }

  /**
   * The cross-reference table rebuilt from the objects themselves: every `N G obj` in the file
   * (the last of a number wins, as an incremental update does), the objects packed in object
   * streams, and the catalog from the last trailer or cross-reference stream that names one.
   */
  private rebuildXref(): void {
    const objects = new Map<number, number>();
    const objectStreams: number[] = [];
    const trailers: number[] = [];
    const HEADER = /(?<![\d])(\d{1,10})[ \t\r\n\f\0]+\d{1,5}[ \t\r\n\f\0]+obj\b|trailer\s*<<|\/Type\s*\/(ObjStm|XRef)\b/g;
    const CHUNK = 4 * 1024 * 1024;
    const OVERLAP = 64;
    let last: number | undefined;
    for (let at = 0; at < this.size; at += CHUNK - OVERLAP) {
      const text = this.read(at, CHUNK).toString('latin1');
      for (const match of text.matchAll(HEADER)) {
        const offset = at + match.index;
        // The overlap is scanned twice: what it held was found the first time.
        if (at > 0 && match.index < OVERLAP) continue;
        if (match[1] !== undefined) {
          last = Number(match[1]);
          objects.set(last, offset);
        } else if (match[0].startsWith('trailer')) trailers.push(offset + 'trailer'.length);
        else if (last !== undefined) (match[2] === 'ObjStm' ? objectStreams : trailers).push(match[2] === 'ObjStm' ? last : -1 - last);
      }
      if (at + CHUNK >= this.size) break;
    }
    for (const [num, at] of objects) this.xref.set(num, { kind: 'offset', at });
    for (const stream of objectStreams) {
      try {
        for (const [index, num] of [...this.objectStream(stream).offsets.keys()].entries()) if (!this.xref.has(num)) this.xref.set(num, { kind: 'compressed', stream, index });
      } catch (error) {
        if (!(error instanceof PdfStructureError)) throw error;
      }
    }
    for (const trailer of trailers.reverse()) {
      try {
        const dict = trailer >= 0 ? new Parser(this.read(trailer, MAX_OBJECT_BYTES), 0).value() : this.object(-1 - trailer, 0).value;
        if (dict instanceof Map && dict.get('Root') instanceof Ref) {
          for (const [key, value] of dict) this.trailer.set(key, value);
          return;
        }
      } catch (error) {
        if (!(error instanceof PdfStructureError)) throw error;
      }
    }
    fail('no trailer names a catalog');
  }

  private readXrefSection(at: number): PdfDict {
    const head = this.read(at, 4);
    if (head.toString('latin1') === 'xref') return this.readXrefTable(at);
    const { value, stream } = this.objectAt(at);
    if (!stream || !(value instanceof Map)) fail('startxref points at neither a table nor a stream');
    this.readXrefStream(stream);
    return value;
  }

  private readXrefTable(at: number): PdfDict {
    for (let window = 64 * 1024; ; window *= 4) {
      const bytes = this.read(at, window);
      try {
        const parser = new Parser(bytes, 4);
        const entries: Array<[number, XrefEntry]> = [];
        while (!parser.nextIsKeyword('trailer')) {
          const start = parser.expectInt();
          const count = parser.expectInt();
          for (let i = 0; i < count; i++) {
            const offset = parser.expectInt();
            const gen = parser.expectInt();
            const type = parser.keyword();
            if (type === 'n' && offset > 0) entries.push([start + i, { kind: 'offset', at: offset, gen }]);
            // In strict mode a newer section's free entry hides an older one's object, as in pdf.js.
            else if (type === 'f' && this.strict) entries.push([start + i, { kind: 'free' }]);
            else if (type !== 'f' && type !== 'n') fail('a cross-reference table entry is neither n nor f');
          }
        }
        const trailer = parser.value();
        if (!(trailer instanceof Map)) fail('the trailer is not a dictionary');
        for (const [num, entry] of entries) if (!this.xref.has(num)) this.xref.set(num, entry);
        return trailer;
      } catch (error) {
        if (!(error instanceof OutOfBytes) || bytes.length < window || window >= MAX_XREF_TABLE_BYTES) throw error instanceof OutOfBytes ? new PdfStructureError('the cross-reference table runs past the end of the file') : error;
      }
    }
  }

  private readXrefStream(stream: PdfStream): void {
    const widths = this.resolve(stream.dict.get('W'));
    if (!Array.isArray(widths) || widths.length < 3) fail('a cross-reference stream has no /W');
    const [w0, w1, w2] = (widths as PdfValue[]).slice(0, 3).map((width) => intOf(width));
    if (w0 === undefined || w1 === undefined || w2 === undefined || w0 > 4 || w1 > 8 || w2 > 8) fail('a cross-reference stream has an impossible /W');
    const data = this.decode(stream, MAX_STRUCTURE_STREAM_BYTES);
    const size = intOf(stream.dict.get('Size')) ?? 0;
    const index = this.resolve(stream.dict.get('Index'));
    const ranges = Array.isArray(index) ? index.map((value) => intOf(value) ?? -1) : [0, size];
    const row = w0 + w1 + w2;
    if (row === 0) fail('a cross-reference stream has empty rows');
    const field = (at: number, width: number) => {
      let value = 0;
      for (let i = 0; i < width; i++) value = value * 256 + data[at + i]!;
      return value;
    };
    let at = 0;
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const [start, count] = [ranges[r]!, ranges[r + 1]!];
      if (start < 0 || count < 0) fail('a cross-reference stream has an impossible /Index');
      for (let i = 0; i < count && at + row <= data.length; i++, at += row) {
        const type = w0 === 0 ? 1 : field(at, w0);
        const second = field(at + w0, w1);
        const third = field(at + w0 + w1, w2);
        const num = start + i;
        if (this.xref.has(num)) continue;
        if (type === 1 && second > 0) this.xref.set(num, { kind: 'offset', at: second, gen: third });
        if (type === 2) this.xref.set(num, { kind: 'compressed', stream: second, index: third });
        if (type === 0 && this.strict) this.xref.set(num, { kind: 'free' });
      }
    }
  }
}

/** A stream's decoded or raw size is past the caller's limit. */
export class TooLarge extends PdfStructureError {
  override name = 'TooLarge';
  constructor(readonly bytes: number | undefined) {
    super('stream too large');
  }
}

export class UnsupportedFilter extends PdfStructureError {
  override name = 'UnsupportedFilter';
  constructor(readonly filters: string) {
    super(`unsupported filter ${filters}`);
  }
}

/**
 * zlib with a cap on its output. PDF writers leave checksums wrong and streams cut short often
 * enough that pdf.js ignores both; so does this (raw inflate past the 2-byte header, sync flush).
 */
function inflateCapped(raw: Buffer, limit: number): Buffer {
  if (raw.length < 2 || (raw[0]! & 0x0f) !== 8 || ((raw[0]! << 8) | raw[1]!) % 31 !== 0) fail('a Flate stream has no zlib header');
  try {
    return inflateRawSync(raw.subarray(2), { maxOutputLength: limit, finishFlush: zlib.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new TooLarge(undefined);
    throw new PdfStructureError('a Flate stream does not inflate');
  }
}

/** PNG predictors (what writers use on cross-reference streams); TIFF's is refused. */
function unpredict(data: Buffer, params: PdfDict): Buffer {
  const predictor = intOf(params.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  if (predictor < 10) throw new UnsupportedFilter('TIFF predictor');
  const colors = intOf(params.get('Colors')) ?? 1;
  const bits = intOf(params.get('BitsPerComponent')) ?? 8;
  const columns = intOf(params.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  if (rowLength === 0 || rowLength > data.length + 1) fail('impossible predictor parameters');
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = Buffer.alloc(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)]!;
    const src = r * (rowLength + 1) + 1;
    const dst = r * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[dst - rowLength + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst - rowLength + i - bpp]! : 0;
      const x = data[src + i]!;
      out[dst + i] = (type === 1 ? x + left : type === 2 ? x + up : type === 3 ? x + ((left + up) >> 1) : type === 4 ? x + paeth(left, up, upLeft) : x) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The filter names, printable: they may end up in a warning. */
function filtersOf(value: PdfValue | undefined): string[] {
  const printable = (item: PdfValue) => (item instanceof Name ? item.name.replace(/[^\x20-\x7e]/g, '?') : '?');
  if (value instanceof Name) return [printable(value)];
  if (Array.isArray(value)) return value.map(printable);
  return [];
}

/**
 * The structure cannot be followed: a PdfStructureError, or a RangeError from a hostile number
 * that slipped past a check. The caller falls back (pdf.js, a rebuild); other errors (what the
 * file system refused) stay errors.
 */
export const isUnfollowable = (error: unknown): boolean => error instanceof PdfStructureError || error instanceof RangeError;

/** A whole, non-negative number that fits a file offset, or undefined. */
export function intOf(value: PdfValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The parser ran out of bytes: with a larger window the same object may parse. */
class OutOfBytes extends PdfStructureError {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** PDF's object syntax over a buffer (ISO 32000-1 §7.3). */
class Parser {
  /** `strict`: numbers as PDF writes them and escapes within a byte, else an error (pdf.js reads them its own way). */
  constructor(
    private readonly bytes: Buffer,
    private at: number,
    private readonly strict = false,
  ) {}

  private peek(): number {
    if (this.at >= this.bytes.length) throw new OutOfBytes('out of bytes');
    return this.bytes[this.at]!;
  }

  private skipSpace(): void {
    for (;;) {
      const byte = this.peek();
      if (WHITESPACE.has(byte)) this.at++;
      else if (byte === 0x25) while (this.peek() !== 0x0a && this.peek() !== 0x0d) this.at++;
      else return;
    }
  }

  private regular(): string {
    const start = this.at;
    while (this.at < this.bytes.length && !WHITESPACE.has(this.bytes[this.at]!) && !DELIMITERS.has(this.bytes[this.at]!)) this.at++;
    // A token the window cut short is caught by the next read, which runs out of bytes.
    if (start === this.bytes.length) throw new OutOfBytes('out of bytes');
    return this.bytes.toString('latin1', start, this.at);
  }

  keyword(): string {
    this.skipSpace();
    const word = this.regular();
    if (word === '') fail('a keyword was expected');
    return word;
  }

  nextIsKeyword(word: string): boolean {
    this.skipSpace();
    const start = this.at;
    const found = this.regular() === word;
    if (!found) this.at = start;
    return found;
  }

  expectKeyword(word: string): void {
    if (this.keyword() !== word) fail(`"${word}" was expected`);
  }

  expectInt(): number {
    // Digits only: Number() would also take "0E627", "0x1F" or "" as a number.
    const word = this.keyword();
    const value = /^\d+$/.test(word) ? Number(word) : Number.NaN;
    if (!Number.isSafeInteger(value)) fail('a whole number was expected');
    return value;
  }

  /** After the `stream` keyword: its end of line (CRLF or LF) is not data. */
  streamDataStart(): number {
    if (this.bytes[this.at] === 0x0d) this.at++;
    if (this.bytes[this.at] === 0x0a) this.at++;
    return this.at;
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) fail('objects nest too deeply');
    this.skipSpace();
    const byte = this.peek();
    if (byte === 0x2f) {
      this.at++;
      return new Name(this.regular().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    }
    if (byte === 0x28) return this.literalString();
    if (byte === 0x3c) {
      if (this.bytes[this.at + 1] === 0x3c) return this.dictionary(depth);
      return this.hexString();
    }
    if (byte === 0x5b) {
      this.at++;
      const items: PdfValue[] = [];
      for (this.skipSpace(); this.peek() !== 0x5d; this.skipSpace()) items.push(this.value(depth + 1));
      this.at++;
      return items;
    }
    const word = this.regular();
    if (word === '') fail('an unexpected delimiter');
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (this.strict && !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(word)) fail('not a number as PDF writes one');
    const number = Number(word);
    if (Number.isNaN(number)) fail('an unexpected keyword');
    if (Number.isSafeInteger(number) && number >= 0) {
      // `num gen R` is a reference: look two tokens ahead, and step back when it is not one.
      const back = this.at;
      try {
        this.skipSpace();
        const gen = Number(this.regular());
        this.skipSpace();
        if (Number.isSafeInteger(gen) && this.peek() === 0x52 && !this.isRegular(this.at + 1)) {
          this.at++;
          return new Ref(number, gen);
        }
      } catch (error) {
        // The number ends the data (an object stream's last object); in a window, the next read runs out too.
        if (!(error instanceof OutOfBytes)) throw error;
      }
      this.at = back;
    }
    return number;
  }

  private isRegular(at: number): boolean {
    if (at >= this.bytes.length) return false;
    const byte = this.bytes[at]!;
    return !WHITESPACE.has(byte) && !DELIMITERS.has(byte);
  }

  private dictionary(depth: number): PdfDict {
    this.at += 2;
    const dict: PdfDict = new Map();
    for (;;) {
      this.skipSpace();
      if (this.peek() === 0x3e) {
        this.at++;
        if (this.peek() !== 0x3e) fail('a dictionary ends badly');
        this.at++;
        return dict;
      }
      const key = this.value(depth + 1);
      if (!(key instanceof Name)) fail('a dictionary key is not a name');
      const value = this.value(depth + 1);
      // A repeated key: the last one counts, as in pdf.js.
      dict.set(key.name, value);
    }
  }

  private literalString(): Uint8Array {
    this.at++;
    const out: number[] = [];
    for (let nesting = 1; ; ) {
      const byte = this.peek();
      this.at++;
      if (byte === 0x28) nesting++;
      if (byte === 0x29 && --nesting === 0) return Uint8Array.from(out);
      if (byte !== 0x5c) {
        out.push(byte);
        continue;
      }
      const next = this.peek();
      this.at++;
      const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
      if (next >= 0x30 && next <= 0x37) {
        let code = next - 0x30;
        for (let i = 0; i < 2 && this.peek() >= 0x30 && this.peek() <= 0x37; i++) code = code * 8 + this.bytes[this.at++]! - 0x30;
        if (code > 0xff && this.strict) fail('an octal escape past one byte');
        out.push(code & 0xff);
      } else if (next === 0x0d) {
        if (this.peek() === 0x0a) this.at++;
      } else if (next !== 0x0a) out.push(escapes[next] ?? next);
    }
  }

  private hexString(): Uint8Array {
    this.at++;
    let digits = '';
    for (let byte = this.peek(); byte !== 0x3e; byte = this.peek()) {
      this.at++;
      if (!WHITESPACE.has(byte)) digits += String.fromCharCode(byte);
    }
    this.at++;
    if (!/^[0-9a-fA-F]*$/.test(digits)) fail('a hex string holds a non-hex digit');
    return Uint8Array.from(Buffer.from(digits.length % 2 === 1 ? `${digits}0` : digits, 'hex'));
  }
}
