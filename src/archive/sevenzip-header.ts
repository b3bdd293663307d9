import { crc32 } from 'node:zlib';
import type { ArchiveFile } from './file';
import { decodeLzma, decodeLzma2, LzmaError } from './lzma';
import type { ArchiveEntry } from './types';

/**
 * The 7z header read in JavaScript, as 7-Zip lists it (`l -slt`): names, sizes, folders and
 * times, and where each file's bytes sit. Starting 7-Zip in wasm costs about a millisecond per
 * command, more than everything else a small CB7 costs; the header is a few hundred bytes,
 * compressed with LZMA at most.
 *
 * This reader takes only what it can read exactly as 7-Zip does. Anything else (a header it
 * cannot decode, a CRC that does not match, an encrypted block, a property it does not know)
 * returns undefined and the caller asks 7-Zip, whose reasons for a bad file stay the ones users
 * see. Its limits are the format's: sizes and counts are checked against the file's size, so a
 * forged header cannot make it allocate more than the file could hold.
 */

const SIGNATURE = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const SIGNATURE_HEADER_SIZE = 32;
/** A header past this is left to 7-Zip: the JavaScript reader is for the small, common case. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;

const ID = {
  end: 0x00,
  header: 0x01,
  archiveProperties: 0x02,
  additionalStreamsInfo: 0x03,
  mainStreamsInfo: 0x04,
  filesInfo: 0x05,
  packInfo: 0x06,
  unpackInfo: 0x07,
  subStreamsInfo: 0x08,
  size: 0x09,
  crc: 0x0a,
  folder: 0x0b,
  codersUnpackSize: 0x0c,
  numUnpackStream: 0x0d,
  emptyStream: 0x0e,
  emptyFile: 0x0f,
  anti: 0x10,
  name: 0x11,
  ctime: 0x12,
  atime: 0x13,
  mtime: 0x14,
  winAttributes: 0x15,
  encodedHeader: 0x17,
  startPos: 0x18,
  dummy: 0x19,
} as const;

/** The coders this reader decodes, by their 7z method ids. */
const COPY = '00';
const LZMA = '030101';
const LZMA2 = '21';
const AES = '06f10701';

const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;
/** 7-Zip's flag for a Unix mode in the attributes' high 16 bits, and that mode's file type of a link. */
const UNIX_EXTENSION = 0x8000;
const UNIX_SYMLINK = 0xa000;
/** Windows FILETIME (100 ns since 1601) of the Unix epoch. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** Why the JavaScript reader stepped aside; never shown to users (7-Zip then reads the file). */
export class NotForUs extends Error {
  override readonly name = 'NotForUs';
}

interface Coder {
  method: string;
  properties: Uint8Array;
  /** Its input streams; it has one output stream (readFolder takes no other kind). */
  inStreams: number;
}

/** A block of packed data: its coders, where its packed bytes are, what it unpacks to. */
export interface SevenZipFolder {
  coders: Coder[];
  /** Offset in the file of its (single) packed stream, and its size. */
  packOffset: number;
  packSize: number;
  packStreams: number;
  unpackSize: number;
  crc?: number;
}

/** Where a file's bytes are: its block and its offset within what the block unpacks to. */
export interface SevenZipStream {
  folder: number;
  offset: number;
  size: number;
  crc?: number;
}

