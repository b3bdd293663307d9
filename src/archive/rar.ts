import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Extractor, UnrarError, type FileHeader, type SeekMethod } from 'node-unrar-js';
import { getUnrar } from 'node-unrar-js/dist/js/unrar.singleton.js';
import { archiveError, entryInflatesPastCap } from './errors';
import { entryToRead } from './entry-to-read';
import { isDescriptorPath } from './openable-path';
import { withoutNewProcessHooks } from './process-hooks';
import { type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * RAR 4 and 5 (solid too) through node-unrar-js's wasm build of the official unrar. The file is
 * read by seeking, never loaded whole, and the extracted entry is collected in memory under the
 * byte cap instead of written to disk as the package's own file extractor does. What unrar
 * refuses (RAR 1.5 and 2.x with per-file comments, which it calls checksum mismatches) goes to
 * 7-Zip, which reads RAR 1.5 to 5, before the file is called damaged.
 */

interface UnrarModule {
  HEAPU8: Uint8Array;
  /** The wasm calls back into whichever extractor is set here, so it is set before every call. */
  extractor: Extractor;
}

/** A handle no real descriptor takes: the wasm passes handles through as unsigned integers. */
const OUTPUT_FD = 0x7fff_fff0;

/** Reads the archive with synchronous fs calls and captures the one extracted entry in memory. */
class MemoryExtractor extends Extractor {
  protected _filePath: string;
  private readonly files = new Map<number, { position: number; size: number }>();
  private output: Buffer[] = [];
  private outputSize = 0;
  private outputLimit = 0;
  overflowed = false;
  /** The volume unrar asked for that is not on disk: the archive is one part of a set. */
  missingVolume: string | undefined;
  /** A file unrar asked for that is no volume of this archive (see open). */
  refused: string | undefined;

  constructor(
    private readonly module: UnrarModule,
    filePath: string,
  ) {
    super(module);
    this._filePath = filePath;
  }

  list(): { comment: string; headers: FileHeader[] } {
    this.module.extractor = this;
    const { arcHeader, fileHeaders } = this.getFileList();
    return { comment: arcHeader.comment, headers: [...fileHeaders] };
  }

  extractOne(name: string, limit: number): Buffer {
    this.module.extractor = this;
    this.output = [];
    this.outputSize = 0;
    this.outputLimit = limit;
    this.overflowed = false;
    try {
      // Iterating the generator runs the extraction; it stops after the one requested file.
      for (const file of this.extract({ files: [name] }).files) void file;
      return Buffer.concat(this.output, this.outputSize);
    } finally {
      this.output = [];
      this.closeLeftovers();
    }
  }

  /**
   * unrar opens the archive and its other volumes, and also, for a RAR 5 file copy (`rar -oi`:
   * a repeated page stored as a reference) or hard link, the target *as already extracted*, by a
   * name it resolves against the working directory. Only volumes are opened: anything else would
   * hand back some other file of the host as the page.
   */
  protected open(filename: string): number {
    if (filename !== this._filePath && !isVolumeOf(this._filePath, filename)) {
      // Opened by its descriptor (openable-path.ts), the archive has no name to derive volumes from:
      // unrar's next one beside /proc/self/fd/N is a volume it cannot find (missingVolumeReason).
      if (isDescriptorPath(this._filePath) && dirname(resolve(filename)) === dirname(this._filePath)) this.missingVolume = basename(filename);
      else this.refused = basename(filename);
      throw new Error(`not a volume of this archive: ${filename}`);
    }
    let fd: number;
    try {
      fd = openSync(filename, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') this.missingVolume = basename(filename);
      throw error;
    }
    this.files.set(fd, { position: 0, size: fstatSync(fd).size });
    return fd;
  }

  protected create(): number {
    return OUTPUT_FD;
  }

  protected closeFile(fd: number): void {
    if (fd === OUTPUT_FD || !this.files.delete(fd)) return;
    closeSync(fd);
  }

  protected read(fd: number, pointer: number, size: number): number {
    const file = this.files.get(fd);
    if (!file) return -1;
    const buffer = Buffer.allocUnsafe(size);
    const read = readSync(fd, buffer, 0, size, file.position);
    this.module.HEAPU8.set(buffer.subarray(0, read), pointer);
    file.position += read;
    return read;
  }

  /** Returning false makes unrar stop with a write error: that is how the cap halts a bomb. */
  protected write(fd: number, pointer: number, size: number): boolean {
    if (fd !== OUTPUT_FD) return false;
    if (this.outputSize + size > this.outputLimit) {
      this.overflowed = true;
      return false;
    }
    this.output.push(Buffer.from(this.module.HEAPU8.subarray(pointer, pointer + size)));
    this.outputSize += size;
    return true;
  }

  protected tell(fd: number): number {
    return this.files.get(fd)?.position ?? -1;
  }

  protected seek(fd: number, offset: number, method: SeekMethod): boolean {
    const file = this.files.get(fd);
    if (!file) return false;
    const base = method === 'SET' ? 0 : method === 'END' ? file.size : file.position;
    const position = base + offset;
    if (position < 0 || position > file.size) return false;
    file.position = position;
    return true;
  }

  /** unrar closes its files on success; after an error this keeps descriptors from leaking. */
  closeLeftovers(): void {
    for (const fd of this.files.keys()) closeSync(fd);
    this.files.clear();
  }
}

export async function openRar(path: string): Promise<Archive> {
  let archive: Archive;
  try {
    archive = await openWithUnrar(path);
  } catch (error) {
    return withSevenZipOrThrow(path, error);
  }
  return {
    ...archive,
    read: (name, options) =>
      archive.read(name, options).catch(async (error: unknown) => {
        const other = await withSevenZipOrThrow(path, error);
        return other.read(name, options).catch((sevenZipError: unknown) => {
          throw passwordOr(sevenZipError, error);
        });
      }),
  };
}

/** 7-Zip's reason when it found a password is missing; else unrar's, which says more. */
function passwordOr(sevenZipError: unknown, unrarError: unknown): unknown {
  return sevenZipError instanceof Error && sevenZipError.message.startsWith('encrypted') ? sevenZipError : unrarError;
}

async function openWithUnrar(path: string): Promise<Archive> {
  const module = (await withoutNewProcessHooks(() => getUnrar())) as UnrarModule;
  const extractor = new MemoryExtractor(module, path);
  const { comment, headers } = guard(() => extractor.list(), extractor, path);
  if (headers.some((header) => header.flags.encrypted)) throw archiveError('encrypted RAR: password required');
  const entries: ArchiveEntry[] = headers.map(toEntry);
  return {
    format: 'rar',
    entries,
    comment: comment || undefined,
    async read(name: string, options?: ReadEntryOptions) {
      const { entry, maxBytes } = entryToRead(entries, name, options);
      const data = guard(() => extractor.extractOne(name, maxBytes), extractor, path, name, maxBytes);
      // A hard link extracts to nothing here (unrar makes links on disk, not data).
      if (data.length !== entry.size) throw archiveError(`unsupported RAR: ${name} extracts to ${data.length} bytes, not the ${entry.size} its header gives (a link?)`);
      return data;
    },
    async close() {
      extractor.closeLeftovers();
    },
  };
}

/**
 * Whether unrar's `filename` is another volume of the set `archive` belongs to: beside it, with
 * the same stem, named as unrar names the next volume whatever the first one's extension
 * (x.part2.rar or x.part2.cbr; x.rar, x.r00 or x.cbr, x.c00; x.001).
 */
export function isVolumeOf(archive: string, filename: string): boolean {
  const target = resolve(filename);
  if (dirname(target) !== dirname(resolve(archive))) return false;
  const stem = basename(archive).replace(/(\.part\d+)?\.[^.]*$/i, '');
  const name = basename(target);
  return name.startsWith(`${stem}.`) && /^(part\d+\.(rar|cbr)|rar|cbr|[a-z]\d\d|\d{3})$/i.test(name.slice(stem.length + 1));
}

/** Reasons 7-Zip cannot change: the password, a missing volume, the byte cap, an absent entry. */
const FINAL_REASON = /^(encrypted|part \d+ of|a volume of|entry too large|entry not found)/;

/**
 * The same RAR through 7-Zip, when unrar failed for a reason 7-Zip might not share. If 7-Zip
 * fails too, unrar's reason stands, unless 7-Zip found the password is what is missing.
 */
async function withSevenZipOrThrow(path: string, unrarError: unknown): Promise<Archive> {
  if (unrarError instanceof Error && FINAL_REASON.test(unrarError.message)) throw unrarError;
  const { openWith7Zip } = await import('./sevenzip');
  try {
    return await openWith7Zip(path, isRar5(path) ? 'rar5' : 'rar');
  } catch (sevenZipError) {
    throw passwordOr(sevenZipError, unrarError);
  }
}

/** RAR 5's signature ends 01 00 where RAR 1.5-4's ends 00; 7-Zip opens each under its own -t. */
function isRar5(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return head.equals(Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'));
  } finally {
    closeSync(fd);
  }
}

function toEntry(header: FileHeader): ArchiveEntry {
  return {
    name: header.name.replaceAll('\\', '/'),
    size: header.unpSize,
    isDirectory: header.flags.directory,
    // unrar reports a zone-less DOS-style time; reading it as UTC keeps it machine-independent.
    mtime: Date.parse(`${header.time}Z`) || undefined,
  };
}

/** Turns unrar's error codes into reasons a person can act on. */
function guard<T>(run: () => T, extractor: MemoryExtractor, path: string, entryName?: string, maxBytes?: number): T {
  extractor.missingVolume = undefined;
  extractor.refused = undefined;
  try {
    return run();
  } catch (error) {
    extractor.closeLeftovers();
    if (extractor.overflowed && entryName !== undefined && maxBytes !== undefined) {
      throw entryInflatesPastCap(entryName, maxBytes);
    }
    if (extractor.missingVolume !== undefined) throw archiveError(missingVolumeReason(path, extractor.missingVolume), error);
    if (extractor.refused !== undefined) {
      throw archiveError(`unsupported RAR: ${entryName ?? 'an entry'} is a copy of or a link to ${extractor.refused}, which unrar reads from disk`, error);
    }
    if (!(error instanceof UnrarError)) throw archiveError('damaged RAR: unrar stopped on its headers or data', error);
    throw archiveError(RAR_REASONS[error.reason] ?? 'damaged RAR: unrar reports an error in its headers or data', error);
  }
}

/** "name.part3.rar" (RAR 3+) or "name.r01" (older: name.rar, then .r00, .r01...) says which part this is. */
function missingVolumeReason(path: string, missing: string): string {
  // Opened by its descriptor (openable-path.ts): unrar looks for the next part beside
  // /proc/self/fd/N, where no part is, whether or not the real ones sit beside the file.
  if (isDescriptorPath(path)) return 'a volume of a multi-volume RAR whose name is not valid UTF-8: rename its parts to read it';
  const file = basename(path);
  const modern = /\.part(\d+)\.rar$/i.exec(file);
  const old = /\.r(\d\d)$/i.exec(file);
  const part = modern ? Number(modern[1]) : old ? Number(old[1]) + 2 : /\.rar$/i.test(file) ? 1 : undefined;
  const which = part === undefined ? 'a volume of a multi-volume RAR' : `part ${part} of a multi-volume RAR`;
  return `${which}: volume ${missing} is missing (keep all parts in one folder)`;
}

const RAR_REASONS: Partial<Record<UnrarError['reason'], string>> = {
  ERAR_MISSING_PASSWORD: 'encrypted RAR: password required',
  ERAR_BAD_PASSWORD: 'encrypted RAR: password required',
  ERAR_BAD_ARCHIVE: 'damaged RAR: not a RAR archive or its headers are broken',
  ERAR_BAD_DATA: 'damaged RAR: header or data checksum mismatch',
  ERAR_UNKNOWN_FORMAT: 'unsupported RAR: unknown archive format version',
  ERAR_EOPEN: 'a volume of a multi-volume RAR: another volume is missing (keep all parts in one folder)',
  ERAR_EREAD: 'truncated RAR: the file ends early',
  ERAR_NO_MEMORY: 'damaged RAR: not enough memory to unpack (corrupt dictionary size?)',
};
