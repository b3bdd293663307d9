import { readFile } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import type { SevenZipModule, SevenZipModuleOptions } from '7z-wasm';
import { archiveError, entryNotFound } from './errors';
import type { ArchiveFile } from './file';
import { entryToRead } from './entry-to-read';
import { LzmaError } from './lzma';
import { hasEncryptedFolder, NotForUs, readSevenZipHeader, unpackFolder, type SevenZipFolder, type SevenZipStream } from './sevenzip-header';
import { type Archive, type ArchiveEntry, type ReadEntryOptions } from './types';

/**
 * 7z (and the RAR versions node-unrar-js refuses, see rar.ts). A 7z's header and small blocks are
 * read in JavaScript (open7z, sevenzip-header.ts); everything else goes through 7z-wasm, the 7-Zip
 * command line compiled to wasm. The archive's folder is mounted into the wasm file system
 * (NODEFS, so the file is read by seeking, not copied in), the listing comes from `l -slt` and one
 * entry is extracted into wasm memory.
 *
 * 7-Zip's main() is not meant to run hundreds of times in one process: after about 200 commands
 * the instance fails with "memory access out of bounds". So the wasm file is read once per thread
 * and a fresh instance (about 10 ms) takes over every COMMANDS_PER_INSTANCE commands, and after
 * any wasm crash. Nothing outlives one command: each mounts, runs and unmounts.
 */

const COMMANDS_PER_INSTANCE = 64;
/**
 * A block up to this size (packed, and unpacked up to the entry) is decoded here rather than by a
 * 7-Zip command. Measured on JPEG pages: lzma.ts unpacks about 10 MB/s, 7-Zip in wasm about twice
 * that after ~1 ms to start a command; they break even near 32 KiB.
 */
const MAX_UNPACKED_HERE = 32 * 1024;
/** -p with no value: never prompt, treat an encrypted archive as a wrong password. */
const COMMON_SWITCHES = ['-p', '-bsp0', '-sccUTF-8', '-spd'];

/** The formats this reader opens, with the -t switch that pins 7-Zip to it and the name reasons use. */
export type SevenZipFormat = '7z' | 'rar' | 'rar5';
const FORMATS: Record<SevenZipFormat, { type: string; name: string; format: '7z' | 'rar' }> = {
  '7z': { type: '-t7z', name: '7z', format: '7z' },
  // 7-Zip opens RAR 1.5-4 as Rar and RAR 5 only as Rar5.
  rar: { type: '-tRar', name: 'RAR', format: 'rar' },
  rar5: { type: '-tRar5', name: 'RAR', format: 'rar' },
};

interface Instance {
  module: SevenZipModule;
  output: string[];
  commands: number;
}

/** The WebAssembly calls used here; the project's TypeScript libraries (no DOM) do not declare them. */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WasmApi };

/** Emscripten's hook for supplying the instance; 7z-wasm's typings leave it out. */
type ModuleOptions = Partial<SevenZipModuleOptions> & {
  instantiateWasm(imports: object, receive: (instance: object, module: object) => void): object;
};

let compiled: Promise<object> | undefined;
let current: Promise<Instance> | undefined;

/**
 * Compiled once per thread: each fresh instance then costs an instantiation, not a compile of
 * 1.6 MB of wasm, and the instances share one copy of the machine code. A failed compile is not
 * kept: one passing failure (memory, say) must not make every later 7z in this thread fail.
 */
function compiledWasm(): Promise<object> {
  compiled ??= readFile(createRequire(import.meta.url).resolve('7z-wasm/7zz.wasm'))
    .then((bytes) => wasmApi.compile(bytes))
    .catch((error: unknown) => {
      compiled = undefined;
      throw error;
    });
  return compiled;
}

