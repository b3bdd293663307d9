import { writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';
import { DEFAULT_ENTRY_MTIME, entryBytes, type ArchiveEntry } from './entry';

export interface ZipOptions {
  /** Archive comment (ComicBookInfo lives here), written as UTF-8. */
  comment?: string;
  /** Store every entry uncompressed. */
  store?: boolean;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

/** Write a CBZ (a plain zip, no zip64) synchronously. */
export function writeCbz(path: string, entries: ArchiveEntry[], options: ZipOptions = {}): void {
  writeFileSync(path, buildZip(entries, options));
}

/** The bytes of a zip holding `entries` in order. */
export function buildZip(entries: ArchiveEntry[], options: ZipOptions = {}): Buffer {
  if (entries.length > MAX_U16) throw new Error(`zip writer: ${entries.length} entries need zip64`);
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const packed = packEntry(entry, options.store ?? false);
    const local = localHeader(packed);
    centrals.push(centralHeader(packed, offset));
    parts.push(local, packed.data);
    offset += local.length + packed.data.length;
    if (offset > MAX_U32) throw new Error('zip writer: archive over 4 GiB needs zip64');
  }
  const central = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  if (comment.length > MAX_U16) throw new Error('zip writer: comment over 65535 bytes');
  parts.push(central, endOfCentralDirectory(entries.length, central.length, offset, comment));
  return Buffer.concat(parts);
}

interface PackedEntry {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

function packEntry(entry: ArchiveEntry, store: boolean): PackedEntry {
  const raw = entryBytes(entry);
  const name = Buffer.from(entry.name, 'utf8');
  // Without the flag, readers decode names as CP437: only ASCII names may go without it.
  const flags = name.length === entry.name.length ? 0 : FLAG_UTF8;
  const deflated = store ? raw : deflateRawSync(raw);
  // Images are already compressed: storing them is what real CBZ tools do, and it is faster to read.
  const useDeflate = !store && deflated.length < raw.length;
  const { time, date } = dosDateTime(entry.mtime ?? DEFAULT_ENTRY_MTIME);
  return {
    name,
    flags,
    method: useDeflate ? METHOD_DEFLATE : METHOD_STORE,
    time,
    date,
    crc: crc32(raw),
    size: raw.length,
    data: useDeflate ? deflated : raw,
  };
}

function localHeader(e: PackedEntry): Buffer {
  const b = Buffer.alloc(30 + e.name.length);
  b.writeUInt32LE(LOCAL_HEADER, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(e.flags, 6);
  b.writeUInt16LE(e.method, 8);
  b.writeUInt16LE(e.time, 10);
  b.writeUInt16LE(e.date, 12);
  b.writeUInt32LE(e.crc, 14);
  b.writeUInt32LE(e.data.length, 18);
  b.writeUInt32LE(e.size, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(0, 28);
  e.name.copy(b, 30);
  return b;
}

function centralHeader(e: PackedEntry, localOffset: number): Buffer {
  const b = Buffer.alloc(46 + e.name.length);
  b.writeUInt32LE(CENTRAL_HEADER, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(e.method, 10);
  b.writeUInt16LE(e.time, 12);
  b.writeUInt16LE(e.date, 14);
  b.writeUInt32LE(e.crc, 16);
  b.writeUInt32LE(e.data.length, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  // extra length, comment length, disk number, internal and external attributes stay 0
  b.writeUInt32LE(localOffset, 42);
  e.name.copy(b, 46);
  return b;
}

function endOfCentralDirectory(count: number, size: number, offset: number, comment: Buffer): Buffer {
  const b = Buffer.alloc(22 + comment.length);
  b.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  b.writeUInt16LE(comment.length, 20);
  comment.copy(b, 22);
  return b;
}

/** MS-DOS date and time from the UTC fields, so output does not depend on the machine's zone. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
