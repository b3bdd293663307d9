import { archiveError } from './errors';
import { decimal, parseNumber } from './tar-number';

/**
 * GNU tar's sparse members (`tar --sparse`, files with holes) store only their data segments and
 * a map of where each belongs in the real file; the rest is zeros. GNU tar writes the map in three
 * formats: old GNU (type 'S', the map in the header and extension blocks after it), PAX 0.0/0.1
 * (the map in pax records) and PAX 1.0 (the map as decimal lines at the start of the data).
 */

const BLOCK = 512;
/** A map holds a segment per stretch of data; a megabyte of map (tens of thousands) is damage or an attack. */
const MAX_MAP_BYTES = 1024 * 1024;
/** Old GNU: four (offset, size) pairs in the header at 386, then the extension flag and the real size. */
const HEADER_MAP = { at: 386, pairs: 4, isExtended: 482 };
const REAL_SIZE = { at: 483, length: 12 };
/** An extension block holds 21 more pairs and its own flag. */
const EXTENSION_MAP = { at: 0, pairs: 21, isExtended: 504 };
const FIELD = 12;

/** `size` stored bytes that belong at `offset` of the real file. */
export interface SparseSegment {
  readonly offset: number;
  readonly size: number;
}

export interface SparseLayout {
  readonly realSize: number;
  readonly segments: readonly SparseSegment[];
  /** Extension blocks read after the header, outside the member's size (old GNU). */
  readonly extensionBytes: number;
  /** Map blocks read at the start of the member's data, inside its size (PAX 1.0). */
  readonly mapBytes: number;
}

export interface SparseMember {
  /** The real name, for reasons. */
  readonly name: string;
  readonly header: Buffer;
  readonly type: string;
  /** What the member stores after its header: its size field, or the pax size. */
  readonly storedSize: number;
  /** The member's GNU.sparse.* pax records (but the name), in order: PAX 0.0 repeats its keys. */
  readonly paxRecords: ReadonlyArray<readonly [string, string]>;
}

type Read = (length: number) => Promise<Buffer>;

/**
 * The layout of a sparse member, its map checked against its real and stored sizes; undefined for
 * a member that is not sparse. Reads what of the map follows the header through `read`.
 */
export async function readSparseLayout(member: SparseMember, read: Read): Promise<SparseLayout | undefined> {
  if (member.type === 'S') {
    const { segments, extensionBytes } = await oldGnuMap(member, read);
    const realSize = parseNumber(member.header.subarray(REAL_SIZE.at, REAL_SIZE.at + REAL_SIZE.length));
    if (realSize === undefined) throw archiveError(`damaged tar: sparse member ${member.name} gives an impossible real size`);
    return checked(member, { realSize, segments, extensionBytes, mapBytes: 0 });
  }
  if (member.paxRecords.length === 0) return undefined;
  const records = new Map(member.paxRecords);
  const realSize = decimal(records.get('GNU.sparse.realsize') ?? records.get('GNU.sparse.size'));
  if (realSize === undefined) throw archiveError(`damaged tar: sparse member ${member.name} gives no possible real size`);
  const major = records.get('GNU.sparse.major');
  const minor = records.get('GNU.sparse.minor');
  if (major !== undefined || minor !== undefined) {
    if (major !== '1' || minor !== '0') {
      throw archiveError(`unsupported tar: sparse member ${member.name} is in GNU sparse format ${versionPart(major)}.${versionPart(minor)}; repack without --sparse`);
    }
    const { segments, mapBytes } = await textMap(member, read);
    return checked(member, { realSize, segments, extensionBytes: 0, mapBytes });
  }
  const segments = paxMap(member.name, member.paxRecords);
  const declared = records.get('GNU.sparse.numblocks');
  if (declared !== undefined && decimal(declared) !== segments.length) throw damaged(member.name, 'does not hold as many segments as it declares');
  return checked(member, { realSize, segments, extensionBytes: 0, mapBytes: 0 });
}

/** The real file: its segments where the map puts them, zeros between. `read` gives the stored data in order. */
export async function expandSparse(name: string, layout: Pick<SparseLayout, 'realSize' | 'segments'>, read: Read): Promise<Buffer> {
  const file = Buffer.alloc(layout.realSize);
  for (const segment of layout.segments) {
    const data = await read(segment.size);
    if (data.length < segment.size) throw archiveError(`truncated tar: ${name} runs past the end of the file`);
    data.copy(file, segment.offset);
  }
  return file;
}

/**
 * A map that places its segments in order, apart, inside the real size, and accounts for every
 * stored byte: anything else would put data where it does not belong or leave some unread.
 */
function checked(member: SparseMember, layout: SparseLayout): SparseLayout {
  let end = 0;
  let stored = 0;
  for (const { offset, size } of layout.segments) {
    if (offset < end) throw damaged(member.name, 'has segments out of order or overlapping');
    end = offset + size;
    if (end > layout.realSize) throw damaged(member.name, 'places data past the end of the file');
    stored += size;
  }
  if (stored !== member.storedSize - layout.mapBytes) throw damaged(member.name, 'does not account for the data stored');
  return layout;
}

