import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { createReadPool, readComic } from '../src/read';
import { generateLibrary } from '../tools/generate-library';

/**
 * npm run bench:read -- [--files 2000] [--workers N] [--keep]
 *
 * Generates N small CBZs and reads them three ways: the floor (open, read the zip's tail and the
 * ComicInfo.xml bytes, inflate, nothing parsed, one thread), readComic on this thread, and the
 * worker pool. Per-file overhead, not bytes, dominates a real library: this shows how much of it
 * reading, parsing, merging and messaging add on top of the bare I/O.
 */
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    keep: { type: 'boolean', default: false },
  },
});
const fileCount = Number(values.files);
const workers = Number(values.workers);

const dir = mkdtempSync(join(tmpdir(), 'longbox-bench-read-'));
try {
  await generateLibrary(dir, { profile: 'realistic', count: fileCount, seed: 1, formats: ['CBZ'] });
  const paths = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.cbz'))
    .map((name) => join(dir, name));
  console.log(`${paths.length} CBZs in ${dir}, ${workers} workers`);

  readFloor(paths); // warms the page cache
  const floor = rate(paths.length, () => readFloor(paths));
  const inline = await rateAsync(paths.length, async () => {
    for (const path of paths) await readComic(path);
  });

  const pool = createReadPool({ workers });
  const startup = performance.now();
  for await (const _ of pool.read(paths.slice(0, workers))) void _;
  const startupMs = performance.now() - startup;
  let failed = 0;
  const pooled = await rateAsync(paths.length, async () => {
    for await (const outcome of pool.read(paths)) if (!outcome.ok) failed++;
  });
  await pool.close();

  console.log(`floor (tail + ComicInfo bytes, 1 thread)  ${floor.toFixed(0).padStart(7)} files/s`);
  console.log(`readComic (1 thread, no pool)             ${inline.toFixed(0).padStart(7)} files/s  ${(inline / floor).toFixed(3)}x floor`);
  console.log(`pool readComic (${workers} workers)               ${pooled.toFixed(0).padStart(7)} files/s  ${(pooled / floor).toFixed(3)}x floor`);
  console.log(`pool start-up (first ${workers} files)            ${startupMs.toFixed(0).padStart(7)} ms${failed ? `; ${failed} files failed` : ''}`);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

function rate(count: number, run: () => void): number {
  const started = performance.now();
  run();
  return (count * 1000) / (performance.now() - started);
}

async function rateAsync(count: number, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return (count * 1000) / (performance.now() - started);
}

/** The least work that gets ComicInfo.xml's bytes out of a zip: no checks, no names decoded. */
function readFloor(paths: string[]): void {
  const wanted = Buffer.from('comicinfo.xml');
  for (const path of paths) {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const tail = Buffer.allocUnsafe(Math.min(size, 65_557));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      let at = tail.readUInt32LE(end + 16) - (size - tail.length);
      const directoryEnd = at + tail.readUInt32LE(end + 12);
      while (at < directoryEnd) {
        const nameLength = tail.readUInt16LE(at + 28);
        const name = tail.subarray(at + 46, at + 46 + nameLength);
        if (name.length >= wanted.length && name.subarray(-wanted.length).toString('latin1').toLowerCase() === 'comicinfo.xml') {
          const local = Buffer.allocUnsafe(30);
          const offset = tail.readUInt32LE(at + 42);
          readSync(fd, local, 0, 30, offset);
          const data = Buffer.allocUnsafe(tail.readUInt32LE(at + 20));
          readSync(fd, data, 0, data.length, offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28));
          if (tail.readUInt16LE(at + 10) === 8) inflateRawSync(data);
          break;
        }
        at += 46 + nameLength + tail.readUInt16LE(at + 30) + tail.readUInt16LE(at + 32);
      }
    } finally {
      closeSync(fd);
    }
  }
}
