import { crc32, inflateRawSync } from 'node:zlib';
import { LongboxError } from '../errors';
import { decodeCp437 } from './cp437';
import { archiveError, entryInflatesPastCap, entryNotFound, entryTooLarge } from './errors';
import type { ArchiveFile } from './file';
import { DEFAULT_MAX_ENTRY_BYTES, type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * Our own synchronous zip reader: it reads the end records and the central directory from the
 * file's tail, then exactly one entry's bytes. Nothing else of the archive is touched, which is
 * what makes listing + reading ComicInfo.xml cost a fraction of a millisecond.
 */

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
/** Bytes read past a local header for its name and extra field, with the entry's data. */
const LOCAL_NAME_AND_EXTRA_ROOM = 1024;
/** zlib's smallest output buffer. */
const MIN_CHUNK = 64;
/** Entries below this size inflate into one buffer of their declared size (see inflate). */
const SIZED_OUTPUT_BELOW = 64 * 1024;
/** The EOCD comment is at most 65535 bytes, so the record starts this far from the end at most. */
const MAX_TAIL = EOCD_SIZE + 0xffff + ZIP64_LOCATOR_SIZE;

const FLAG_ENCRYPTED = 1 << 0;
const FLAG_UTF8 = 1 << 11;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const METHOD_AES = 99;

const EXTRA_ZIP64 = 0x0001;
const EXTRA_NTFS_TIME = 0x000a;
const EXTRA_UNIX_TIME = 0x5455;
const EXTRA_UNICODE_PATH = 0x7075;

const METHOD_NAMES: Record<number, string> = {
  1: 'shrink',
  6: 'implode',
  9: 'deflate64',
  12: 'bzip2',
  14: 'lzma',
  93: 'zstd',
  95: 'xz',
  98: 'ppmd',
};

interface ZipEntry extends ArchiveEntry {
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly crc: number;
  readonly localOffset: number;
}

interface EndRecord {
  /**
   * Bytes before the zip proper (a self-extractor stub, a script): every stored offset counts
   * from there. Negative when the records claim more bytes than lie before them.
   */
  readonly base: number;
  /** Where the end records start in the file: the central directory must end there or before. */
  readonly position: number;
  readonly entryCount: number;
  readonly directorySize: number;
  readonly directoryOffset: number;
  readonly comment: Buffer;
}

/** Reads the zip in `file`, which stays open until the caller closes it. */
export function openZip(file: ArchiveFile): Archive {
  const end = readEndRecord(file);
  // Usually inside the tail already read, which file.read serves without a system call.
  const directory = file.read(directoryStart(end), end.directorySize);
  const entries = parseCentralDirectory(directory, end.entryCount, end.base);
  if (entries.some((entry) => !entry.isDirectory && isEncrypted(entry))) {
    throw archiveError('encrypted zip: password required');
  }
  return zipArchive(file, entries, decodeComment(end.comment));
}

function zipArchive(file: ArchiveFile, entries: ZipEntry[], comment: string | undefined): Archive {
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  let open = true;
  return {
    format: 'zip',
    entries,
    comment,
    async read(name: string, options?: ReadEntryOptions) {
      if (!open) throw archiveError('zip is closed');
      const entry = byName.get(name);
      if (!entry || entry.isDirectory) throw entryNotFound(name);
      return readEntry(file, entry, options?.maxBytes ?? DEFAULT_MAX_ENTRY_BYTES);
    },
    async close() {
      open = false;
    },
  };
}

/**
 * True when the end records at the file's tail lead to a central directory: a zip behind a
 * self-extractor stub or other prepended bytes, whose first bytes name no format. An empty zip
 * there is not taken for one (its directory would start at the end record itself): a stray end
 * record alone would pass for it.
 */
export function endsWithZip(file: ArchiveFile): boolean {
  try {
    const end = readEndRecord(file);
    const firstHeader = file.read(directoryStart(end), 4);
    return firstHeader.length === 4 && firstHeader.readUInt32LE(0) === CENTRAL_SIGNATURE;
  } catch (error) {
    // Records that do not hold only mean the file is no zip; a file that cannot be read says so.
    if (error instanceof LongboxError && (error.cause as NodeJS.ErrnoException | undefined)?.syscall !== undefined) throw error;
    return false;
  }
}

/** The central directory's position in the file, checked to lie between the prefix and the end records. */
function directoryStart(end: EndRecord): number {
  const start = end.base + end.directoryOffset;
  if (end.base < 0 || start + end.directorySize > end.position) {
    throw archiveError("damaged zip: the central directory's recorded offset and size do not fit before its end record");
  }
  return start;
}

/** Scans backwards for the EOCD record, then follows the zip64 locator when one precedes it. */
function readEndRecord(file: ArchiveFile): EndRecord {
  const tail = file.tail(MAX_TAIL);
  const tailStart = file.size - tail.length;
  const at = findEndRecord(tail);
  if (at < 0) throw archiveError('truncated zip: end of central directory not found');
  const comment = tail.subarray(at + EOCD_SIZE, at + EOCD_SIZE + tail.readUInt16LE(at + 20));
  const locatorAt = at - ZIP64_LOCATOR_SIZE;
  if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR_SIGNATURE) {
    const stated = tail.readBigUInt64LE(locatorAt + 8);
    if (stated + BigInt(ZIP64_EOCD_SIZE) > BigInt(file.size)) throw archiveError('damaged zip: the zip64 end record lies past the end of the file');
    return readZip64EndRecord(file, tailStart + locatorAt, Number(stated), comment);
  }
  const position = tailStart + at;
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  return {
    // Data prepended to the zip shifts every offset by the same amount: the directory ends where the record starts.
    base: position - directorySize - directoryOffset,
    position,
    entryCount: tail.readUInt16LE(at + 10),
    directorySize,
    directoryOffset,
    comment,
  };
}

