import { writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import SevenZip, { type SevenZipModule } from '7z-wasm';
import { DEFAULT_ENTRY_MTIME, entryBytes, type ArchiveEntry } from './entry';

// One 7-Zip instance serves many archives: starting the wasm module costs ~15 ms and ~90 MB, each
// archive after that about 1 ms. An instance dies after about 200 commands (a 7z-wasm bug, the
// reader works around it the same way), so a fresh one is started every JOBS_PER_INSTANCE.
// Its output is swallowed so generators stay quiet.
const JOBS_PER_INSTANCE = 64;
let instance: Promise<SevenZipModule> | undefined;
let jobs = 0;

function sevenZip(): Promise<SevenZipModule> {
  if (jobs % JOBS_PER_INSTANCE === 0) instance = undefined;
  instance ??= SevenZip({ print: () => {}, printErr: () => {} });
  return instance;
}

/** Write a CB7 (7z, LZMA2) holding `entries`, through 7z-wasm's in-memory file system. */
export async function writeCb7(path: string, entries: ArchiveEntry[]): Promise<void> {
  writeFileSync(path, await buildSevenZip(entries));
}

/** `switches` go to 7-Zip's `a` command: `-m0=LZMA`, `-ms=off` (not solid), `-mhc=off` and so on. */
export async function buildSevenZip(entries: ArchiveEntry[], switches: readonly string[] = []): Promise<Buffer> {
  const { FS, callMain } = await sevenZip();
  const work = `/job-${jobs++}`;
  const archive = `${work}.7z`;
  FS.mkdir(work);
  try {
    for (const entry of entries) {
      const file = `${work}/${entry.name}`;
      mkdirs(FS, posix.dirname(file));
      FS.writeFile(file, entryBytes(entry));
      const ms = (entry.mtime ?? DEFAULT_ENTRY_MTIME).getTime();
      FS.utime(file, ms, ms); // 7z stores mtimes: fixed ones keep output byte-identical
    }
    FS.chdir(work);
    // callMain is typed void but returns 7-Zip's exit code.
    const status: unknown = callMain(['a', '-t7z', '-bsp0', '-bso0', '-bse0', '-y', ...switches, archive, ...entries.map((e) => e.name)]);
    if (status !== 0) throw new Error(`7z writer: 7-Zip exited with ${String(status)}`);
    return Buffer.from(FS.readFile(archive));
  } finally {
    FS.chdir('/');
    removeTree(FS, work);
    if (exists(FS, archive)) FS.unlink(archive);
  }
}

type Fs = SevenZipModule['FS'];

function mkdirs(FS: Fs, dir: string): void {
  if (dir === '/' || exists(FS, dir)) return;
  mkdirs(FS, posix.dirname(dir));
  FS.mkdir(dir);
}

function exists(FS: Fs, path: string): boolean {
  try {
    FS.stat(path);
    return true;
  } catch {
    return false;
  }
}

function removeTree(FS: Fs, dir: string): void {
  for (const name of FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    if (FS.isDir(FS.stat(path).mode)) removeTree(FS, path);
    else FS.unlink(path);
  }
  FS.rmdir(dir);
}
