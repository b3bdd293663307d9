import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Extractor, UnrarError, type FileHeader, type SeekMethod } from 'node-unrar-js';
import { getUnrar } from 'node-unrar-js/dist/js/unrar.singleton.js';
import { archiveError, entryInflatesPastCap } from './errors';
import { entryToRead } from './entry-to-read';
import { type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * RAR 4 and 5 (solid too) through node-unrar-js's wasm build of the official unrar. The file is
 * read by seeking, never loaded whole, and the extracted entry is collected in memory under the
 * byte cap instead of written to disk as the package's own file extractor does.
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

  protected open(filename: string): number {
    const fd = openSync(filename, 'r');
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
  const module = (await getUnrar()) as UnrarModule;
  const extractor = new MemoryExtractor(module, path);
  const { comment, headers } = guard(() => extractor.list(), extractor);
  if (headers.some((header) => header.flags.encrypted)) throw archiveError('encrypted RAR: password required');
  const entries: ArchiveEntry[] = headers.map(toEntry);
  return {
    format: 'rar',
    entries,
    comment: comment || undefined,
    async read(name: string, options?: ReadEntryOptions) {
      const { maxBytes } = entryToRead(entries, name, options);
      return guard(() => extractor.extractOne(name, maxBytes), extractor, name, maxBytes);
    },
    async close() {
      extractor.closeLeftovers();
    },
  };
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
function guard<T>(run: () => T, extractor: MemoryExtractor, entryName?: string, maxBytes?: number): T {
  try {
    return run();
  } catch (error) {
    extractor.closeLeftovers();
    if (extractor.overflowed && entryName !== undefined && maxBytes !== undefined) {
      throw entryInflatesPastCap(entryName, maxBytes);
    }
    if (!(error instanceof UnrarError)) throw archiveError(`damaged RAR: ${(error as Error).message}`, error);
    throw archiveError(RAR_REASONS[error.reason] ?? `damaged RAR: ${error.message}`, error);
  }
}

const RAR_REASONS: Partial<Record<UnrarError['reason'], string>> = {
  ERAR_MISSING_PASSWORD: 'encrypted RAR: password required',
  ERAR_BAD_PASSWORD: 'encrypted RAR: password required',
  ERAR_BAD_ARCHIVE: 'damaged RAR: not a RAR archive or its headers are broken',
  ERAR_BAD_DATA: 'damaged RAR: header or data checksum mismatch',
  ERAR_UNKNOWN_FORMAT: 'unsupported RAR: unknown archive format version',
  ERAR_EOPEN: 'damaged RAR: a volume of this multi-part archive is missing',
  ERAR_EREAD: 'truncated RAR: the file ends early',
  ERAR_NO_MEMORY: 'damaged RAR: not enough memory to unpack (corrupt dictionary size?)',
};