export interface SevenZipHeader {
  entries: ArchiveEntry[];
  folders: SevenZipFolder[];
  /** Per entry, where its bytes are; undefined for folders and empty files. */
  streams: (SevenZipStream | undefined)[];
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new NotForUs('header ends early');
    return this.bytes[this.at++]!;
  }

  /** 7z's variable-length number: the first byte's high bits say how many bytes follow. */
  number(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) {
        value += (first & (mask - 1)) * 2 ** (8 * i);
        break;
      }
      value += this.byte() * 2 ** (8 * i);
      mask >>>= 1;
    }
    if (!Number.isSafeInteger(value)) throw new NotForUs('number too large');
    return value;
  }

  /** A count of items each at least `minBytes` long, checked against the bytes left. */
  count(minBytes = 1): number {
    const value = this.number();
    if (value * minBytes > this.bytes.length - this.at) throw new NotForUs('count larger than the header');
    return value;
  }

  uint32(): number {
    const value = this.slice(4);
    return (value[0]! | (value[1]! << 8) | (value[2]! << 16) | (value[3]! << 24)) >>> 0;
  }

  uint64(): bigint {
    const value = this.slice(8);
    return Buffer.from(value.buffer, value.byteOffset, 8).readBigUInt64LE(0);
  }

  slice(length: number): Uint8Array {
    if (length > this.bytes.length - this.at) throw new NotForUs('header ends early');
    const value = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  expect(id: number): void {
    if (this.byte() !== id) throw new NotForUs(`expected property ${id}`);
  }

  /** A bit vector of `length` bits, most significant first. */
  bits(length: number): boolean[] {
    const result: boolean[] = [];
    let byte = 0;
    for (let i = 0; i < length; i++) {
      if (i % 8 === 0) byte = this.byte();
      result.push((byte & (0x80 >>> i % 8)) !== 0);
    }
    return result;
  }

  /** "All are defined" byte, else a bit vector. */
  definedBits(length: number): boolean[] {
    return this.byte() === 0 ? this.bits(length) : new Array<boolean>(length).fill(true);
  }

  digests(length: number): (number | undefined)[] {
    const defined = this.definedBits(length);
    return defined.map((isDefined) => (isDefined ? this.uint32() : undefined));
  }
}

/** The file's header, or undefined when 7-Zip should read it. */
export function readSevenZipHeader(file: ArchiveFile): SevenZipHeader | undefined {
  try {
    return readHeader(file);
  } catch (error) {
    if (error instanceof NotForUs || error instanceof RangeError || error instanceof LzmaError) return undefined;
    throw error;
  }
}

function readHeader(file: ArchiveFile): SevenZipHeader {
  const start = file.read(0, SIGNATURE_HEADER_SIZE);
  if (start.length < SIGNATURE_HEADER_SIZE || SIGNATURE.some((byte, i) => start[i] !== byte)) throw new NotForUs('no signature');
  if (start[6] !== 0) throw new NotForUs('unknown major version');
  if (crc32(start.subarray(12, 32)) !== start.readUInt32LE(8)) throw new NotForUs('start header CRC');
  const offset = start.readBigUInt64LE(12);
  const size = start.readBigUInt64LE(20);
  if (size === 0n) {
    // 7-Zip writes an empty archive as a signature header alone.
    if (offset !== 0n || file.size !== SIGNATURE_HEADER_SIZE) throw new NotForUs('empty header with data');
    return { entries: [], folders: [], streams: [] };
  }
  const headerStart = BigInt(SIGNATURE_HEADER_SIZE) + offset;
  if (size > BigInt(MAX_HEADER_BYTES) || headerStart + size > BigInt(file.size)) throw new NotForUs('header out of the file');
  // The header is usually the file's last bytes: read as its tail, which the fingerprint reuses.
  const bytes = headerStart + size === BigInt(file.size) ? file.tail(Number(size)) : file.read(Number(headerStart), Number(size));
  if (bytes.length !== Number(size) || crc32(bytes) !== start.readUInt32LE(28)) throw new NotForUs('header CRC');

  let reader = new Reader(bytes);
  let id = reader.byte();
  if (id === ID.encodedHeader) {
    const streams = readStreamsInfo(reader, Number(headerStart));
    if (streams.folders.length !== 1) throw new NotForUs('encoded header in several blocks');
    const decoded = unpackFolder(file, streams.folders[0]!, streams.folders[0]!.unpackSize, MAX_HEADER_BYTES);
    reader = new Reader(decoded);
    id = reader.byte();
  }
  if (id !== ID.header) throw new NotForUs('no header');
  return readMainHeader(reader, Number(headerStart));
}

