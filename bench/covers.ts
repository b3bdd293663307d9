/**
 * The covers scenario: a library of CBZs whose pages are realistic JPEGs (about 1800 x 2700,
 * with noise so they compress like scans, ~1 MB), imported, then covers made from scratch.
 * Usage: node --import tsx bench/covers.ts [--count N] [--workers N] [--dir DIR]
 * Prints covers per second of `generateCovers` (wall time of the call, after the import).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { generateCovers, importLibrary } from '../src/index';
import { writeCbz } from '../tools/archive-writers';

const { values } = parseArgs({ options: { count: { type: 'string' }, workers: { type: 'string' }, dir: { type: 'string' } } });
const count = Number(values.count ?? 300);
const workers = Number(values.workers ?? availableParallelism());
const dir = values.dir ?? join(tmpdir(), `longbox-bench-covers-${count}`);
const root = join(dir, 'library');

/** A few distinct page images, reused across comics: generating each costs more than the bench. */
async function realisticPages(kinds: number): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let i = 0; i < kinds; i++) {
    const noise = await sharp({ create: { width: 1800, height: 2700, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 120 + i * 10, sigma: 40 } } })
      .blur(1.2)
      .jpeg({ quality: 85 })
      .toBuffer();
    pages.push(noise);
  }
  return pages;
}

if (!existsSync(join(root, `c${count - 1}.cbz`))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const pages = await realisticPages(8);
  for (let i = 0; i < count; i++) {
    // Three pages per comic are enough: only the cover is decoded.
    writeCbz(join(root, `c${i}.cbz`), [0, 1, 2].map((p) => ({ name: `${String(p).padStart(3, '0')}.jpg`, data: pages[(i + p) % pages.length]! })));
  }
}
const dbPath = join(dir, 'bench.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
rmSync(`${dbPath}-covers`, { recursive: true, force: true });
await importLibrary(dbPath, root);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const report = await generateCovers(dbPath, { workers });
const seconds = (performance.now() - started) / 1000;
// CPU of every thread of the process: on a machine shared with other work, wall time says less.
const cpu = process.cpuUsage(cpuBefore);
const cpuPerCover = (cpu.user + cpu.system) / 1e6 / Math.max(1, report.made);
const rss = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(
  `covers: ${report.made} made, ${report.failed} failed in ${seconds.toFixed(2)} s = ${Math.round(report.made / seconds)} covers/s ` +
    `(${workers} workers; ${(cpuPerCover * 1000).toFixed(1)} ms CPU per cover, so ${Math.round(availableParallelism() / cpuPerCover)}/s on ${availableParallelism()} idle cores; page ~${(statSync(join(root, 'c0.cbz')).size / 3 / 1024).toFixed(0)} KiB, peak RSS ${rss} MiB, load ${loadavg()[0]!.toFixed(1)})`,
);

