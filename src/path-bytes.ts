import { join } from 'node:path';

/**
 * File names that are not valid UTF-8 (a Latin-1 `caf\xe9 #1.cbz` from an old library). Node
 * decodes such a name to a string with U+FFFD in place of the bad bytes, and that string opens
 * nothing: the bytes are lost. So where a name does not decode, the walk reads the folder as bytes
 * and the name is stored in one reversible form, its display name:
 *
 * - every byte that is not part of a valid UTF-8 sequence is written `\xHH` (backslash, `x`, two
 *   lower-case hex digits; always 80..ff, as ASCII bytes are always valid), the notation of
 *   Python's bytes and of the issue that asked for this;
 * - in such a name only, a backslash is written `\x5c`, so every `\` of a display name starts an
 *   escape and the bytes come back exactly;
 * - a valid UTF-8 name is its own display name, unchanged, whatever it contains.
 *
 * A display name therefore decodes to bytes only when it is in that exact (canonical) form and the
 * bytes are not valid UTF-8; anything else is a name as written. The one collision left is a
 * valid name written exactly like the escaped form of another name in the same folder (a file
 * literally called `caf\xe9 #1.cbz` beside the Latin-1 one): the walk keeps the valid name and
 * reports the other one, asking to rename it; openers try a name as written first.
 */

const ESCAPE = /\\x([0-9a-f]{2})/y;

/** Length of the valid UTF-8 sequence at `at`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    // E0 needs A0.. (no overlong forms), ED needs ..9F (no surrogates).
    const ok = continuation(1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) && continuation(2);
    return ok ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    // F0 needs 90.. (no overlong forms), F4 needs ..8F (nothing past U+10FFFF).
    const ok = continuation(1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) && continuation(2) && continuation(3);
    return ok ? 4 : 0;
  }
  return 0;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return false;
    at += length;
  }
  return true;
}

const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, '0')}`;

/** The name as stored and shown: the UTF-8 text, or the escaped form when the bytes are not UTF-8. */
export function displayName(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isValidUtf8(buffer)) return buffer.toString('utf8');
  let out = '';
  for (let at = 0; at < buffer.length; ) {
    const length = sequenceLength(buffer, at);
    if (length === 0 || buffer[at] === 0x5c) {
      out += hex(buffer[at]!);
      at += 1;
    } else {
      out += buffer.toString('utf8', at, at + length);
      at += length;
    }
  }
  return out;
}

/**
 * The bytes of a display name in the escaped form; undefined for any other name (a valid name is
 * its own UTF-8, and a string that merely looks escaped, but is not canonical, is a name as written).
 */
export function nameBytes(display: string): Buffer | undefined {
  if (!display.includes('\\x')) return undefined;
  const parts: Buffer[] = [];
  let copied = 0;
  for (let at = display.indexOf('\\'); at >= 0; at = display.indexOf('\\', copied)) {
    ESCAPE.lastIndex = at;
    const match = ESCAPE.exec(display);
    if (!match) return undefined;
    parts.push(Buffer.from(display.slice(copied, at), 'utf8'), Buffer.of(parseInt(match[1]!, 16)));
    copied = at + 4;
  }
  parts.push(Buffer.from(display.slice(copied), 'utf8'));
  const bytes = Buffer.concat(parts);
  return !isValidUtf8(bytes) && displayName(bytes) === display ? bytes : undefined;
}

/**
 * What to hand the file system for a '/'-separated display path: the string itself when no part
 * is escaped (the common case, no copy), else the path's bytes.
 */
export function fsPathOf(displayPath: string): string | Buffer {
  if (!displayPath.includes('\\x')) return displayPath;
  const parts = displayPath.split('/');
  const bytes = parts.map((part) => nameBytes(part));
  if (bytes.every((part) => part === undefined)) return displayPath;
  return Buffer.concat(parts.flatMap((part, i) => [...(i > 0 ? [SLASH] : []), bytes[i] ?? Buffer.from(part, 'utf8')]));
}

const SLASH = Buffer.from('/');

/** Where the file system finds a display path under `root`: a string, or bytes for an escaped name. */
export function fsPathUnder(root: string, relative: string): string | Buffer {
  const path = fsPathOf(relative);
  if (typeof path === 'string') return join(root, path);
  return relative === '' ? root : Buffer.concat([Buffer.from(join(root, '/')), path]);
}

const windows1252 = new TextDecoder('windows-1252');

/**
 * A guess at what an escaped name says, for reading metadata from the name (series, issue): its
 * bad bytes read as windows-1252, the usual encoding of such names (`caf\xe9` reads `café`).
 * Never stored as the path: two different names can read the same.
 */
export function readableName(display: string): string {
  const bytes = nameBytes(display);
  if (bytes === undefined) return display;
  let out = '';
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    out += length === 0 ? windows1252.decode(bytes.subarray(at, at + 1)) : bytes.toString('utf8', at, at + length);
    at += Math.max(length, 1);
  }
  return out;
}
