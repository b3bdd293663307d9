import { basename } from 'node:path';
import { isSevenZip, openablePath } from '../archive/openable-path';
import { readableName } from '../path-bytes';
import { readComic, type ReadComicOptions, type ReadOutcome } from './read-comic';

/**
 * readComic for a display path: the outcome names the display path, and the filename source reads
 * the name as a person would (src/path-bytes.ts readableName), not the descriptor's number.
 */
export async function readComicAt(displayPath: string, options: ReadComicOptions = {}): Promise<ReadOutcome> {
  const opened = openablePath(displayPath);
  if (!opened.ok) return { ok: false, path: displayPath, reason: opened.reason };
  try {
    if (opened.path === displayPath) return await readComic(displayPath, options);
    // 7-Zip (in wasm) mounts the file's folder and opens the file by name: a descriptor's path is
    // a link there, which it cannot follow.
    if (isSevenZip(opened.path)) return { ok: false, path: displayPath, reason: 'cannot read a 7z archive whose name is not valid UTF-8: rename it' };
    const outcome = await readComic(opened.path, { ...options, fileName: readableName(basename(displayPath)) });
    return outcome.ok ? { ...outcome, path: displayPath, comic: { ...outcome.comic, path: displayPath } } : { ...outcome, path: displayPath };
  } finally {
    opened.close();
  }
}