async function oldGnuMap(member: SparseMember, read: Read): Promise<{ segments: SparseSegment[]; extensionBytes: number }> {
  const segments: SparseSegment[] = [];
  let ended = pairsOf(member.name, member.header, HEADER_MAP, segments);
  let isExtended = member.header[HEADER_MAP.isExtended] !== 0;
  let extensionBytes = 0;
  while (isExtended) {
    if (extensionBytes + BLOCK > MAX_MAP_BYTES) throw damaged(member.name, 'is impossibly large');
    const block = await read(BLOCK);
    if (block.length < BLOCK) throw archiveError(`truncated tar: the sparse map of ${member.name} is cut short`);
    extensionBytes += BLOCK;
    if (!ended) ended = pairsOf(member.name, block, EXTENSION_MAP, segments);
    isExtended = block[EXTENSION_MAP.isExtended] !== 0;
  }
  return { segments, extensionBytes };
}

/** Adds a block's (offset, size) pairs to `segments`; true once an empty size field ends the map, as GNU tar reads it. */
function pairsOf(name: string, block: Buffer, map: typeof HEADER_MAP, segments: SparseSegment[]): boolean {
  for (let i = 0; i < map.pairs; i++) {
    const at = map.at + i * 2 * FIELD;
    if (block[at + FIELD] === 0) return true;
    const offset = parseNumber(block.subarray(at, at + FIELD));
    const size = parseNumber(block.subarray(at + FIELD, at + 2 * FIELD));
    if (offset === undefined || size === undefined) throw damaged(name, 'gives an impossible offset or size');
    segments.push({ offset, size });
  }
  return false;
}

/** PAX 0.1's GNU.sparse.map ("offset,size,offset,size"), else PAX 0.0's repeated GNU.sparse.offset and GNU.sparse.numbytes. */
function paxMap(name: string, records: ReadonlyArray<readonly [string, string]>): SparseSegment[] {
  const map = new Map(records).get('GNU.sparse.map');
  const numbers = map !== undefined ? (map === '' ? [] : map.split(',')) : pairedNumbers(name, records);
  return segmentsOf(name, numbers.map((text) => decimal(text)));
}

/** The values of 0.0's offset and numbytes records, which must alternate starting with an offset. */
function pairedNumbers(name: string, records: ReadonlyArray<readonly [string, string]>): string[] {
  const values: string[] = [];
  for (const [key, value] of records) {
    if (key !== 'GNU.sparse.offset' && key !== 'GNU.sparse.numbytes') continue;
    if (key !== (values.length % 2 === 0 ? 'GNU.sparse.offset' : 'GNU.sparse.numbytes')) throw damaged(name, 'is not a list of offset and size pairs');
    values.push(value);
  }
  return values;
}

/**
 * PAX 1.0: a count, then an offset and a size per segment, each a decimal line, padded with NULs
 * to whole blocks. Read a block at a time, so a map is never read further than it claims to go.
 */
async function textMap(member: SparseMember, read: Read): Promise<{ segments: SparseSegment[]; mapBytes: number }> {
  const numbers: Array<number | undefined> = [];
  let wanted = 1;
  let partial = '';
  for (let mapBytes = BLOCK; ; mapBytes += BLOCK) {
    if (mapBytes > MAX_MAP_BYTES) throw damaged(member.name, 'is impossibly large');
    if (mapBytes > member.storedSize) throw damaged(member.name, 'runs past the data stored');
    const block = await read(BLOCK);
    if (block.length < BLOCK) throw archiveError(`truncated tar: the sparse map of ${member.name} is cut short`);
    const lines = (partial + block.toString('latin1')).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      numbers.push(decimal(line));
      if (numbers.length === 1) {
        const count = numbers[0];
        // A segment's two lines take at least four bytes ("0\n0\n").
        if (count === undefined || count > MAX_MAP_BYTES / 4) throw damaged(member.name, 'gives an impossible number of segments');
        wanted = 1 + 2 * count;
      }
      if (numbers.length === wanted) return { segments: segmentsOf(member.name, numbers.slice(1)), mapBytes };
    }
    if (!/^[0-9]*$/.test(partial)) throw damaged(member.name, 'is not a list of decimal numbers');
    // The line carried into the next block stays short, or each block would copy and scan it again.
    if (partial.length > MAX_DIGITS) throw damaged(member.name, 'gives an impossible offset or size');
  }
}

/** Digits of the largest number a map may hold (2^53 - 1, 9007199254740991). */
const MAX_DIGITS = String(Number.MAX_SAFE_INTEGER).length;

function segmentsOf(name: string, numbers: ReadonlyArray<number | undefined>): SparseSegment[] {
  if (numbers.length % 2 !== 0) throw damaged(name, 'is not a list of offset and size pairs');
  const segments: SparseSegment[] = [];
  for (let i = 0; i < numbers.length; i += 2) {
    const offset = numbers[i];
    const size = numbers[i + 1];
    if (offset === undefined || size === undefined) throw damaged(name, 'gives an impossible offset or size');
    segments.push({ offset, size });
  }
  return segments;
}


/** A version number as a reason can show it: a pax value may be a megabyte of anything. */
function versionPart(text: string | undefined): string {
  return text !== undefined && /^[0-9]{1,4}$/.test(text) ? text : '?';
}

function damaged(name: string, what: string) {
  return archiveError(`damaged tar: the sparse map of ${name} ${what}`);
}
