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
const FIELDS = 5;
const UTF8 = new TextEncoder();

/**
 * A list of files held compactly: paths as UTF-8 in one buffer and the numbers in a typed array,
 * the path's bytes plus 40 a file, outside the JavaScript heap (up to twice that while it grows).
 * The scan's file list and the import's list of files to read are these. As objects (a FileStat and its path string) the list of a
 * 600k-comic library kept about 200 MiB alive on the heap, and V8 lets the heap grow to several
 * times what is alive: those lists set most of a large import's peak memory. The objects are made
 * one at a time as the list is read. Display paths are well-formed strings (src/path-bytes.ts), so
 * UTF-8 gives them back exactly.
 */
export class FileList implements Iterable<FileStat> {
  private bytes: Buffer = Buffer.allocUnsafe(4096);
  private used = 0;
  /** Per file: end of its path in `bytes`, size, mtime, inode, comic id (NO_COMIC: none). */
  private numbers = new Float64Array(FIELDS * 64);
  length = 0;

  static of(files: Iterable<FileStat>): FileList {
    const list = new FileList();
    for (const file of files) list.push(file);
    return list;
  }

  push(file: FileStat, comicId?: number): void {
    const room = this.used + file.path.length * 3;
    if (room > this.bytes.length) {
      const bytes = Buffer.allocUnsafe(Math.max(room, this.bytes.length * 2));
      this.bytes.copy(bytes, 0, 0, this.used);
      this.bytes = bytes;
    }
    this.used += UTF8.encodeInto(file.path, this.bytes.subarray(this.used)).written;
    if ((this.length + 1) * FIELDS > this.numbers.length) {
      const numbers = new Float64Array(this.numbers.length * 2);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    const at = this.length++ * FIELDS;
    const n = this.numbers;
    n[at] = this.used;
    n[at + 1] = file.size;
    n[at + 2] = file.mtime;
    n[at + 3] = file.inode;
    n[at + 4] = comicId ?? NO_COMIC;
  }

  at(index: number): FileStat {
    const at = index * FIELDS;
    const n = this.numbers;
    const path = this.bytes.toString('utf8', index === 0 ? 0 : n[at - FIELDS]!, n[at]!);
    return { path, size: n[at + 1]!, mtime: n[at + 2]!, inode: n[at + 3]! };
  }

  comicIdAt(index: number): number | undefined {
    const comicId = this.numbers[index * FIELDS + 4]!;
    return comicId === NO_COMIC ? undefined : comicId;
  }

  *[Symbol.iterator](): Iterator<FileStat> {
    for (let index = 0; index < this.length; index++) yield this.at(index);
  }

  *items(): Generator<ReadItem> {
    for (let index = 0; index < this.length; index++) yield { file: this.at(index), comicId: this.comicIdAt(index) };
  }
}