function findEndRecord(tail: Buffer): number {
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    // A signature inside the comment of another record would claim a comment running past the end.
    if (at + EOCD_SIZE + tail.readUInt16LE(at + 20) <= tail.length) return at;
  }
  return -1;
}

/**
 * The locator's offset, like every other, leaves out bytes prepended to the zip. The record is
 * sought first right before its locator, where writers put it and python's zipfile looks (how far
 * that lies past the stated offset is the prefix), then at the stated offset: a record with
 * extensible data and nothing prepended.
 */
function readZip64EndRecord(file: ArchiveFile, locatorPosition: number, stated: number, comment: Buffer): EndRecord {
  const adjacent = locatorPosition - ZIP64_EOCD_SIZE;
  for (const position of adjacent > stated ? [adjacent, stated] : [stated]) {
    const record = file.read(position, ZIP64_EOCD_SIZE);
    if (record.length < ZIP64_EOCD_SIZE || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) continue;
    return {
      base: position - stated,
      position,
      entryCount: safeNumber(record.readBigUInt64LE(32)),
      directorySize: safeNumber(record.readBigUInt64LE(40)),
      directoryOffset: safeNumber(record.readBigUInt64LE(48)),
      comment,
    };
  }
  throw archiveError('damaged zip: zip64 end of central directory record not found');
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw archiveError('damaged zip: impossible size or offset');
  return Number(value);
}

function parseCentralDirectory(directory: Buffer, expectedCount: number, base: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= directory.length) {
    if (directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) break;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) break;
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    entries.push(parseCentralEntry(directory, at, rawName, extra, base));
    at = next;
  }
  // Some writers let the 16-bit count wrap past 65535 entries instead of writing zip64 records.
  if (entries.length % 0x10000 !== expectedCount % 0x10000) {
    throw archiveError(`damaged zip: central directory lists ${entries.length} of ${expectedCount} entries`);
  }
  return entries;
}

