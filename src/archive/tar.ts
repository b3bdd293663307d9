import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { archiveError } from './errors';
import { entryToRead } from './entry-to-read';
import { decimal, parseNumber } from './tar-number';
import { expandSparse, readSparseLayout, type SparseSegment } from './tar-sparse';
import { type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * Our own tar reader: a walk over 512-byte headers (ustar, GNU long names, pax, GNU sparse). A plain tar is
 * read by seeking past entry data; a compressed one cannot seek, so it is streamed through the
 * decompressor once to list and again up to the entry being read.
 */

export type TarCompression = 'none' | 'gzip' | 'xz';

const BLOCK = 512;
/** Long names and pax records are a few hundred bytes; a megabyte of them is damage or an attack. */
const MAX_HEADER_DATA = 1024 * 1024;

interface TarEntry extends ArchiveEntry {
  /** Offset of the entry's data in the (decompressed) tar stream. */
  readonly offset: number;
  /** A sparse member's segments, stored in order from `offset`; `size` is then the real size. */
  readonly sparse?: readonly SparseSegment[];
}

/** The byte source the walk reads from: a seekable file or a decompressing stream. */
interface ByteSource {
  /** Reads exactly `length` bytes, or fewer at the end of the data. */
  read(length: number): Promise<Buffer>;
  skip(length: number): Promise<void>;
  /** Settles once the file is closed, so no descriptor outlives the read that opened it. */
  close(): void | Promise<void>;
}

export async function openTar(path: string, compression: TarCompression): Promise<Archive> {
  const entries = await withSource(path, compression, (source) => listEntries(source));
  return {
    format: 'tar',
    entries,
    async read(name: string, options?: ReadEntryOptions) {
      const { entry } = entryToRead(entries, name, options);
      return withSource(path, compression, async (source) => {
        await source.skip(entry.offset);
        if (entry.sparse) return expandSparse(name, { realSize: entry.size, segments: entry.sparse }, (length) => source.read(length));
        const data = await source.read(entry.size);
        if (data.length < entry.size) throw archiveError(`truncated tar: ${name} runs past the end of the file`);
        return data;
      });
    },
    async close() {},
  };
}

async function withSource<T>(path: string, compression: TarCompression, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = compression === 'none' ? fileSource(path) : await decompressedSource(path, compression);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

async function listEntries(source: ByteSource): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  // The latest file entry of each name, for hard links (a lookup per link, not a search).
  const files = new Map<string, TarEntry>();
  let position = 0;
  let pending: PendingAttributes = {};
  for (;;) {
    const block = await source.read(BLOCK);
    position += block.length;
    if (block.length === 0 && position === 0) throw archiveError('damaged tar: the archive is empty');
    // Two zero blocks end the archive; many writers stop after one or none, so EOF ends it too.
    if (block.length === 0 || isZeroBlock(block)) return entries;
    if (block.length < BLOCK) throw archiveError('truncated tar: a header is cut short');
    const header = parseHeader(block);
    const padded = roundUp(header.size);
    if (header.type === 'L' || header.type === 'K' || header.type === 'x') {
      if (header.size > MAX_HEADER_DATA) throw archiveError('damaged tar: an extended header is impossibly large');
      const data = await source.read(padded);
      if (data.length < padded) throw archiveError('truncated tar: an extended header is cut short');
      position += padded;
      const content = data.subarray(0, header.size);
      const attributes = header.type === 'L' ? { name: cString(content) } : header.type === 'K' ? { linkName: cString(content) } : parsePax(content);
      pending = { ...pending, ...attributes };
      continue;
    }
    // pax may override the size, which also decides where the next header starts. Both are whole
    // and non-negative (parseNumber, paxSize), so every turn of this loop moves forward.
    const size = pending.size ?? header.size;
    // Bytes of the member's data read before its end (a PAX 1.0 sparse map), not to be skipped again.
    let consumed = 0;
    if (header.type === '0' || header.type === '5' || header.type === 'S') {
      const name = pending.sparseName ?? pending.name ?? header.name;
      const isDirectory = header.type === '5' || (header.type === '0' && name.endsWith('/'));
      // Only a member marked sparse (type 'S', or GNU.sparse.* pax records) has a map to read.
      const mayBeSparse = !isDirectory && (header.type === 'S' || pending.sparse !== undefined);
      const sparse = !mayBeSparse ? undefined : await readSparseLayout({ name, header: block, type: header.type, storedSize: size, paxRecords: pending.sparse ?? [] }, (length) => source.read(length));
      position += sparse?.extensionBytes ?? 0;
      consumed = sparse?.mapBytes ?? 0;
      const entry = {
        name,
        size: isDirectory ? 0 : (sparse?.realSize ?? size),
        isDirectory,
        mtime: pending.mtime ?? header.mtime,
        offset: position + consumed,
        ...(sparse && { sparse: sparse.segments }),
      };
      entries.push(entry);
      if (!isDirectory) files.set(name, entry);
    } else if (header.type === '1') {
      // A hard link (GNU tar stores a file's second name so, `cp -al` and dedup tools make them):
      // the same bytes as the earlier entry it names, which hold the data.
      const target = pending.linkName ?? header.linkName;
      const linked = files.get(target);
      if (linked) {
        const entry = { ...linked, name: pending.name ?? header.name, mtime: pending.mtime ?? header.mtime };
        entries.push(entry);
        files.set(entry.name, entry);
      }
    }
    pending = {};
    const dataLength = roundUp(size);
    await source.skip(dataLength - consumed);
    position += dataLength;
  }
}

interface Header {
  readonly name: string;
  readonly size: number;
  readonly mtime?: number;
  /** '0' file, '1' hard link, '5' directory, 'S' GNU sparse file, 'L' / 'K' GNU long name / link name, 'x' pax; others (symbolic links, devices) are skipped. */
  readonly type: string;
  /** The name a hard link points at. */
  readonly linkName: string;
}

interface PendingAttributes {
  name?: string;
  linkName?: string;
  size?: number;
  mtime?: number;
  /** GNU.sparse.name: a sparse member's real name, which its path hides (PAX 0.1 and 1.0). */
  sparseName?: string;
  /** The other GNU.sparse.* records, in order. */
  sparse?: Array<[string, string]>;
}

function parseHeader(block: Buffer): Header {
  if (!hasValidChecksum(block)) throw archiveError('damaged tar: header checksum mismatch');
  const typeByte = block[156]!;
  const type = typeByte === 0 || typeByte === 0x37 ? '0' : String.fromCharCode(typeByte);
  // POSIX ustar ("ustar\0") has a name prefix at 345; GNU's header ("ustar  \0") keeps times there.
  const isPosix = block.toString('latin1', 257, 263) === 'ustar\0';
  const prefix = isPosix ? cString(block.subarray(345, 500)) : '';
  const name = cString(block.subarray(0, 100));
  const size = parseNumber(block.subarray(124, 136));
  // A size decides where the next header is: one that is not a whole, non-negative number would
  // send the walk backwards or nowhere.
  if (size === undefined) throw archiveError('damaged tar: a header gives an impossible entry size');
  const mtime = parseNumber(block.subarray(136, 148));
  return { name: prefix ? `${prefix}/${name}` : name, size, mtime: mtime === undefined ? undefined : mtime * 1000, type, linkName: cString(block.subarray(157, 257)) };
}

/** The checksum sums the header with its own field read as spaces; old writers summed signed bytes. */
function hasValidChecksum(block: Buffer): boolean {
  const stored = parseNumber(block.subarray(148, 156));
  if (stored === undefined) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** ustar magic, or a valid checksum for the old v7 format that has none. */
export function looksLikeTar(block: Buffer): boolean {
  if (block.length < BLOCK || isZeroBlock(block)) return false;
  return block.toString('latin1', 257, 262) === 'ustar' || hasValidChecksum(block);
}

/** pax records are "<length> <key>=<value>\n", UTF-8. */
function parsePax(data: Buffer): PendingAttributes {
  const attributes: PendingAttributes = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = parseInt(data.toString('latin1', at, space), 10);
    if (space < 0 || !(length > 0) || at + length > data.length) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === 'path') attributes.name = value;
    else if (key === 'linkpath') attributes.linkName = value;
    else if (key === 'size') attributes.size = paxSize(value);
    else if (key === 'mtime' && Number.isFinite(Number(value))) attributes.mtime = Math.trunc(Number(value) * 1000);
    else if (key === 'GNU.sparse.name') attributes.sparseName = value;
    else if (key.startsWith('GNU.sparse.')) (attributes.sparse ??= []).push([key, value]);
    at += length;
  }
  return attributes;
}

