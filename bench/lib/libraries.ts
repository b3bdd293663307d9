import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../../tools/generate-library';
import { MANIFEST_FILE, hasManifest } from '../../tools/library/manifest-file';
import { REPO_ROOT } from './child';

export interface LibraryKey {
  profile: Exclude<Profile, 'sample'>;
  count: number;
  seed: number;
}

/** Where `npm run bench:gen` puts a library by default, under `librariesDir`. */
export function libraryDir(librariesDir: string, { profile, count, seed }: LibraryKey): string {
  return join(librariesDir, `${profile}-${count}${seed === 1 ? '' : `-s${seed}`}`);
}

/**
 * The generated library for `key`, written once by bench/generate.ts (same as `npm run bench:gen`)
 * and reused while its manifest says it is complete. An incomplete one (an interrupted run) is
 * regenerated; a folder that is not a generated library is never touched.
 */
export function ensureLibrary(librariesDir: string, key: LibraryKey, log: (line: string) => void): string {
  const dir = libraryDir(librariesDir, key);
  if (isComplete(dir, key)) return dir;
  const exists = existsSync(dir) && readdirSync(dir).length > 0;
  if (exists && !hasManifest(dir)) throw new Error(`${dir} exists but holds no ${MANIFEST_FILE}: not a generated library; move it away`);
  log(`generating ${key.profile} library, ${key.count} comics, seed ${key.seed} -> ${dir}`);
  const args = ['--import', 'tsx', 'bench/generate.ts', '--profile', key.profile, '--count', String(key.count), '--seed', String(key.seed), '--out', dir];
  const run = spawnSync(process.execPath, exists ? [...args, '--force'] : args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`generating ${dir} failed (exit ${run.status ?? run.signal})`);
  if (!isComplete(dir, key)) throw new Error(`generated ${dir}, but its manifest does not list ${key.count} comics`);
  return dir;
}

/** The manifest's header matches and it lists `count` comics (one JSON line each, after the header). */
function isComplete(dir: string, { profile, count, seed }: LibraryKey): boolean {
  if (!hasManifest(dir)) return false;
  const { header, lines } = scanManifest(join(dir, MANIFEST_FILE));
  try {
    const parsed = JSON.parse(header) as { profile?: string; count?: number; seed?: number };
    return parsed.profile === profile && parsed.count === count && parsed.seed === seed && lines === count + 1;
  } catch {
    return false;
  }
}

/** First line and line count, streamed: a 600k manifest is over 500 MB. */
function scanManifest(path: string): { header: string; lines: number } {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let header = '';
    let headerDone = false;
    let lines = 0;
    for (let read; (read = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      const chunk = buffer.subarray(0, read);
      if (!headerDone) {
        const end = chunk.indexOf(0x0a);
        header += chunk.toString('utf8', 0, end < 0 ? read : end);
        headerDone = end >= 0;
      }
      for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) lines++;
    }
    return { header, lines };
  } finally {
    closeSync(fd);
  }
}

/**
 * A fresh working copy of `library` at `dir/library` (mtimes kept, `cp -a`), for the scenarios
 * that change files: the generated library itself is never changed. The manifest is left out.
 */
export function prepareWorkCopy(library: string, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, 'library');
  const run = spawnSync('cp', ['-a', library, copy], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`cp -a ${library} ${copy} failed (exit ${run.status ?? run.signal})`);
  if (hasManifest(copy)) unlinkSync(join(copy, MANIFEST_FILE));
  return copy;
}