function parseCentralEntry(directory: Buffer, at: number, rawName: Buffer, extra: Buffer, base: number): ZipEntry {
  const flags = directory.readUInt16LE(at + 8);
  const fields = extra.length === 0 ? NO_EXTRA_FIELDS : readExtraFields(extra);
  const zip64 = fields.get(EXTRA_ZIP64);
  let size = directory.readUInt32LE(at + 24);
  let compressedSize = directory.readUInt32LE(at + 20);
  let localOffset = directory.readUInt32LE(at + 42);
  // The zip64 field holds, in this order, only the values whose 32-bit slot is saturated.
  let zip64At = 0;
  const widen = (value: number): number => {
    if (value !== 0xffffffff || !zip64 || zip64At + 8 > zip64.length) return value;
    const wide = safeNumber(zip64.readBigUInt64LE(zip64At));
    zip64At += 8;
    return wide;
  };
  size = widen(size);
  compressedSize = widen(compressedSize);
  localOffset = base + widen(localOffset);
  const madeOnUnix = directory[at + 5] === HOST_UNIX;
  const name = decodeName(rawName, flags, fields.get(EXTRA_UNICODE_PATH), madeOnUnix);
  const externalAttributes = directory.readUInt32LE(at + 38);
  return {
    name,
    size,
    isDirectory: name.endsWith('/') || (externalAttributes & 0x10) !== 0,
    mtime:
      unixTime(fields.get(EXTRA_UNIX_TIME)) ??
      ntfsTime(fields.get(EXTRA_NTFS_TIME)) ??
      dosTime(directory.readUInt16LE(at + 14), directory.readUInt16LE(at + 12)),
    method: directory.readUInt16LE(at + 10),
    flags,
    compressedSize,
    crc: directory.readUInt32LE(at + 16),
    localOffset,
  };
}

/** Shared by the many entries that have none (never written to): no map made per page. */
const NO_EXTRA_FIELDS: ReadonlyMap<number, Buffer> = new Map();

