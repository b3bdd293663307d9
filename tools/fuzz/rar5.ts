import { crc32 } from '../archive-writers/crc32';

/**
 * RAR 5's headers, for mutations that get past unrar's header CRC: a generic bit flip almost
 * always dies on that check, so the parser behind it is never reached. A field is rewritten (its
 * vint re-encoded, so it may change length), the header's size is made to match, and the CRC is
 * recomputed over the new header.
 *
 * Layout (RARLAB's "RAR 5.0 archive format"): after the 8-byte signature, blocks of
 * CRC32 | header size (vint) | header type | header flags | [extra area size] | [data size] |
 * type-specific fields | extra area, followed by the data area.
 */

export const RAR5_SIGNATURE = Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x01, 0x00]);

export const isRar5 = (bytes: Buffer): boolean => bytes.length >= 8 && bytes.subarray(0, 8).equals(RAR5_SIGNATURE);

interface VintField {
  label: string;
  at: number;
  length: number;
  value: bigint;
  /** A bit field whose bits are worth flipping one at a time. */
  flags: boolean;
}

interface Rar5Block {
  crcAt: number;
  /** Where the header size vint starts: the CRC covers it and the header after it. */
  sizeAt: number;
  headerStart: number;
  headerEnd: number;
  type: number;
  fields: VintField[];
  /** File and service headers: the name's bytes and its length field. */
  name?: { at: number; length: number; lengthField: VintField };
  /** Extra-area record types (file encryption is record type 1). */
  recordTypes: VintField[];
}

const MAX_VINT_BYTES = 10;

function readVint(bytes: Buffer, at: number, label: string, flags = false): VintField | undefined {
  let value = 0n;
  for (let i = 0; i < MAX_VINT_BYTES && at + i < bytes.length; i++) {
    const byte = bytes[at + i]!;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { label, at, length: i + 1, value, flags };
  }
  return undefined;
}

export function encodeVint(value: bigint): Buffer {
  const out: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Buffer.from(out);
}

const TYPE_NAMES: Record<number, string> = { 1: 'main', 2: 'file', 3: 'service', 4: 'encryption', 5: 'end' };

/** The blocks of a RAR 5 archive, walked as unrar walks them, until the first one that does not parse. */
export function rar5Blocks(bytes: Buffer): Rar5Block[] {
  const blocks: Rar5Block[] = [];
  for (let at = RAR5_SIGNATURE.length; at + 5 < bytes.length && blocks.length < 1000; ) {
    const size = readVint(bytes, at + 4, 'header size');
    if (!size || size.value === 0n) break;
    const headerStart = size.at + size.length;
    const headerEnd = headerStart + Number(size.value);
    if (headerEnd > bytes.length) break;
    const block = parseHeader(bytes, at, size, headerEnd);
    if (!block) break;
    blocks.push(block);
    const dataSize = block.fields.find((field) => field.label === 'data size')?.value ?? 0n;
    const next = headerEnd + Number(dataSize);
    if (!Number.isSafeInteger(next) || next <= at) break;
    at = next;
  }
  return blocks;
}

function parseHeader(bytes: Buffer, crcAt: number, size: VintField, headerEnd: number): Rar5Block | undefined {
  const fields: VintField[] = [size];
  let at = size.at + size.length;
  const next = (label: string, flags = false): VintField | undefined => {
    if (at >= headerEnd) return undefined;
    const field = readVint(bytes, at, label, flags);
    if (!field) return undefined;
    at += field.length;
    fields.push(field);
    return field;
  };
  const type = next('header type');
  const flags = next('header flags', true);
  if (!type || !flags) return undefined;
  const typeName = TYPE_NAMES[Number(type.value)] ?? 'unknown';
  type.label = `${typeName} header type`;
  const extraSize = flags.value & 1n ? next('extra area size') : undefined;
  if (flags.value & 2n) next('data size');
  const block: Rar5Block = { crcAt, sizeAt: size.at, headerStart: size.at + size.length, headerEnd, type: Number(type.value), fields, recordTypes: [] };
  if (typeName === 'main') {
    const archiveFlags = next('archive flags (volume, solid, locked)', true);
    if (archiveFlags && archiveFlags.value & 2n) next('volume number');
  } else if (typeName === 'file' || typeName === 'service') {
    const fileFlags = next('file flags (directory, unknown size)', true);
    next('unpacked size');
    next('attributes');
    if (fileFlags && fileFlags.value & 2n) at += 4;
    if (fileFlags && fileFlags.value & 4n) at += 4;
    next('compression info (solid, method, dictionary)', true);
    next('host OS');
    const nameLength = next('name length');
    if (nameLength && at + Number(nameLength.value) <= headerEnd) block.name = { at, length: Number(nameLength.value), lengthField: nameLength };
  } else if (typeName === 'encryption') {
    next('encryption version');
    next('encryption flags', true);
  } else if (typeName === 'end') {
    next('end flags (more volumes)', true);
  }
  if (extraSize && extraSize.value <= BigInt(headerEnd)) {
    for (let record = headerEnd - Number(extraSize.value); record < headerEnd; ) {
      const recordSize = readVint(bytes, record, 'extra record size');
      if (!recordSize || recordSize.value === 0n) break;
      fields.push(recordSize);
      const recordType = readVint(bytes, record + recordSize.length, 'extra record type');
      if (!recordType) break;
      fields.push(recordType);
      block.recordTypes.push(recordType);
      record += recordSize.length + Number(recordSize.value);
      if (!Number.isSafeInteger(record)) break;
    }
  }
  return block;
}

