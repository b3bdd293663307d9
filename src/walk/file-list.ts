/** What the scan knows about a file or folder: enough to decide "unchanged" without opening it. */
export interface FileStat {
  /**
   * Relative to the library root, '/'-separated; '' is the root itself. A name that is not valid
   * UTF-8 is in its display form (src/path-bytes.ts); fsPathOf(join(root, path)) opens it.
   */
  path: string;
  size: number;
  /** Milliseconds, truncated: the same value is stored and compared. */
  mtime: number;
  inode: number;
}

/** A file to read, and the comic it belongs to (undefined: it becomes a new comic). */
export interface ReadItem {
  file: FileStat;
  comicId: number | undefined;
}

const NO_COMIC = -1;
/**
 * Per file: where its path's stored bytes are (block * 2^32 + start), how many leading bytes it
 * shares with the path before it and how many it stores (shared * LENGTH_RANGE + stored), size,
 * mtime, inode, comic id.
 */
const FIELDS = 6;
const BLOCK_BYTES = 1 << 20;
const FILES_PER_BLOCK = 1 << 13;
const START_RANGE = 2 ** 32;
/** Path lengths in bytes stay below this (a file system's limit is 4 KiB), so both fit in one double. */
const LENGTH_RANGE = 2 ** 26;
const UTF8 = new TextEncoder();

/**
 * A list of files held compactly, outside the JavaScript heap: paths as UTF-8 in blocks of 1 MiB,
 * each path stored as the bytes that differ from the path before it (files come in path order, so
 * a folder's files share its path), and the numbers in typed arrays of 8,192 files: 48 bytes a
 * file plus what its path adds, with at most a block of each unused. The scan's file list and
 * the import's list of files to read are these.
 * - As objects (a FileStat and its path string) the list of a 600k-comic library kept about
 *   200 MiB alive on the heap, and V8 lets the heap grow to several times what is alive.
 * - As one buffer that doubled when full, it held up to twice its size (106 MiB for 73 MiB of
 *   files at 600k) and copied itself as it grew.
 * - Whole paths took 50 MiB of the realistic 600k library's; what differs takes 12 MiB.
 *
 * The list is read in order, one object at a time. Display paths are well-formed strings
 * (src/path-bytes.ts), so UTF-8 gives them back exactly.
 */
export class FileList implements Iterable<FileStat> {
  private readonly pathBlocks: Buffer[] = [];
  /** Bytes used in the last path block. */
  private used = 0;
  private readonly numberBlocks: Float64Array[] = [];
  /** The last path pushed, as bytes, and a buffer to encode the next one into. */
  private last = Buffer.allocUnsafeSlow(256);
  private lastLength = 0;
  private next = Buffer.allocUnsafeSlow(256);
  length = 0;

  static of(files: Iterable<FileStat>): FileList {
    const list = new FileList();
    for (const file of files) list.push(file);
    return list;
  }

  /** A list from another thread's `parts()`, on the same memory. */
  static fromParts(parts: FileListParts): FileList {
    const list = new FileList();
    list.pathBlocks.push(...parts.pathBlocks.map((block) => Buffer.from(block)));
    list.numberBlocks.push(...parts.numberBlocks.map((block) => new Float64Array(block)));
    list.used = parts.used;
    list.length = parts.length;
    // lastLength stays 0: a path pushed next shares no bytes with the one before, which is valid.
    return list;
  }

  /** The list's memory, to transfer to another thread (the list is unusable here afterwards). */
  parts(): FileListParts {
    return { pathBlocks: this.pathBlocks.map((block) => block.buffer as ArrayBuffer), numberBlocks: this.numberBlocks.map((block) => block.buffer as ArrayBuffer), used: this.used, length: this.length };
  }