/** A pax size overrides the header's, so it is held to the same rule: a whole, non-negative number. */
function paxSize(value: string): number {
  const size = decimal(value);
  if (size === undefined) throw archiveError('damaged tar: a pax header gives an impossible entry size');
  return size;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}

function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

function roundUp(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

function fileSource(path: string): ByteSource {
  const fd = openSync(path, 'r');
  const fileSize = fstatSync(fd).size;
  let position = 0;
  return {
    async read(length) {
      const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, fileSize - position)));
      const read = readSync(fd, buffer, 0, buffer.length, position);
      position += read;
      return buffer.subarray(0, read);
    },
    async skip(length) {
      position += length;
    },
    close: () => closeSync(fd),
  };
}

/**
 * The decompressed tar. Closing it destroys the file stream itself: ending the decompressor does
 * not close the file it was piped from, and each read would leak a descriptor.
 */
async function decompressedSource(path: string, compression: Exclude<TarCompression, 'none'>): Promise<ByteSource> {
  const file = createReadStream(path);
  try {
    const source = streamSource(await decompress(file, compression), compression);
    return {
      ...source,
      async close() {
        await source.close();
        if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()).destroy());
      },
    };
  } catch (error) {
    file.destroy();
    throw error;
  }
}

async function decompress(file: Readable, compression: Exclude<TarCompression, 'none'>): Promise<AsyncIterable<Uint8Array>> {
  if (compression === 'gzip') return file.pipe(createGunzip());
  // A CJS package: Node's ESM loader puts its exports under `default`, bundlers spread them.
  const xz = (await import('xz-decompress')) as typeof import('xz-decompress') & { default?: typeof import('xz-decompress') };
  const { XzReadableStream } = xz.default ?? xz;
  // xz-decompress speaks web streams; the node and DOM typings of ReadableStream differ only in name.
  const web = Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>;
  return new XzReadableStream(web) as unknown as WebReadableStream<Uint8Array>;
}