/** Values for a vint: nothing, one, byte and word edges, 2^53 and past it, the largest 64-bit value; `past end` is computed. */
export const RAR5_VALUES = [0n, 1n, 0x7fn, 0x80n, 0xffffn, 0x7fffffffn, 0xffffffffn, 2n ** 53n, 2n ** 53n + 8n, 2n ** 63n, 2n ** 64n - 1n, 'past end'] as const;

/** Name bytes that are not UTF-8: a lone continuation byte, overlong '/', a surrogate, a cut sequence, 0xff, and a NUL. */
export const BAD_UTF8 = [
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0x61, 0xe2, 0x82]),
  Buffer.from([0xff, 0xfe, 0x2e, 0x70, 0x6e, 0x67]),
  Buffer.from([0x61, 0x00, 0x62]),
] as const;

export type Rar5Mutation =
  | { op: 'vint'; field: number; value: number }
  | { op: 'flag'; field: number; bit: number }
  /** `keep`: where in the name (a fraction of it) the bad bytes go. */
  | { op: 'name'; block: number; bad: number; keep: number }
  | { op: 'encrypt'; block: number };

/** The mutant and its label; undefined when the archive has nothing the mutation can aim at. */
export function mutateRar5(bytes: Buffer, mutation: Rar5Mutation): { bytes: Buffer; label: string } | undefined {
  const blocks = rar5Blocks(bytes);
  const pick = <T>(items: readonly T[], at: number): T | undefined => items[Math.floor(at * items.length)];
  switch (mutation.op) {
    case 'vint': {
      const all = blocks.flatMap((block) => block.fields.map((field) => ({ block, field })));
      const target = pick(all, mutation.field);
      if (!target) return undefined;
      const chosen = RAR5_VALUES[mutation.value % RAR5_VALUES.length]!;
      const value = chosen === 'past end' ? BigInt(bytes.length - target.field.at + 1) : chosen;
      return { bytes: rewrite(bytes, target.block, target.field, encodeVint(value)), label: `RAR5 ${target.field.label} = ${value}, CRC fixed` };
    }
    case 'flag': {
      const all = blocks.flatMap((block) => block.fields.filter((field) => field.flags).map((field) => ({ block, field })));
      const target = pick(all, mutation.field);
      if (!target) return undefined;
      const value = target.field.value ^ (1n << BigInt(mutation.bit));
      return { bytes: rewrite(bytes, target.block, target.field, encodeVint(value)), label: `RAR5 ${target.field.label} bit ${mutation.bit} flipped, CRC fixed` };
    }
    case 'name': {
      const named = blocks.filter((block) => block.name !== undefined);
      const block = pick(named, mutation.block);
      if (!block?.name) return undefined;
      const bad = BAD_UTF8[mutation.bad % BAD_UTF8.length]!;
      // Inserted, not appended, so the name usually keeps its extension and stays a page.
      const split = block.name.at + Math.floor(mutation.keep * (block.name.length + 1));
      const name = Buffer.concat([bytes.subarray(block.name.at, split), bad, bytes.subarray(split, block.name.at + block.name.length)]);
      const spliced = splice(bytes, block.name.at, block.name.length, name);
      const shifted = { ...block, headerEnd: block.headerEnd + name.length - block.name.length };
      return { bytes: rewrite(spliced, shifted, block.name.lengthField, encodeVint(BigInt(name.length))), label: `RAR5 file name with bad UTF-8 (${bad.toString('hex')}), CRC fixed` };
    }
    case 'encrypt': {
      // A file whose extra area says "encrypted", or a header that becomes the archive encryption header.
      const targets = blocks.flatMap((block) => ((block.type === 2 || block.type === 3) && block.recordTypes.length > 0 ? block.recordTypes.map((field) => ({ block, field, value: 1n })) : [{ block, field: block.fields[1]!, value: 4n }]));
      const target = pick(targets, mutation.block);
      if (!target) return undefined;
      return { bytes: rewrite(bytes, target.block, target.field, encodeVint(target.value)), label: `RAR5 ${target.field.label} = ${target.value} (encrypted), CRC fixed` };
    }
  }
}

function splice(bytes: Buffer, at: number, length: number, replacement: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), replacement, bytes.subarray(at + length)]);
}

/**
 * Writes one field and makes the header consistent again: its size (unless the size is what was
 * rewritten) and its CRC. The header is re-encoded around the field, so later offsets shift.
 */
function rewrite(bytes: Buffer, block: Rar5Block, field: VintField, encoded: Buffer): Buffer {
  const delta = encoded.length - field.length;
  let out = splice(bytes, field.at, field.length, encoded);
  let headerEnd = block.headerEnd + delta;
  let headerStart = block.headerStart;
  if (field.at !== block.sizeAt) {
    // The size field sits before every other field, so it is still where it was.
    const size = readVint(out, block.sizeAt, 'header size')!;
    const resized = encodeVint(BigInt(headerEnd - (block.sizeAt + size.length)));
    out = splice(out, block.sizeAt, size.length, resized);
    headerStart = block.sizeAt + resized.length;
    headerEnd += resized.length - size.length;
  } else {
    headerStart = block.sizeAt + encoded.length;
    const declared = Number(readVint(out, block.sizeAt, 'header size')!.value);
    headerEnd = Math.min(out.length, headerStart + (Number.isSafeInteger(declared) ? declared : out.length));
  }
  out.writeUInt32LE(crc32(out.subarray(block.sizeAt, Math.max(headerStart, headerEnd))), block.crcAt);
  return out;
}