/** `packedEnd`: where the header starts, which packed data may not reach (7-Zip refuses it). */
function readMainHeader(reader: Reader, packedEnd: number): SevenZipHeader {
  let id = reader.byte();
  if (id === ID.archiveProperties) {
    for (let type = reader.number(); type !== ID.end; type = reader.number()) reader.slice(reader.count());
    id = reader.byte();
  }
  if (id === ID.additionalStreamsInfo) throw new NotForUs('additional streams');
  let streams: StreamsInfo = { folders: [], substreams: [] };
  if (id === ID.mainStreamsInfo) {
    streams = readStreamsInfo(reader, packedEnd);
    id = reader.byte();
  }
  if (id === ID.end) {
    if (streams.folders.length > 0) throw new NotForUs('blocks without files');
    return { entries: [], folders: [], streams: [] };
  }
  if (id !== ID.filesInfo) throw new NotForUs('no files');
  const files = readFilesInfo(reader);
  reader.expect(ID.end);
  // 7-Zip extracts the last of two entries of one name, where entryToRead takes the first.
  if (new Set(files.map((item) => item.name)).size !== files.length) throw new NotForUs('two entries of one name');

  const entries: ArchiveEntry[] = [];
  const fileStreams: (SevenZipStream | undefined)[] = [];
  let next = 0;
  for (const item of files) {
    if (item.emptyStream) {
      entries.push({ name: item.name, size: 0, isDirectory: item.isDirectory, mtime: item.mtime });
      fileStreams.push(undefined);
      continue;
    }
    const stream = streams.substreams[next++];
    if (stream === undefined) throw new NotForUs('more files than streams');
    entries.push({ name: item.name, size: stream.size, isDirectory: item.isDirectory, mtime: item.mtime });
    fileStreams.push(stream);
  }
  if (next !== streams.substreams.length) throw new NotForUs('more streams than files');
  return { entries, folders: streams.folders, streams: fileStreams };
}

interface StreamsInfo {
  folders: SevenZipFolder[];
  substreams: SevenZipStream[];
}

function readStreamsInfo(reader: Reader, packedEnd: number): StreamsInfo {
  let packPos = 0;
  let packSizes: number[] = [];
  let folders: SevenZipFolder[] = [];
  let substreams: SevenZipStream[] | undefined;
  // 7-Zip wants these parts in this order, each at most once.
  const order: number[] = [ID.packInfo, ID.unpackInfo, ID.subStreamsInfo];
  let next = 0;
  for (let id = reader.byte(); id !== ID.end; id = reader.byte()) {
    const at = order.indexOf(id, next);
    if (at < 0) throw new NotForUs(`streams property ${id} out of place`);
    next = at + 1;
    if (id === ID.packInfo) ({ packPos, packSizes } = readPackInfo(reader));
    else if (id === ID.unpackInfo) folders = readUnpackInfo(reader);
    else substreams = readSubStreamsInfo(reader, folders);
  }
  // Each block's packed streams follow one another from packPos, in block order.
  let offset = SIGNATURE_HEADER_SIZE + packPos;
  let packIndex = 0;
  for (const folder of folders) {
    folder.packOffset = offset;
    folder.packSize = 0;
    for (let i = 0; i < folder.packStreams; i++) {
      const size = packSizes[packIndex++];
      if (size === undefined) throw new NotForUs('fewer packed streams than blocks need');
      if (i === 0) folder.packSize = size;
      offset += size;
    }
  }
  if (offset > packedEnd) throw new NotForUs('packed data running into the header');
  return { folders, substreams: substreams ?? folders.map((folder, index) => ({ folder: index, offset: 0, size: folder.unpackSize, crc: folder.crc })) };
}

