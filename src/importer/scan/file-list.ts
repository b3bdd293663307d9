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
/** Per file: where its path is (block * 2^32 + start), its length in bytes, size, mtime, inode, comic id. */
const FIELDS = 6;
const BLOCK_BYTES = 1 << 20;
const FILES_PER_BLOCK = 1 << 13;
const START_RANGE = 2 ** 32;
const UTF8 = new TextEncoder();

/**
 * A list of files held compactly, outside the JavaScript heap: paths as UTF-8 in blocks of 1 MiB,
 * the numbers in typed arrays of 8,192 files, so the path's bytes plus 48 a file, with at most a
 * block of each unused. The scan's file list and the import's list of files to read are these.
 * As objects (a FileStat and its path string) the list of a 600k-comic library kept about 200 MiB
 * alive on the heap, and V8 lets the heap grow to several times what is alive; as one buffer that
 * doubles when full, it held up to twice its size (106 MiB for 73 MiB of files at 600k) and copied
 * itself as it grew. The objects are made one at a time as the list is read. Display paths are
 * well-formed strings (src/path-bytes.ts), so UTF-8 gives them back exactly.
 */
export class FileList implements Iterable<FileStat> {
  private readonly pathBlocks: Buffer[] = [];
  /** Bytes used in the last path block. */
  private used = 0;
  private readonly numberBlocks: Float64Array[] = [];
  length = 0;

  static of(files: Iterable<FileStat>): FileList {
    const list = new FileList();
    for (const file of files) list.push(file);
    return list;
  }

  push(file: FileStat, comicId?: number): void {
    const room = file.path.length * 3;
    let block = this.pathBlocks.at(-1);
    if (!block || this.used + room > block.length) {
      block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, room));
      this.pathBlocks.push(block);
      this.used = 0;
    }
    const start = this.used;
    const bytes = UTF8.encodeInto(file.path, block.subarray(start)).written;
    this.used += bytes;
    const index = this.length++;
    if (index % FILES_PER_BLOCK === 0) this.numberBlocks.push(new Float64Array(FILES_PER_BLOCK * FIELDS));
    const n = this.numberBlocks.at(-1)!;
    const at = (index % FILES_PER_BLOCK) * FIELDS;
    n[at] = (this.pathBlocks.length - 1) * START_RANGE + start;
    n[at + 1] = bytes;
    n[at + 2] = file.size;
    n[at + 3] = file.mtime;
    n[at + 4] = file.inode;
    n[at + 5] = comicId ?? NO_COMIC;
  }

  at(index: number): FileStat {
    const n = this.numberBlocks[Math.floor(index / FILES_PER_BLOCK)]!;
    const at = (index % FILES_PER_BLOCK) * FIELDS;
    const where = n[at]!;
    const block = Math.floor(where / START_RANGE);
    const start = where - block * START_RANGE;
    const path = this.pathBlocks[block]!.toString('utf8', start, start + n[at + 1]!);
    return { path, size: n[at + 2]!, mtime: n[at + 3]!, inode: n[at + 4]! };
  }

  comicIdAt(index: number): number | undefined {
    const comicId = this.numberBlocks[Math.floor(index / FILES_PER_BLOCK)]![(index % FILES_PER_BLOCK) * FIELDS + 5]!;
    return comicId === NO_COMIC ? undefined : comicId;
  }

  *[Symbol.iterator](): Iterator<FileStat> {
    for (let index = 0; index < this.length; index++) yield this.at(index);
  }

  *items(): Generator<ReadItem> {
    for (let index = 0; index < this.length; index++) yield { file: this.at(index), comicId: this.comicIdAt(index) };
  }
}