function readExtraFields(extra: Buffer): Map<number, Buffer> {
  const fields = new Map<number, Buffer>();
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) break;
    // The first field of each id wins: a later one (another tool's extra whose bytes happen to
    // spell 0x0001) must not replace the zip64 sizes that came first.
    if (!fields.has(id)) fields.set(id, extra.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/** The high byte of "version made by": the writer's system (3: Unix, Linux and macOS). */
const HOST_UNIX = 3;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(raw: Buffer, flags: number, unicodePath: Buffer | undefined, madeOnUnix: boolean): string {
  if (flags & FLAG_UTF8) return raw.toString('utf8');
  // Info-ZIP's unicode path field is trusted only while it matches the name it was written for.
  if (unicodePath && unicodePath.length > 5 && unicodePath[0] === 1 && unicodePath.readUInt32LE(1) === crc32(raw)) {
    return unicodePath.subarray(5).toString('utf8');
  }
  if (isAscii(raw)) return raw.toString('latin1');
  // Info-ZIP on Linux writes the locale's bytes, UTF-8 nowadays, with neither the flag nor the
  // field; a Unix name that is valid UTF-8 is taken as such, as 7-Zip does. DOS tools wrote CP437.
  if (madeOnUnix) {
    try {
      return STRICT_UTF8.decode(raw);
    } catch {
      // Not UTF-8: an old Unix zipper's Latin-1 or CP437 bytes.
    }
  }
  return decodeCp437(raw);
}

function decodeComment(raw: Buffer): string | undefined {
  if (raw.length === 0) return undefined;
  // Comments carry no encoding flag; taggers write ComicBookInfo JSON as UTF-8.
  return raw.toString('utf8');
}

function isAscii(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

/** DOS time has no zone; reading it as UTC keeps the value the same on every machine. */
function dosTime(date: number, time: number): number | undefined {
  if (date === 0) return undefined;
  return Date.UTC(1980 + (date >> 9), ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2);
}

/** The "UT" extended timestamp field: flags, then a UTC mtime in seconds when bit 0 is set. */
function unixTime(field: Buffer | undefined): number | undefined {
  if (!field || field.length < 5 || (field[0]! & 1) === 0) return undefined;
  return field.readInt32LE(1) * 1000;
}

/** The NTFS field: 4 reserved bytes, then tag 1 holding mtime as a Windows FILETIME (100 ns since 1601). */
function ntfsTime(field: Buffer | undefined): number | undefined {
  if (!field || field.length < 32 || field.readUInt16LE(4) !== 1 || field.readUInt16LE(6) < 24) return undefined;
  return Number(field.readBigUInt64LE(8) / 10_000n) - 11_644_473_600_000;
}

function isEncrypted(entry: ZipEntry): boolean {
  return (entry.flags & FLAG_ENCRYPTED) !== 0 || entry.method === METHOD_AES;
}

function readEntry(file: ArchiveFile, entry: ZipEntry, maxBytes: number): Buffer {
  if (isEncrypted(entry)) throw archiveError('encrypted zip: password required');
  if (entry.size > maxBytes) throw entryTooLarge(entry.name, entry.size, maxBytes);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    const method = METHOD_NAMES[entry.method] ?? `method ${entry.method}`;
    throw archiveError(`unsupported zip compression: ${entry.name} uses ${method}; only stored and deflate are read`);
  }
  // Deflate never grows data by more than a few bytes per block, so a larger input is a lie.
  if (entry.compressedSize > maxBytes + (maxBytes >> 6) + 1024) throw entryTooLarge(entry.name, entry.compressedSize, maxBytes);
  if (entry.localOffset + LOCAL_HEADER_SIZE > file.size) throw archiveError(`damaged zip: ${entry.name} starts past the end of the file`);
  // The header and the data in one read (one system call, not two) when the header's name and
  // extra field fit in the room left for them, as they nearly always do.
  const span = file.read(entry.localOffset, LOCAL_HEADER_SIZE + LOCAL_NAME_AND_EXTRA_ROOM + entry.compressedSize);
  if (span.length < LOCAL_HEADER_SIZE || span.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw archiveError(`damaged zip: local header of ${entry.name} not found`);
  }
  const headerSize = LOCAL_HEADER_SIZE + span.readUInt16LE(26) + span.readUInt16LE(28);
  const dataStart = entry.localOffset + headerSize;
  if (dataStart + entry.compressedSize > file.size) throw archiveError(`truncated zip: ${entry.name} runs past the end of the file`);
  const compressed =
    headerSize + entry.compressedSize <= span.length ? span.subarray(headerSize, headerSize + entry.compressedSize) : file.read(dataStart, entry.compressedSize);
  const data = entry.method === METHOD_STORED ? compressed : inflate(entry, compressed, maxBytes);
  if (data.length !== entry.size || crc32(data) !== entry.crc) {
    throw archiveError(`damaged zip: ${entry.name} does not match its recorded size and checksum`);
  }
  return data;
}

function inflate(entry: ZipEntry, compressed: Buffer, maxBytes: number): Buffer {
  // A small entry (metadata: a few KiB) inflates into one buffer of the size it declares, plus a
  // byte, or zlib starts another buffer to find that the stream has ended: 1.5 KiB of ComicInfo
  // took 8 µs instead of 12 with zlib's default 16 KiB buffer. A large one (a page) keeps the
  // default: one buffer the size of an 880 KiB page cost 0.2-0.3 ms more than 16 KiB pieces joined.
  if (entry.size < SIZED_OUTPUT_BELOW && entry.size < maxBytes) {
    // Capped at that buffer: an entry that lies small would otherwise inflate up to the cap in
    // buffers of 64 bytes (a 4 MiB bomb declaring 0 bytes took 100-200 ms instead of 1-30). One
    // that passes it is inflated again as a large one, to fail for the reason it always did.
    const sized = inflateWithin(entry, compressed, entry.size + 1, Math.max(MIN_CHUNK, entry.size + 1));
    if (sized !== PAST_CAP) return sized;
  }
  const data = inflateWithin(entry, compressed, Math.max(1, maxBytes), undefined);
  if (data === PAST_CAP) throw entryInflatesPastCap(entry.name, maxBytes);
  return data;
}

const PAST_CAP = Symbol('past the cap');

/** The inflated bytes, or PAST_CAP when they would pass `cap`; corrupt data throws its reason. */
function inflateWithin(entry: ZipEntry, compressed: Buffer, cap: number, chunkSize: number | undefined): Buffer | typeof PAST_CAP {
  try {
    // maxOutputLength makes zlib stop as soon as the output passes the cap: a bomb is never allocated.
    return inflateRawSync(compressed, { maxOutputLength: cap, chunkSize });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return PAST_CAP;
    throw archiveError(`damaged zip: ${entry.name} does not inflate (its compressed data is corrupt)`, error);
  }
}
