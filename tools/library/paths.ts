import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Path pieces shared by the profiles. */

// Characters Windows, macOS or archive tools refuse in names.
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

export function safeName(name: string): string {
  const cleaned = name.replace(UNSAFE, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned === '' ? '_' : cleaned;
}

export function joinPath(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('/');
}

/** 2020-01-01T00:00:00Z: generated files get mtimes from here on, one second apart per index. */
export const BASE_MTIME = Date.UTC(2020, 0, 1);

export function mtimeFor(index: number): number {
  return BASE_MTIME + index * 1000;
}

/** The folder of a library-relative path; '' for the root. */
export function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

/** `path`, or `path` with ' (n)' before the extension when a file already has that name. */
export function freePath(root: string, path: string): string {
  const ext = posix.extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${stem} (${n})${ext}`;
    if (!existsSync(join(root, candidate))) return candidate.replace(/^\.\//, '');
  }
}
