import { writeFileSync } from 'node:fs';
import { DEFAULT_ENTRY_MTIME, entryBytes, type ArchiveEntry } from './entry';

const BLOCK = 512;
const NAME_MAX = 100;
const PREFIX_MAX = 155;

/** An entry, or a hard link to an earlier one (its `data` is then not written: a link holds none). */
export type TarEntry = ArchiveEntry & { hardLinkTo?: string };

export interface TarOptions {
  /**
   * GNU tar's header ("ustar  \0", as `tar --format=gnu` writes it) with an access and a change
   * time where POSIX ustar keeps a name prefix (`tar -G` and `--atime-preserve` fill them).
   */
  gnu?: boolean;
}

/** Write a CBT: an uncompressed ustar archive, synchronously. */
export function writeCbt(path: string, entries: TarEntry[], options: TarOptions = {}): void {
  writeFileSync(path, buildTar(entries, options));
}

/** The bytes of a ustar archive holding `entries` in order, ended by two zero blocks. */
export function buildTar(entries: TarEntry[], options: TarOptions = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.hardLinkTo === undefined ? entryBytes(entry) : Buffer.alloc(0);
    parts.push(header(entry, data.length, options), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function header(entry: TarEntry, size: number, { gnu = false }: TarOptions): Buffer {
  const b = Buffer.alloc(BLOCK);
  // GNU's header has no prefix field: the writer keeps its names short enough.
  const { name, prefix } = gnu ? { name: Buffer.from(entry.name, 'utf8'), prefix: Buffer.alloc(0) } : splitName(Buffer.from(entry.name, 'utf8'));
  name.copy(b, 0);
  writeOctal(b, 100, 8, 0o644);
  writeOctal(b, 108, 8, 0); // uid
  writeOctal(b, 116, 8, 0); // gid
  writeOctal(b, 124, 12, size);
  writeOctal(b, 136, 12, Math.floor((entry.mtime ?? DEFAULT_ENTRY_MTIME).getTime() / 1000));
  if (entry.hardLinkTo === undefined) b.write('0', 156, 'ascii'); // regular file
  else {
    b.write('1', 156, 'ascii');
    b.write(entry.hardLinkTo, 157, 'utf8');
  }
  if (gnu) {
    b.write('ustar  \u0000', 257, 'ascii');
    const time = Math.floor((entry.mtime ?? DEFAULT_ENTRY_MTIME).getTime() / 1000);
    writeOctal(b, 345, 12, time); // atime
    writeOctal(b, 357, 12, time); // ctime
  } else {
    b.write('ustar\u000000', 257, 'ascii');
    prefix.copy(b, 345);
  }
  // The checksum is computed with its own field read as eight spaces.
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return b;
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
