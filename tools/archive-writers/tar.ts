import { writeFileSync } from 'node:fs';
import { DEFAULT_ENTRY_MTIME, entryBytes, type ArchiveEntry } from './entry';

const BLOCK = 512;
const NAME_MAX = 100;
const PREFIX_MAX = 155;

/** Write a CBT: an uncompressed ustar archive, synchronously. */
export function writeCbt(path: string, entries: ArchiveEntry[]): void {
  writeFileSync(path, buildTar(entries));
}

/** The bytes of a ustar archive holding `entries` in order, ended by two zero blocks. */
export function buildTar(entries: ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entryBytes(entry);
    parts.push(header(entry, data.length), data, Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function header(entry: ArchiveEntry, size: number): Buffer {
  const b = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(Buffer.from(entry.name, 'utf8'));
  name.copy(b, 0);
  writeOctal(b, 100, 8, 0o644);
  writeOctal(b, 108, 8, 0); // uid
  writeOctal(b, 116, 8, 0); // gid
  writeOctal(b, 124, 12, size);
  writeOctal(b, 136, 12, Math.floor((entry.mtime ?? DEFAULT_ENTRY_MTIME).getTime() / 1000));
  b.write('0', 156, 'ascii'); // regular file
  b.write('ustar\u000000', 257, 'ascii');
  prefix.copy(b, 345);
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
