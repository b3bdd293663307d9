import { writeFileSync } from 'node:fs';
import { DEFAULT_ENTRY_MTIME, entryBytes, type ArchiveEntry } from './entry';

const BLOCK = 512;
const NAME_MAX = 100;
const PREFIX_MAX = 155;

/** GNU tar's sparse formats: old GNU (type 'S', `--format=gnu`), or pax with `--sparse-version` 0.0, 0.1 or 1.0. */
export type TarSparseFormat = 'old-gnu' | 'pax-0.0' | 'pax-0.1' | 'pax-1.0';

export interface TarSparse {
  format: TarSparseFormat;
  /** The [offset, length] stretches of `data` that are stored; the rest is holes, stored as nothing. */
  segments: ReadonlyArray<readonly [number, number]>;
  /** The real size the headers give: `data.length` unless a test forges another. */
  realSize?: number;
}

/**
 * An entry, a hard link to an earlier one (its `data` is then not written: a link holds none), or
 * a sparse member (`data` is the real file).
 */
export type TarEntry = ArchiveEntry & { hardLinkTo?: string; sparse?: TarSparse };

export interface TarOptions {
  /**
   * GNU tar's header ("ustar  \0", as `tar --format=gnu` writes it) with an access and a change
   * time where POSIX ustar keeps a name prefix (`tar -G` and `--atime-preserve` fill them).
   */
  gnu?: boolean;
}

/** What a header says, beyond the entry's name and time. */
interface HeaderFields {
  name: string;
  size: number;
  type: string;
  linkName?: string;
  mtime?: Date;
}

/** Write a CBT: an uncompressed ustar archive, synchronously. */
export function writeCbt(path: string, entries: TarEntry[], options: TarOptions = {}): void {
  writeFileSync(path, buildTar(entries, options));
}

/** The bytes of a ustar archive holding `entries` in order, ended by two zero blocks. */
export function buildTar(entries: TarEntry[], options: TarOptions = {}): Buffer {
  const parts = entries.flatMap((entry) => (entry.sparse ? sparseMember(entry, entry.sparse, options) : plainMember(entry, options)));
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function plainMember(entry: TarEntry, options: TarOptions): Buffer[] {
  const data = entry.hardLinkTo === undefined ? entryBytes(entry) : Buffer.alloc(0);
  const type = entry.hardLinkTo === undefined ? '0' : '1';
  return [header({ name: entry.name, size: data.length, type, linkName: entry.hardLinkTo, mtime: entry.mtime }, options), padded(data)];
}

/** A sparse member as GNU tar writes it in `sparse.format` (GNU tar manual, appendix "Sparse Formats"). */
function sparseMember(entry: TarEntry, sparse: TarSparse, options: TarOptions): Buffer[] {
  const real = entryBytes(entry);
  const realSize = sparse.realSize ?? real.length;
  const stored = Buffer.concat(sparse.segments.map(([offset, length]) => fill(length, real.subarray(offset, offset + length))));
  const fields = { name: entry.name, size: stored.length, type: '0', mtime: entry.mtime };
  const numbers = sparse.segments.flat();
  switch (sparse.format) {
    case 'old-gnu':
      return [...oldGnuHeaders({ ...fields, type: 'S' }, sparse.segments, realSize), padded(stored)];
    case 'pax-0.0': {
      const pairs = sparse.segments.flatMap(([offset, length]): Array<[string, string]> => [['GNU.sparse.offset', `${offset}`], ['GNU.sparse.numbytes', `${length}`]]);
      const records: Array<[string, string]> = [['GNU.sparse.size', `${realSize}`], ['GNU.sparse.numblocks', `${sparse.segments.length}`], ...pairs];
      return [...paxMember(entry.name, records, options), header(fields, options), padded(stored)];
    }
    case 'pax-0.1': {
      const records: Array<[string, string]> = [['GNU.sparse.size', `${realSize}`], ['GNU.sparse.numblocks', `${sparse.segments.length}`], ['GNU.sparse.name', entry.name], ['GNU.sparse.map', numbers.join(',')]];
      return [...paxMember(entry.name, records, options), header({ ...fields, name: hiddenName(entry.name) }, options), padded(stored)];
    }
    case 'pax-1.0': {
      const records: Array<[string, string]> = [['GNU.sparse.major', '1'], ['GNU.sparse.minor', '0'], ['GNU.sparse.name', entry.name], ['GNU.sparse.realsize', `${realSize}`]];
      const map = padded(Buffer.from([sparse.segments.length, ...numbers].map((n) => `${n}\n`).join(''), 'latin1'));
      const data = Buffer.concat([map, stored]);
      return [...paxMember(entry.name, records, options), header({ ...fields, name: hiddenName(entry.name), size: data.length }, options), padded(data)];
    }
  }
}

/** The 'S' header, its first four pairs, and extension blocks of 21 pairs for the rest. */
function oldGnuHeaders(fields: HeaderFields, segments: TarSparse['segments'], realSize: number): Buffer[] {
  const first = header(fields, { gnu: true }, (b) => {
    writePairs(b, 386, segments.slice(0, 4));
    b[482] = segments.length > 4 ? 1 : 0; // isextended
    writeOctal(b, 483, 12, realSize);
  });
  const extensions: Buffer[] = [];
  for (let at = 4; at < segments.length; at += 21) {
    const block = Buffer.alloc(BLOCK);
    writePairs(block, 0, segments.slice(at, at + 21));
    block[504] = at + 21 < segments.length ? 1 : 0;
    extensions.push(block);
  }
  return [first, ...extensions];
}

function writePairs(b: Buffer, at: number, pairs: TarSparse['segments']): void {
  pairs.forEach(([offset, length], i) => {
    writeOctal(b, at + i * 24, 12, offset);
    writeOctal(b, at + i * 24 + 12, 12, length);
  });
}

/** A pax extended header ('x') for the member that follows. */
function paxMember(name: string, records: Array<[string, string]>, options: TarOptions): Buffer[] {
  const data = Buffer.from(records.map(([key, value]) => paxRecord(key, value)).join(''), 'utf8');
  return [header({ name: `PaxHeaders/${name}`, size: data.length, type: 'x' }, options), padded(data)];
}

/** "<length> <key>=<value>\n", the length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = Buffer.byteLength(` ${key}=${value}\n`);
  let length = rest + `${rest}`.length;
  if (`${length}`.length > `${rest}`.length) length++;
  return `${length} ${key}=${value}\n`;
}

/** GNU tar's name for a PAX 0.1 or 1.0 sparse member, "%d/GNUSparseFile.%p/%f": the real one is in GNU.sparse.name. */
function hiddenName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? `./GNUSparseFile.0/${name}` : `${name.slice(0, slash)}/GNUSparseFile.0/${name.slice(slash + 1)}`;
}