function readPackInfo(reader: Reader): { packPos: number; packSizes: number[] } {
  const packPos = reader.number();
  const count = reader.count();
  let packSizes: number[] = [];
  for (let id = reader.byte(); id !== ID.end; id = reader.byte()) {
    if (id === ID.size) packSizes = Array.from({ length: count }, () => reader.number());
    else if (id === ID.crc) reader.digests(count);
    else throw new NotForUs(`unknown pack property ${id}`);
  }
  if (packSizes.length !== count) throw new NotForUs('packed sizes missing');
  return { packPos, packSizes };
}

function readUnpackInfo(reader: Reader): SevenZipFolder[] {
  reader.expect(ID.folder);
  const count = reader.count(2);
  if (reader.byte() !== 0) throw new NotForUs('external folders');
  const shapes = Array.from({ length: count }, () => readFolder(reader));
  reader.expect(ID.codersUnpackSize);
  const folders: SevenZipFolder[] = shapes.map(({ coders, packStreams, mainOut }) => {
    const sizes = coders.map(() => reader.number());
    return { coders, packOffset: 0, packSize: 0, packStreams, unpackSize: sizes[mainOut]! };
  });
  for (let id = reader.byte(); id !== ID.end; id = reader.byte()) {
    if (id !== ID.crc) throw new NotForUs(`unknown unpack property ${id}`);
    reader.digests(count).forEach((crc, index) => (folders[index]!.crc = crc));
  }
  return folders;
}

/** One block's coders; `mainOut` is the output stream no other coder reads, the block's result. */
function readFolder(reader: Reader): { coders: Coder[]; packStreams: number; mainOut: number } {
  const coderCount = reader.count(2);
  if (coderCount === 0 || coderCount > 64) throw new NotForUs('coder count');
  const coders: Coder[] = [];
  for (let i = 0; i < coderCount; i++) {
    const flags = reader.byte();
    if ((flags & 0xc0) !== 0) throw new NotForUs('alternative coder methods');
    const method = Buffer.from(reader.slice(flags & 0x0f)).toString('hex');
    const complex = (flags & 0x10) !== 0;
    const inStreams = complex ? reader.number() : 1;
    const outStreams = complex ? reader.number() : 1;
    if (inStreams > 64 || outStreams !== 1) throw new NotForUs('coder streams');
    const properties = (flags & 0x20) !== 0 ? reader.slice(reader.count()) : new Uint8Array(0);
    coders.push({ method, properties, inStreams });
  }
  const outTotal = coders.length;
  const inTotal = coders.reduce((sum, coder) => sum + coder.inStreams, 0);
  const boundOut = new Set<number>();
  for (let i = 0; i < outTotal - 1; i++) {
    reader.number();
    boundOut.add(reader.number());
  }
  const packStreams = inTotal - (outTotal - 1);
  if (packStreams < 1) throw new NotForUs('no packed stream');
  if (packStreams > 1) for (let i = 0; i < packStreams; i++) reader.number();
  const mainOut = Array.from({ length: outTotal }, (_, index) => index).find((index) => !boundOut.has(index));
  if (mainOut === undefined) throw new NotForUs('no main output');
  return { coders, packStreams, mainOut };
}

function readSubStreamsInfo(reader: Reader, folders: SevenZipFolder[]): SevenZipStream[] {
  let counts = folders.map(() => 1);
  let id = reader.byte();
  if (id === ID.numUnpackStream) {
    counts = folders.map(() => reader.number());
    id = reader.byte();
  }
  // Every stream is a file, and every file has a name of two bytes at least in this header.
  if (counts.reduce((sum, count) => sum + count, 0) > reader.bytes.length) throw new NotForUs('more streams than the header can name');
  const streams: SevenZipStream[] = [];
  const hasSizes = id === ID.size;
  folders.forEach((folder, index) => {
    const count = counts[index]!;
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const size = i < count - 1 ? (hasSizes ? reader.number() : 0) : folder.unpackSize - offset;
      if (size < 0 || offset + size > folder.unpackSize) throw new NotForUs('streams larger than their block');
      streams.push({ folder: index, offset, size, crc: count === 1 ? folder.crc : undefined });
      offset += size;
    }
  });
  if (!hasSizes && counts.some((count) => count > 1)) throw new NotForUs('several streams in a block without their sizes');
  if (hasSizes) id = reader.byte();
  if (id === ID.crc) {
    // Digests are listed for every stream whose CRC the block's own does not already give.
    const unknown = streams.filter((stream) => !(counts[stream.folder] === 1 && folders[stream.folder]!.crc !== undefined));
    reader.digests(unknown.length).forEach((crc, index) => (unknown[index]!.crc = crc));
    id = reader.byte();
  }
  if (id !== ID.end) throw new NotForUs(`unknown substream property ${id}`);
  return streams;
}