async function createInstance(): Promise<Instance> {
  // Loaded on first use: most CB7s are read without 7-Zip (open7z), and a thread that never
  // meets another kind never loads it.
  const [{ default: SevenZip }, wasm] = await Promise.all([import('7z-wasm'), compiledWasm()]);
  const instance: Instance = { module: undefined as unknown as SevenZipModule, output: [], commands: 0 };
  // The hook has no way to report a failure, and without one the module would never settle.
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const options: ModuleOptions = {
    // Everything 7-Zip prints is captured, so nothing reaches the console.
    print: (line: string) => instance.output.push(line),
    printErr: (line: string) => instance.output.push(line),
    // End of input: a password prompt gets nothing instead of waiting forever.
    stdin: () => null as unknown as number,
    instantiateWasm(imports, receive) {
      wasmApi.instantiate(wasm, imports).then((created) => receive(created, wasm), fail);
      return {};
    },
  };
  instance.module = await Promise.race([SevenZip(options), failed]);
  return instance;
}

async function acquire(): Promise<Instance> {
  const instance = await (current ??= freshInstance());
  if (instance.commands < COMMANDS_PER_INSTANCE) return instance;
  current = freshInstance();
  return current;
}

/** Like the compile, an instance that failed to start is forgotten, not handed to the next file. */
function freshInstance(): Promise<Instance> {
  const created = createInstance();
  created.catch(() => {
    if (current === created) current = undefined;
  });
  return created;
}

/**
 * Runs one 7-Zip command against the archive at `path` (given to `args` as its wasm path), then
 * hands the printed lines and the file system to `after`, all within one mount.
 */
async function command<T>(
  path: string,
  format: SevenZipFormat,
  args: (archivePath: string) => string[],
  after: (output: string[], fs: SevenZipModule['FS']) => T,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const instance = await acquire();
    const { FS } = instance.module;
    const mountPoint = `/archive-${instance.commands++}`;
    FS.mkdir(mountPoint);
    FS.mount(instance.module.NODEFS, { root: dirname(path) }, mountPoint);
    try {
      instance.output = [];
      try {
        instance.module.callMain(args(`${mountPoint}/${basename(path)}`));
      } catch (error) {
        // An exit() inside 7-Zip surfaces as a thrown ExitStatus; its printed errors tell the rest.
        if ((error as Error).name !== 'ExitStatus') throw error;
      }
      return after(instance.output, FS);
    } catch (error) {
      // 7-Zip is built without C++ exception handling: what it throws escapes main() as a bare
      // number (the exception's address), and the instance's stack is left unwound. It is retired.
      if (typeof error === 'number') {
        current = undefined;
        throw archiveError(`damaged ${FORMATS[format].name}: 7-Zip gave up on its headers or data`, error);
      }
      if ((error as Error).name !== 'RuntimeError') throw error;
      // A crashed instance is never reused; one retry on a fresh one tells our fault from the file's.
      current = undefined;
      if (attempt === 2) throw archiveError(`damaged ${FORMATS[format].name}: the decoder crashed on its data`, error);
    } finally {
      tryUnmount(FS, mountPoint);
    }
  }
}

function tryUnmount(fs: SevenZipModule['FS'], mountPoint: string): void {
  try {
    fs.unmount(mountPoint);
    fs.rmdir(mountPoint);
  } catch {
    // The instance crashed mid-command and is already retired; its file system goes with it.
  }
}

export async function open7z(file: ArchiveFile): Promise<Archive> {
  // 7-Zip throws (see command) where a password is needed for the headers: that case is told
  // from the bytes first, so it gets its own reason rather than "damaged".
  if (hasEncryptedHeader(file)) throw archiveError('encrypted 7z: password required');
  const header = readSevenZipHeader(file);
  // An encrypted block is listed by 7-Zip, which says so for the whole archive.
  if (header === undefined || hasEncryptedFolder(header)) return openWith7Zip(file.path, '7z');
  const { entries, streams, folders } = header;
  const fallback = sevenZipEntryReader(file.path, '7z', entries);
  return {
    format: '7z',
    entries,
    async read(name: string, options?: ReadEntryOptions) {
      const { entry } = entryToRead(entries, name, options);
      const stream = streams[entries.indexOf(entry)];
      if (stream === undefined) return Buffer.alloc(0);
      const bytes = unpackSmallStream(file, folders[stream.folder]!, stream, streams);
      return bytes ?? fallback(name, options);
    },
    async close() {},
  };
}

