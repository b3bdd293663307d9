import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { archiveError, fileErrorReason } from './errors';

/**
 * A comic file opened once. Sniffing its format, the zip reader and the fingerprint all want the
 * file's first and last bytes: the ends are read once and kept, so a small comic costs one open
 * and one read where it cost three opens and five reads, and a large one reads each end once.
 */
/**
 * Each end is read at least this far: a read of 16 KiB costs what a read of 1 KiB does, and the
 * next request for that end (the zip's records, the fingerprint) then usually falls inside it.
 */
const MIN_END_READ = 16 * 1024;
/** Non-blocking, so opening a FIFO named like a comic returns at once (its stat then says what it is). */
const OPEN_FLAGS = constants.O_NONBLOCK === undefined ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK;

export class ArchiveFile {
  private headBytes: Buffer = Buffer.alloc(0);
  private tailBytes: Buffer = Buffer.alloc(0);
  private open = true;

  readonly size: number;

  private constructor(
    readonly path: string,
    readonly fd: number,
    /** The open file's stat: callers need not stat the path again. */
    readonly stats: Stats,
  ) {
    this.size = stats.size;
  }

  /** Throws a LongboxError('ARCHIVE') "cannot read file: <what happened>". */
  static open(path: string): ArchiveFile {
    let fd: number | undefined;
    try {
      fd = openSync(path, OPEN_FLAGS);
      return new ArchiveFile(path, fd, fstatSync(fd));
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      throw archiveError(fileErrorReason(error), error);
    }
  }

  /** The first `length` bytes, fewer when the file is shorter. */
  head(length: number): Buffer {
    const wanted = Math.min(length, this.size);
    if (this.headBytes.length < wanted) {
      const reading = Math.min(Math.max(wanted, MIN_END_READ), this.size);
      const bytes = this.readFresh(0, reading);
      // Only a complete read is kept: a file that shrank since it was opened is not trusted twice.
      if (bytes.length < reading) return bytes.subarray(0, wanted);
      this.headBytes = bytes;
    }
    return this.headBytes.subarray(0, wanted);
  }

  /** The last `length` bytes, fewer when the file is shorter. */
  tail(length: number): Buffer {
    const wanted = Math.min(length, this.size);
    if (this.headBytes.length === this.size) return this.headBytes.subarray(this.size - wanted);
    if (this.tailBytes.length < wanted) {
      const reading = Math.min(Math.max(wanted, MIN_END_READ), this.size);
      const bytes = this.readFresh(this.size - reading, reading);
      if (bytes.length < reading) return bytes.subarray(Math.max(0, bytes.length - wanted));
      this.tailBytes = bytes;
    }
    return this.tailBytes.subarray(this.tailBytes.length - wanted);
  }

  /**
   * `length` bytes at `position` (fewer at the end of the file, none past it), from the kept ends
   * when they hold them. Offsets come from the file's own records: a forged one is cut to the
   * file's size here, so no reader hands Node a position it rejects.
   */
  read(position: number, length: number): Buffer {
    if (!(position >= 0 && position < this.size && length > 0)) return Buffer.alloc(0);
    length = Math.min(length, this.size - position);
    const end = position + length;
    if (end <= this.headBytes.length) return this.headBytes.subarray(position, end);
    const tailStart = this.size - this.tailBytes.length;
    if (position >= tailStart && end <= this.size) return this.tailBytes.subarray(position - tailStart, end - tailStart);
    return this.readFresh(position, length);
  }

  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }

  private readFresh(position: number, length: number): Buffer {
    if (!this.open) throw archiveError('the archive is closed');
    const buffer = Buffer.allocUnsafe(length);
    let read: number;
    try {
      read = readSync(this.fd, buffer, 0, length, position);
    } catch (error) {
      throw archiveError(fileErrorReason(error), error);
    }
    return read === length ? buffer : buffer.subarray(0, read);
  }
}