interface FileItem {
  name: string;
  emptyStream: boolean;
  isDirectory: boolean;
  mtime?: number;
}

function readFilesInfo(reader: Reader): FileItem[] {
  const count = reader.count();
  let emptyStream = new Array<boolean>(count).fill(false);
  let emptyCount = 0;
  let emptyFile: boolean[] = [];
  let names: string[] | undefined;
  let mtimes: (number | undefined)[] = [];
  let attributes: (number | undefined)[] = [];
  const seen = new Set<number>();
  for (let type = reader.number(); type !== ID.end; type = reader.number()) {
    // 7-Zip refuses a property twice (but for padding), and one whose size is not what it holds.
    if (seen.has(type) && type !== ID.dummy) throw new NotForUs(`file property ${type} twice`);
    seen.add(type);
    const property = new Reader(reader.slice(reader.number()));
    switch (type) {
      case ID.emptyStream:
        emptyStream = property.bits(count);
        emptyCount = emptyStream.filter(Boolean).length;
        break;
      case ID.emptyFile:
        emptyFile = property.bits(emptyCount);
        break;
      case ID.anti:
        // Anti-items delete files in an update; 7-Zip lists them specially.
        if (property.bits(emptyCount).some(Boolean)) throw new NotForUs('anti items');
        break;
      case ID.name:
        names = readNames(property, count);
        break;
      case ID.mtime:
        mtimes = readTimes(property, count);
        break;
      case ID.ctime:
      case ID.atime:
        readTimes(property, count);
        break;
      case ID.startPos:
        readDefined(property, count, () => property.uint64());
        break;
      case ID.winAttributes:
        attributes = readDefined(property, count, () => property.uint32());
        break;
      case ID.dummy:
        if (property.bytes.some((byte) => byte !== 0)) throw new NotForUs('padding that is not zeros');
        property.at = property.bytes.length;
        break;
      default:
        throw new NotForUs(`unknown file property ${type}`);
    }
    if (property.at !== property.bytes.length) throw new NotForUs(`file property ${type} of the wrong size`);
  }
  if (names === undefined) throw new NotForUs('no names');
  let emptyIndex = 0;
  return names.map((name, index) => {
    const isEmptyStream = emptyStream[index]!;
    const isEmptyFile = isEmptyStream ? (emptyFile[emptyIndex++] ?? false) : false;
    const attribute = attributes[index];
    // A link (a Windows reparse point, or a Unix symlink in the high half): 7-Zip will not read it.
    if (attribute !== undefined && ((attribute & FILE_ATTRIBUTE_REPARSE_POINT) !== 0 || ((attribute & UNIX_EXTENSION) !== 0 && ((attribute >>> 16) & 0xf000) === UNIX_SYMLINK))) {
      throw new NotForUs('a link');
    }
    return {
      name,
      emptyStream: isEmptyStream,
      isDirectory: (isEmptyStream && !isEmptyFile) || (attribute !== undefined && (attribute & FILE_ATTRIBUTE_DIRECTORY) !== 0),
      mtime: mtimes[index],
    };
  });
}

/** A per-file value where defined: "all defined" or a bit vector, then "external" (never), then the values. */
function readDefined<T>(reader: Reader, count: number, value: () => T): (T | undefined)[] {
  const defined = reader.definedBits(count);
  if (reader.byte() !== 0) throw new NotForUs('external file property');
  return defined.map((isDefined) => (isDefined ? value() : undefined));
}

