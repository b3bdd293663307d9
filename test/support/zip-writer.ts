import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A tiny zip writer for tests: it can write what real tools write (stored, deflate, UTF-8 and
 * legacy names, zip64 records, a comment) and what hostile files hold (lying sizes, the encrypted
 * flag on plain data). Real-tool output is checked with python's zipfile in the tests that care.
 */
export interface ZipEntrySpec {
  /** A string is written as UTF-8; a Buffer is written as given (for CP437 names). */
  name: string | Buffer;
  data?: Buffer;
  method?: 'store' | 'deflate';
  /** Sets general purpose bit 11; defaults to true for string names with non-ASCII characters. */
  utf8?: boolean;
  /** Sets general purpose bit 0 without encrypting anything. */
  encrypted?: boolean;
  /** Overrides the uncompressed size and checksum written in the headers (the data stays). */
  declaredSize?: number;
  /** Deflated bytes to store as they are (for bombs too large to build from plain data). */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Adds an Info-ZIP unicode path extra field (0x7075) holding this name. */
  unicodePath?: string;
  /** Extra-field bytes in the local header only (tools write longer local time fields than central ones). */
  localExtra?: Buffer;
  /** The writer's system in "version made by": 3 Unix (the default, as Info-ZIP on Linux), 0 DOS. */
  host?: number;
}

export interface ZipOptions {
  comment?: string;
  /** Writes sizes and offsets as 0xFFFFFFFF with a zip64 extra field, plus the zip64 end records. */
  zip64?: boolean;
}

export function buildZip(entries: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const name = typeof spec.name === 'string' ? Buffer.from(spec.name, 'utf8') : spec.name;
    const data = spec.data ?? Buffer.alloc(0);
    const deflate = spec.method === 'deflate' || spec.deflated !== undefined;
    const payload = spec.deflated?.bytes ?? (deflate ? deflateRawSync(data) : data);
    const size = spec.declaredSize ?? spec.deflated?.size ?? data.length;
    const crc = spec.deflated?.crc ?? crc32(data);
    const utf8 = spec.utf8 ?? (typeof spec.name === 'string' && /[^\x00-\x7f]/.test(spec.name));
    const flags = (utf8 ? 1 << 11 : 0) | (spec.encrypted ? 1 : 0);
    const method = deflate ? 8 : 0;
    const unicodeExtra = spec.unicodePath === undefined ? Buffer.alloc(0) : unicodePathField(name, spec.unicodePath);
    // Local headers carry only the two sizes in their zip64 field; the central one adds the offset.
    const localZip64 = options.zip64 ? zip64Field([size, payload.length]) : Buffer.alloc(0);
    const zip64Extra = options.zip64 ? zip64Field([size, payload.length, offset]) : Buffer.alloc(0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(options.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x6000, 10); // 12:00:00
    local.writeUInt16LE(0x5a21, 12); // 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(options.zip64 ? 0xffffffff : payload.length, 18);
    local.writeUInt32LE(options.zip64 ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = spec.localExtra ?? Buffer.alloc(0);
    local.writeUInt16LE(localZip64.length + unicodeExtra.length + localExtra.length, 28);
    locals.push(local, name, localZip64, unicodeExtra, localExtra, payload);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(((spec.host ?? 3) << 8) | 0x1e, 4);
    central.writeUInt16LE(options.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x6000, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : payload.length, 20);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(zip64Extra.length + unicodeExtra.length, 30);
    central.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    centrals.push(central, name, zip64Extra, unicodeExtra);
    offset += 30 + name.length + localZip64.length + unicodeExtra.length + localExtra.length + payload.length;
  }
  const directory = Buffer.concat(centrals);
  const comment = Buffer.from(options.comment ?? '', 'utf8');
  const tail: Buffer[] = [];
  if (options.zip64) tail.push(zip64EndRecords(entries.length, directory.length, offset));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, directory, ...tail, end, comment]);
}

function zip64Field(values: number[]): Buffer {
  const field = Buffer.alloc(4 + 8 * values.length);
  field.writeUInt16LE(0x0001, 0);
  field.writeUInt16LE(8 * values.length, 2);
  values.forEach((value, i) => field.writeBigUInt64LE(BigInt(value), 4 + 8 * i));
  return field;
}

function unicodePathField(rawName: Buffer, unicodeName: string): Buffer {
  const utf8 = Buffer.from(unicodeName, 'utf8');
  const field = Buffer.alloc(9 + utf8.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + utf8.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(rawName), 5);
  utf8.copy(field, 9);
  return field;
}

function zip64EndRecords(count: number, directorySize: number, directoryOffset: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
}