/** `length` bytes starting with `data` (a segment the data does not reach is zeros). */
function fill(length: number, data: Buffer): Buffer {
  const b = Buffer.alloc(length);
  data.copy(b);
  return b;
}

function padded(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)]);
}

function header(fields: HeaderFields, { gnu = false }: TarOptions, extra?: (b: Buffer) => void): Buffer {
  const b = Buffer.alloc(BLOCK);
  const { name, prefix } = gnu ? gnuName(Buffer.from(fields.name, 'utf8')) : splitName(Buffer.from(fields.name, 'utf8'));
  const time = Math.floor((fields.mtime ?? DEFAULT_ENTRY_MTIME).getTime() / 1000);
  name.copy(b, 0);
  writeOctal(b, 100, 8, 0o644);
  writeOctal(b, 108, 8, 0); // uid
  writeOctal(b, 116, 8, 0); // gid
  writeOctal(b, 124, 12, fields.size);
  writeOctal(b, 136, 12, time);
  b.write(fields.type, 156, 'ascii');
  if (fields.linkName !== undefined) b.write(fields.linkName, 157, 'utf8');
  if (gnu) {
    b.write('ustar  \u0000', 257, 'ascii');
    writeOctal(b, 345, 12, time); // atime
    writeOctal(b, 357, 12, time); // ctime
  } else {
    b.write('ustar\u000000', 257, 'ascii');
    prefix.copy(b, 345);
  }
  extra?.(b);
  // The checksum is computed with its own field read as eight spaces.
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return b;
}

/** GNU's header has no prefix field (GNU tar writes a long name as an 'L' entry, which this writer does not). */
function gnuName(full: Buffer): { name: Buffer; prefix: Buffer } {
  if (full.length > NAME_MAX) throw new Error(`tar writer: name too long for a GNU header: ${full.toString('utf8')}`);
  return { name: full, prefix: Buffer.alloc(0) };
}

/** ustar keeps long names as prefix + '/' + name, split at a slash. */
function splitName(full: Buffer): { name: Buffer; prefix: Buffer } {
  if (full.length <= NAME_MAX) return { name: full, prefix: Buffer.alloc(0) };
  for (let i = full.length - 1; i > 0; i--) {
    if (full[i] !== 0x2f) continue;
    if (i <= PREFIX_MAX && full.length - i - 1 <= NAME_MAX) {
      return { name: full.subarray(i + 1), prefix: full.subarray(0, i) };
    }
  }
  throw new Error(`tar writer: name too long for ustar: ${full.toString('utf8')}`);
}

function writeOctal(b: Buffer, offset: number, width: number, value: number): void {
  b.write(`${value.toString(8).padStart(width - 1, '0')}\u0000`, offset, 'ascii');
}
