import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { mayExist } from '../fs-errors';
import { fileErrorReason } from './errors';
import { fsPathOf } from '../path-bytes';

/**
 * A path every reader can open for a display path (src/path-bytes.ts). The readers open files by
 * string paths, and no string reaches a name whose bytes are not UTF-8; so such a file is opened
 * here by its bytes and the readers get the descriptor's own path (/proc/self/fd/N on Linux,
 * /dev/fd/N elsewhere), which opens the same file again. The file name the readers see is then
 * a number: callers take the name from the display path.
 */
export type Openable = { ok: true; path: string; close(): void } | { ok: false; reason: string };

const FD_FOLDER = existsSync('/proc/self/fd') ? '/proc/self/fd' : '/dev/fd';

export function openablePath(displayPath: string): Openable {
  const bytes = fsPathOf(displayPath);
  // A name as written first: a valid name may look like an escaped one (see path-bytes.ts).
  if (typeof bytes === 'string' || mayExist(displayPath)) return { ok: true, path: displayPath, close() {} };
  let fd: number;
  try {
    fd = openSync(bytes, 'r');
  } catch (error) {
    return { ok: false, reason: fileErrorReason(error) };
  }
  return { ok: true, path: `${FD_FOLDER}/${fd}`, close: () => closeSync(fd) };
}

/** Whether a reader was handed a descriptor's path (see openablePath): the file's name is not in it. */
export function isDescriptorPath(path: string): boolean {
  return path.startsWith(`${FD_FOLDER}/`);
}

/** True when an open file starts with 7-Zip's signature (read without moving the file offset). */
export function isSevenZip(fdPath: string): boolean {
  const fd = openSync(fdPath, 'r');
  try {
    const head = Buffer.alloc(6);
    return readSync(fd, head, 0, 6, 0) === 6 && head.equals(SEVEN_ZIP);
  } finally {
    closeSync(fd);
  }
}

const SEVEN_ZIP = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