  push(file: FileStat, comicId?: number): void {
    if (this.next.length < file.path.length * 3) this.next = Buffer.allocUnsafeSlow(file.path.length * 3);
    const length = UTF8.encodeInto(file.path, this.next).written;
    if (length >= LENGTH_RANGE) throw new RangeError(`a path of ${length} bytes is longer than a file list holds`);
    const shared = this.sharedWithLast(length);
    const stored = length - shared;
    const start = this.room(stored);
    this.next.copy(this.pathBlocks.at(-1)!, start, shared, length);
    this.used += stored;
    // The bytes just encoded are the next path's "before".
    [this.last, this.next] = [this.next, this.last];
    this.lastLength = length;

    const at = this.nextSlot();
    const n = this.numberBlocks.at(-1)!;
    n[at] = (this.pathBlocks.length - 1) * START_RANGE + start;
    n[at + 1] = shared * LENGTH_RANGE + stored;
    n[at + 2] = file.size;
    n[at + 3] = file.mtime;
    n[at + 4] = file.inode;
    n[at + 5] = comicId ?? NO_COMIC;
  }

  /** Where a new file's numbers go in the last number block (started when the one before is full). */
  private nextSlot(): number {
    const index = this.length++;
    if (index % FILES_PER_BLOCK === 0) this.numberBlocks.push(new Float64Array(FILES_PER_BLOCK * FIELDS));
    return (index % FILES_PER_BLOCK) * FIELDS;
  }

  /**
   * Stores the next path pushed whole, not as what differs from the one before, so that the files
   * from here on can be appended to another list without the ones before them (`append`).
   */
  startRun(): void {
    this.lastLength = 0;
  }

  /**
   * Adds another list's files `from` to `to` after these, copying their stored bytes and numbers
   * as they are: nothing is decoded, so joining lists costs a copy. The file at `from` must begin
   * a run (the list's first file, or the first pushed after `startRun()`): the ones after it
   * rebuild on it.
   */
  append(other: FileList, from = 0, to = other.length): void {
    if (from < to && other.numbersOf(from)[(from % FILES_PER_BLOCK) * FIELDS + 1]! >= LENGTH_RANGE) {
      throw new RangeError('a file list can be appended only from the start of a run');
    }
    // Files pushed one after another lie side by side in a block: each such stretch is copied in one go.
    for (let first = from; first < to; ) {
      const block = other.blockOf(first);
      // Blocks fill in order, so the files in this block end where a binary search finds.
      let end = first + 1;
      for (let high = to; end < high; ) {
        const middle = (end + high) >>> 1;
        if (other.blockOf(middle) === block) end = middle + 1;
        else high = middle;
      }
      const start = other.startOf(first);
      const bytes = other.startOf(end - 1) + other.storedOf(end - 1) - start;
      const into = this.room(bytes);
      other.pathBlocks[block]!.copy(this.pathBlocks.at(-1)!, into, start, start + bytes);
      this.used += bytes;
      const shift = (this.pathBlocks.length - 1) * START_RANGE + into - (block * START_RANGE + start);
      this.appendNumbers(other, first, end, shift);
      first = end;
    }
    // The next path pushed must not be coded against a path this list no longer ends with.
    this.lastLength = 0;
  }

  /** Copies the numbers of `other`'s files `from` to `to`, their path positions moved by `shift`. */
  private appendNumbers(other: FileList, from: number, to: number, shift: number): void {
    for (let index = from; index < to; ) {
      const into = this.length % FILES_PER_BLOCK;
      if (into === 0) this.numberBlocks.push(new Float64Array(FILES_PER_BLOCK * FIELDS));
      const at = index % FILES_PER_BLOCK;
      const count = Math.min(to - index, FILES_PER_BLOCK - at, FILES_PER_BLOCK - into);
      const target = this.numberBlocks.at(-1)!;
      target.set(other.numbersOf(index).subarray(at * FIELDS, (at + count) * FIELDS), into * FIELDS);
      for (let slot = into * FIELDS; slot < (into + count) * FIELDS; slot += FIELDS) target[slot]! += shift;
      this.length += count;
      index += count;
    }
  }

