import { crc32 } from 'node:zlib';

/**
 * A 7z file written byte by byte, stored (the Copy method) under an uncompressed header, for the
 * headers 7-Zip itself never writes: each case changes one thing and keeps every CRC right, so a
 * reader meets the change rather than a checksum error.
 */

export interface CraftedFile {
  name: string;
  /** Undefined for a folder. */
  data?: string;
  /** Windows FILETIME (100 ns units since 1601). */
  filetime?: bigint;
  /** Windows attributes (0x10: a folder). */
  attributes?: number;
}

export interface CraftOptions {
  /** All files in one block (read past the earlier ones), else one block each. */
  solid?: boolean;
  /** Bytes added after the names, inside the names property. */
  namesPad?: number[];
  /** Raw file properties added before FilesInfo's end. */
  fileProperties?: number[];
  /** Raw bytes added before MainStreamsInfo's end. */
  afterStreams?: number[];
  /** The CRC recorded for the file at this index of the files with data, instead of the right one. */
  wrongCrcOf?: number;
  /** Zero bytes stored after each block's data, counted in its packed size but not its unpacked one. */
  packPadding?: number;
  /** A solid block's file sizes left out (7-Zip then cannot split it). */
  noSubstreamSizes?: boolean;
  /** Added to the last block's packed size but not to its bytes: the block then runs into the header. */
  packSizeExtra?: number;
}

/** 7z's variable-length number. */
export function sevenZipNumber(value: number): number[] {
  for (let extra = 0; extra < 8; extra++) {
    if (value < 2 ** (7 * (extra + 1))) {
      const high = Math.floor(value / 2 ** (8 * extra));
      const first = ((0xff << (8 - extra)) & 0xff) | high;
      return [first, ...Array.from({ length: extra }, (_, i) => Math.floor(value / 2 ** (8 * i)) & 0xff)];
    }
  }
  throw new RangeError('number too large for this writer');
}

const utf16z = (text: string): number[] => [...Buffer.from(`${text}\0`, 'utf16le')];
const uint32 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
const bitVector = (bits: boolean[]): number[] => {
  const bytes = new Array<number>(Math.ceil(bits.length / 8)).fill(0);
  bits.forEach((bit, i) => bit && (bytes[i >> 3]! |= 0x80 >> (i & 7)));
  return bytes;
};
const property = (id: number, body: number[]): number[] => [id, ...sevenZipNumber(body.length), ...body];

export function craftSevenZip(files: CraftedFile[], options: CraftOptions = {}): Buffer {
  const withData = files.filter((file) => file.data !== undefined && file.data.length > 0).map((file) => Buffer.from(file.data!));
  const crcs = withData.map((data, index) => (index === options.wrongCrcOf ? (crc32(data) ^ 1) >>> 0 : crc32(data)));
  const blocks = options.solid ? [Buffer.concat(withData)] : withData;
  const padding = Buffer.alloc(options.packPadding ?? 0);
  const header: number[] = [0x01];
  if (withData.length > 0) {
    const packSizes = blocks.map((block, index) => block.length + padding.length + (index === blocks.length - 1 ? (options.packSizeExtra ?? 0) : 0));
    header.push(0x04, 0x06, ...sevenZipNumber(0), ...sevenZipNumber(blocks.length), 0x09, ...packSizes.flatMap(sevenZipNumber), 0x00);
    header.push(0x07, 0x0b, ...sevenZipNumber(blocks.length), 0x00, ...blocks.flatMap(() => [0x01, 0x01, 0x00]));
    header.push(0x0c, ...blocks.flatMap((block) => sevenZipNumber(block.length)));
    if (!options.solid) header.push(0x0a, 0x01, ...crcs.flatMap(uint32));
    header.push(0x00);
    if (options.solid) {
      header.push(0x08, 0x0d, ...sevenZipNumber(withData.length));
      if (!options.noSubstreamSizes) header.push(0x09, ...withData.slice(0, -1).flatMap((data) => sevenZipNumber(data.length)));
      header.push(0x0a, 0x01, ...crcs.flatMap(uint32), 0x00);
    }
    header.push(...(options.afterStreams ?? []), 0x00);
  }
  header.push(0x05, ...sevenZipNumber(files.length));
  const empty = files.map((file) => file.data === undefined || file.data.length === 0);
  if (empty.some(Boolean)) {
    header.push(...property(0x0e, bitVector(empty)));
    header.push(...property(0x0f, bitVector(files.filter((_, i) => empty[i]).map((file) => file.data !== undefined))));
  }
  header.push(...property(0x11, [0x00, ...files.flatMap((file) => utf16z(file.name)), ...(options.namesPad ?? [])]));
  if (files.some((file) => file.filetime !== undefined)) {
    const times = files.map((file) => file.filetime ?? 0n);
    header.push(...property(0x14, [0x01, 0x00, ...times.flatMap((time) => [...Buffer.from(new BigUint64Array([time]).buffer)])]));
  }
  if (files.some((file) => file.attributes !== undefined)) {
    header.push(...property(0x15, [0x01, 0x00, ...files.flatMap((file) => uint32(file.attributes ?? 0))]));
  }
  header.push(...(options.fileProperties ?? []), 0x00, 0x00);
  return assemble(Buffer.concat(blocks.flatMap((block) => [block, padding])), Buffer.from(header));
}

/** Signature header, packed data, header: the layout 7-Zip writes, CRCs computed. */
export function assemble(packed: Buffer, header: Buffer): Buffer {
  const start = Buffer.alloc(32);
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]).copy(start);
  start.writeBigUInt64LE(BigInt(packed.length), 12);
  start.writeBigUInt64LE(BigInt(header.length), 20);
  start.writeUInt32LE(crc32(header), 28);
  start.writeUInt32LE(crc32(start.subarray(12, 32)), 8);
  return Buffer.concat([start, packed, header]);
}

/**
 * One file in one block of already packed bytes, under a coder of our choosing (`method`: the
 * 7z method id, such as [0x03, 0x01, 0x01] for LZMA), declared to unpack to `unpacked`.
 */
export function craftOneBlock(name: string, packed: Buffer, method: number[], properties: Uint8Array, unpacked: Buffer): Buffer {
  const coder = [0x20 | method.length, ...method, ...sevenZipNumber(properties.length), ...properties];
  const header = [
    0x01,
    0x04,
    0x06, ...sevenZipNumber(0), ...sevenZipNumber(1), 0x09, ...sevenZipNumber(packed.length), 0x00,
    0x07, 0x0b, ...sevenZipNumber(1), 0x00, 0x01, ...coder, 0x0c, ...sevenZipNumber(unpacked.length), 0x0a, 0x01, ...uint32(crc32(unpacked)), 0x00,
    0x00,
    0x05, ...sevenZipNumber(1), ...property(0x11, [0x00, ...utf16z(name)]), 0x00,
    0x00,
  ];
  return assemble(packed, Buffer.from(header));
}