/** Pulls exact byte counts out of a chunked stream, keeping at most one chunk's leftovers. */
function streamSource(chunks: AsyncIterable<Uint8Array>, compression: string): ByteSource {
  const iterator = chunks[Symbol.asyncIterator]();
  let leftover: Buffer = Buffer.alloc(0);
  let done = false;
  const next = async (): Promise<Buffer | undefined> => {
    if (done) return undefined;
    try {
      const result = await iterator.next();
      if (result.done) done = true;
      return result.done ? undefined : Buffer.from(result.value.buffer, result.value.byteOffset, result.value.byteLength);
    } catch (error) {
      // zlib's and xz's own words ("get_next_output failed with error code 9") stay in the cause.
      throw archiveError(`damaged tar: its ${compression} data is corrupt`, error);
    }
  };
  return {
    async read(length) {
      const parts: Buffer[] = [leftover];
      let have = leftover.length;
      while (have < length) {
        const chunk = await next();
        if (!chunk) break;
        parts.push(chunk);
        have += chunk.length;
      }
      const all = parts.length === 1 ? leftover : Buffer.concat(parts, have);
      leftover = all.subarray(Math.min(length, all.length));
      return all.subarray(0, Math.min(length, all.length));
    },
    async skip(length) {
      let remaining = length;
      while (remaining > 0) {
        if (leftover.length === 0) {
          const chunk = await next();
          if (!chunk) return;
          leftover = chunk;
        }
        const step = Math.min(remaining, leftover.length);
        leftover = leftover.subarray(step);
        remaining -= step;
      }
    },
    close() {
      done = true;
      void iterator.return?.().catch(() => undefined);
    },
  };
}
