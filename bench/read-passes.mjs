// How reading warms up: readComic over a library several times in one new process, on one thread,
// from the built package (npm run build first), as an import's reader does once.
//   node bench/read-passes.mjs <library> [passes (3)] [slice (1000)]
// Prints each pass's CPU per file (every thread: V8 compiles on helper threads) and, per pass,
// the CPU per file of each slice of `slice` files in order: the first pass's early slices carry
// the JIT's warm-up, which bench:read's inline figure (its second pass) leaves out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const [library, passesArg = '3', sliceArg = '1000'] = process.argv.slice(2);
if (!library) {
  console.error('usage: node bench/read-passes.mjs <library> [passes] [slice]');
  process.exit(2);
}
const { readComic } = await import(new URL('../dist/read/read-comic.js', import.meta.url).href);
// As bench/lib/list-comics.ts lists them: sorted, so each run reads the same files in one order.
const files = readdirSync(library, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.(cbz|cbr|cb7|cbt|pdf)$/i.test(name))
  .sort()
  .map((name) => join(library, name));
const slice = Number(sliceArg);
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
for (let pass = 1; pass <= Number(passesArg); pass++) {
  const slices = [];
  const passStart = cpuMicros();
  for (let from = 0; from < files.length; from += slice) {
    const start = cpuMicros();
    const to = Math.min(from + slice, files.length);
    for (let i = from; i < to; i++) await readComic(files[i]);
    slices.push(Math.round((cpuMicros() - start) / (to - from)));
  }
  console.log(`pass ${pass}: ${Math.round((cpuMicros() - passStart) / files.length)} µs of CPU a file; by ${slice} files: ${slices.join(' ')}`);
}