  private blockOf(index: number): number {
    return Math.floor(this.numbersOf(index)[(index % FILES_PER_BLOCK) * FIELDS]! / START_RANGE);
  }

  private startOf(index: number): number {
    return this.numbersOf(index)[(index % FILES_PER_BLOCK) * FIELDS]! % START_RANGE;
  }

  private storedOf(index: number): number {
    return this.numbersOf(index)[(index % FILES_PER_BLOCK) * FIELDS + 1]! % LENGTH_RANGE;
  }

  /** Bytes of the buffers the list holds, all outside the JavaScript heap (bench/memory.ts reports it). */
  get heldBytes(): number {
    const blocks = (list: ArrayBufferView[]) => list.reduce((sum, block) => sum + block.byteLength, 0);
    return blocks(this.pathBlocks) + blocks(this.numberBlocks) + this.last.length + this.next.length;
  }

  /** How many leading bytes the path just encoded into `next` shares with the one before. */
  private sharedWithLast(length: number): number {
    const { last, next } = this;
    const most = Math.min(length, this.lastLength);
    let shared = 0;
    while (shared < most && next[shared] === last[shared]) shared++;
    return shared;
  }

  /** Where `bytes` more path bytes go in the last block, after starting a new one if they do not fit. */
  private room(bytes: number): number {
    const block = this.pathBlocks.at(-1);
    if (!block || this.used + bytes > block.length) {
      this.pathBlocks.push(Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, bytes)));
      this.used = 0;
    }
    return this.used;
  }

  *[Symbol.iterator](): Iterator<FileStat> {
    const fileAt = this.reader();
    for (let index = 0; index < this.length; index++) yield fileAt(index);
  }

  *items(): Generator<ReadItem> {
    const fileAt = this.reader();
    for (let index = 0; index < this.length; index++) {
      const comicId = this.numbersOf(index)[(index % FILES_PER_BLOCK) * FIELDS + 5]!;
      yield { file: fileAt(index), comicId: comicId === NO_COMIC ? undefined : comicId };
    }
  }

  private numbersOf(index: number): Float64Array {
    return this.numberBlocks[Math.floor(index / FILES_PER_BLOCK)]!;
  }

  /**
   * Gives the file at each index, called with 0, 1, 2 ... in turn: a path is rebuilt on the bytes
   * of the one before it, kept in the reader's own buffer.
   */
  private reader(): (index: number) => FileStat {
    let path = Buffer.allocUnsafe(256);
    return (index) => {
      const n = this.numbersOf(index);
      const at = (index % FILES_PER_BLOCK) * FIELDS;
      const where = n[at]!;
      const block = Math.floor(where / START_RANGE);
      const start = where - block * START_RANGE;
      const shared = Math.floor(n[at + 1]! / LENGTH_RANGE);
      const stored = n[at + 1]! - shared * LENGTH_RANGE;
      if (path.length < shared + stored) {
        const longer = Buffer.allocUnsafe(2 * (shared + stored));
        path.copy(longer, 0, 0, shared);
        path = longer;
      }
      this.pathBlocks[block]!.copy(path, shared, start, start + stored);
      return { path: path.toString('utf8', 0, shared + stored), size: n[at + 2]!, mtime: n[at + 3]!, inode: n[at + 4]! };
    };
  }
}

/** A FileList as plain buffers: each path block is a whole ArrayBuffer (allocUnsafeSlow), as is each number block. */
export interface FileListParts {
  pathBlocks: ArrayBuffer[];
  numberBlocks: ArrayBuffer[];
  used: number;
  length: number;
}

/** Files to read, in order, from lists read one after another rather than copied into one. */
export interface ReadList {
  readonly length: number;
  items(): Iterable<ReadItem>;
}

export function readListOf(...lists: FileList[]): ReadList {
  return {
    length: lists.reduce((total, list) => total + list.length, 0),
    *items() {
      for (const list of lists) yield* list.items();
    },
  };
}