/**
 * A file's bytes unpacked here, when its block is small and decoded by lzma.ts; undefined leaves
 * it to 7-Zip. Like 7-Zip, the CRC of every file before it in the block is checked too (they are
 * unpacked on the way): any mismatch leaves it to 7-Zip, so a damaged file gets 7-Zip's reason.
 */
function unpackSmallStream(file: ArchiveFile, folder: SevenZipFolder, stream: SevenZipStream, all: readonly (SevenZipStream | undefined)[]): Buffer | undefined {
  if (folder.packSize > MAX_UNPACKED_HERE) return undefined;
  const end = stream.offset + stream.size;
  let block: Uint8Array;
  try {
    block = unpackFolder(file, folder, end, MAX_UNPACKED_HERE);
  } catch (error) {
    if (error instanceof NotForUs || error instanceof LzmaError) return undefined;
    throw error;
  }
  const bytes = Buffer.from(block.buffer, block.byteOffset, end);
  for (const other of all) {
    if (other === undefined || other.folder !== stream.folder || other.offset + other.size > end || other.crc === undefined) continue;
    if (crc32(bytes.subarray(other.offset, other.offset + other.size)) !== other.crc) return undefined;
  }
  return bytes.subarray(stream.offset, end);
}

export async function openWith7Zip(path: string, format: SevenZipFormat): Promise<Archive> {
  const { type, name: formatName } = FORMATS[format];
  const entries = await command(path, format, (archivePath) => ['l', '-slt', type, ...COMMON_SWITCHES, '--', archivePath], (lines) =>
    parseListing(lines, formatName),
  );
  return { format: FORMATS[format].format, entries, read: sevenZipEntryReader(path, format, entries), async close() {} };
}

/** Reads one entry with a 7-Zip `e` command. */
function sevenZipEntryReader(path: string, format: SevenZipFormat, entries: readonly ArchiveEntry[]): Archive['read'] {
  const { type, name: formatName } = FORMATS[format];
  return async (name, options) => {
    // 7z records exact sizes and its decoders stop there, so the declared size bounds the output.
    entryToRead(entries, name, options);
    const outDir = '/extracted';
    return command(
      path,
      format,
      (archivePath) => ['e', type, ...COMMON_SWITCHES, '-bso0', '-y', `-o${outDir}`, '--', archivePath, name],
      (output, fs) => {
        try {
          failOnError(output, formatName);
          const [file] = fs.readdir(outDir).filter((item) => item !== '.' && item !== '..');
          if (file === undefined) throw entryNotFound(name);
          const { mode } = fs.lstat(`${outDir}/${file}`);
          // A folder 7-Zip's listing did not call one (see parseListing) extracts as a folder.
          if (fs.isDir(mode)) throw entryNotFound(name);
          if (fs.isLink(mode)) throw archiveError(`unsupported ${formatName}: ${name} is a link, not a file`);
          return Buffer.from(fs.readFile(`${outDir}/${file}`));
        } finally {
          removeTree(fs, outDir);
        }
      },
    );
  };
}

/** Left behind, a folder would make every later extraction of this instance fail. */
function removeTree(fs: SevenZipModule['FS'], dir: string): void {
  try {
    for (const item of fs.readdir(dir)) {
      if (item === '.' || item === '..') continue;
      const path = `${dir}/${item}`;
      // lstat: a link 7-Zip extracted may point nowhere, and is removed as itself.
      if (fs.isDir(fs.lstat(path).mode)) removeTree(fs, path);
      else fs.unlink(path);
    }
    fs.rmdir(dir);
  } catch {
    // Nothing was extracted: there is nothing to remove.
  }
}