const UTF16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/**
 * UTF-16 names, each ending in a zero. A name 7-Zip would list otherwise is left to it: one that
 * is not valid UTF-16, holds a control character (7-Zip prints '_') or nothing at all (7-Zip
 * names it after the archive). A backslash is kept, as 7-Zip keeps it.
 */
function readNames(reader: Reader, count: number): string[] {
  if (reader.byte() !== 0) throw new NotForUs('external names');
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = reader.at;
    // Two bytes a unit: a zero unit ends the name.
    while ((reader.byte() | reader.byte()) !== 0);
    let name: string;
    try {
      name = UTF16.decode(reader.bytes.subarray(start, reader.at - 2));
    } catch {
      throw new NotForUs('name is not UTF-16');
    }
    if (name === '' || /[\u0000-\u001f]/.test(name)) throw new NotForUs('a name 7-Zip lists otherwise');
    names.push(name);
  }
  return names;
}

/** 7-Zip prints no time for these: 0, and anything from the year 10000 on. */
const LAST_PRINTED_MS = 253402300800000;

function readTimes(reader: Reader, count: number): (number | undefined)[] {
  return readDefined(reader, count, () => reader.uint64()).map((filetime) => {
    if (filetime === undefined || filetime === 0n) return undefined;
    const ticks = filetime - FILETIME_UNIX_EPOCH;
    // Whole milliseconds, rounded down as the printed date and time are; 0 counts as unknown, as
    // the listing reader takes it.
    const ms = Number(ticks / 10000n) - (ticks < 0n && ticks % 10000n !== 0n ? 1 : 0);
    return ms === 0 || ms >= LAST_PRINTED_MS ? undefined : ms;
  });
}

/**
 * The first `wanted` bytes a block unpacks to, when it is one coder this reader decodes and its
 * whole output is at most `maxBytes`. Otherwise NotForUs. A block read to its end must also end
 * as 7-Zip wants (its stream consumed exactly, its CRC matching), or 7-Zip would call it damaged.
 */
export function unpackFolder(file: ArchiveFile, folder: SevenZipFolder, wanted: number, maxBytes: number): Uint8Array {
  if (folder.coders.length !== 1 || folder.packStreams !== 1) throw new NotForUs('several coders');
  if (wanted > maxBytes || wanted > folder.unpackSize) throw new NotForUs('too much to unpack');
  const [coder] = folder.coders as [Coder];
  const packed = file.read(folder.packOffset, folder.packSize);
  if (packed.length !== folder.packSize) throw new NotForUs('packed data cut short');
  const toEnd = wanted === folder.unpackSize;
  let unpacked: Uint8Array;
  if (coder.method === COPY) {
    if (coder.properties.length !== 0 || folder.packSize !== folder.unpackSize) throw new NotForUs('stored block of another size');
    unpacked = packed.subarray(0, wanted);
  } else if (coder.method === LZMA) {
    if (coder.properties.length !== 5) throw new NotForUs('LZMA properties');
    unpacked = decodeLzma(packed, coder.properties, wanted, toEnd);
  } else if (coder.method === LZMA2) {
    if (coder.properties.length !== 1) throw new NotForUs('LZMA2 properties');
    unpacked = decodeLzma2(packed, coder.properties[0]!, wanted, toEnd);
  } else throw new NotForUs(coder.method === AES ? 'encrypted' : `method ${coder.method}`);
  if (unpacked.length !== wanted) throw new NotForUs('block unpacks short');
  if (toEnd && folder.crc !== undefined && crc32(unpacked) !== folder.crc) throw new NotForUs('block CRC');
  return unpacked;
}

/** True when any block is encrypted: 7-Zip then says so, as it lists. */
export function hasEncryptedFolder(header: SevenZipHeader): boolean {
  return header.folders.some((folder) => folder.coders.some((coder) => coder.method === AES));
}