/** `l -slt` prints "Key = value" blocks, one per entry, after a line of dashes. */
function parseListing(lines: string[], formatName: string): ArchiveEntry[] {
  failOnError(lines, formatName);
  const start = lines.indexOf('----------');
  if (start < 0) throw archiveError(`damaged ${formatName}: the archive listing is empty or unreadable`);
  const entries: ArchiveEntry[] = [];
  let fields = new Map<string, string>();
  const flush = (): void => {
    const name = fields.get('Path');
    if (name !== undefined) {
      if (fields.get('Encrypted') === '+') throw archiveError(`encrypted ${formatName}: password required`);
      const modified = fields.get('Modified');
      const size = Number(fields.get('Size') || 0);
      if (!Number.isSafeInteger(size) || size < 0) throw archiveError(`damaged ${formatName}: ${name} has an impossible size`);
      entries.push({
        name,
        size,
        // Attributes print as letters (R, H, S, D, A...) then the Unix mode: "RD drwxr-xr-x".
        isDirectory: fields.get('Folder') === '+' || (fields.get('Attributes') ?? '').split(' ')[0]!.includes('D'),
        // 7-Zip prints local time, the time zone it takes from this process, as Date.parse reads a time without one.
        mtime: modified ? Date.parse(modified.replace(' ', 'T')) || undefined : undefined,
      });
    }
    fields = new Map();
  };
  for (const line of lines.slice(start + 1)) {
    if (line === '') {
      flush();
      continue;
    }
    const equals = line.indexOf(' = ');
    if (equals > 0) fields.set(line.slice(0, equals), line.slice(equals + 3));
  }
  flush();
  return entries;
}

/** 7-Zip reports problems as text; the first matching pattern names the reason. */
const FAILURES: ReadonlyArray<readonly [RegExp, string]> = [
  [/wrong password|encrypted archive/i, 'encrypted {}: password required'],
  [/unexpected end/i, 'truncated {}: the file ends early'],
  [/cannot open the file|is not archive/i, 'damaged {}: cannot open the file as a {} archive'],
  [/data error|crc failed|headers error/i, 'damaged {}: data or header checksum mismatch'],
  [/unsupported method/i, 'unsupported {}: it uses a compression method 7-Zip cannot decode'],
];

/** 7-Zip's other error lines name wasm paths and internals: the reason says what they mean. */
function failOnError(lines: string[], formatName: string): void {
  const text = lines.join('\n');
  if (!/error/i.test(text)) return;
  const failure = FAILURES.find(([pattern]) => pattern.test(text))?.[1] ?? 'damaged {}: 7-Zip reports errors in its headers or data';
  throw archiveError(failure.replaceAll('{}', formatName));
}

/** AES-256 + SHA-256, 7-Zip's only encryption method, as it is written in a coder list. */
const AES_CODER = Buffer.from([0x06, 0xf1, 0x07, 0x01]);
const ENCODED_HEADER = 0x17;
/** An encoded header is a few dozen bytes; anything past this is not one worth sniffing. */
const MAX_SNIFFED_HEADER = 64 * 1024;

/**
 * True when the 7z's header is itself encrypted ("encrypt file names"): the signature header
 * points at an encoded header whose coder is AES. Only those few bytes are read.
 */
function hasEncryptedHeader(file: ArchiveFile): boolean {
  const start = file.read(0, 32);
  if (start.length < 32) return false;
  const offset = start.readBigUInt64LE(12);
  const size = start.readBigUInt64LE(20);
  if (size === 0n || size > BigInt(MAX_SNIFFED_HEADER) || offset > 2n ** 48n) return false;
  const header = file.read(32 + Number(offset), Number(size));
  return header.length === Number(size) && header[0] === ENCODED_HEADER && header.includes(AES_CODER);
}
