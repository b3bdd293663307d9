// node bench/rss-sample.mjs <new database> <library> [package dist dir] [importLibrary options as JSON]
//
// One importLibrary in this process, with the process's memory (/proc/self/status, Linux) and the
// main thread's (process.memoryUsage()) sampled every 200 ms and kept at the highest RSS, and the
// largest size the database's WAL file reached. Prints one JSON line. Imports the built package
// (npm run build), as users run it; give another checkout's dist/ to compare.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [db, library, dist = 'dist', options = '{}'] = process.argv.slice(2);
if (!db || !library) throw new Error('usage: node bench/rss-sample.mjs <new database> <library> [dist dir] [options JSON]');
const { importLibrary } = await import(pathToFileURL(resolve(dist, 'index.js')).href);
const mib = (text, name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
let peak = { rss: 0 };
let walMax = 0;
const sample = () => {
  walMax = Math.max(walMax, (statSync(`${db}-wal`, { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20);
  const status = readFileSync('/proc/self/status', 'utf8');
  const rss = mib(status, 'VmRSS');
  if (rss <= peak.rss) return;
  const m = process.memoryUsage();
  peak = { rss, anon: mib(status, 'RssAnon'), file: mib(status, 'RssFile'), heapUsed: m.heapUsed / 2 ** 20, heapTotal: m.heapTotal / 2 ** 20, external: m.external / 2 ** 20 };
};
const timer = setInterval(sample, 200);
const started = performance.now();
const report = await importLibrary(db, library, JSON.parse(options));
const wall = (performance.now() - started) / 1000;
clearInterval(timer);
sample();
const cpu = process.cpuUsage();
const round = (values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Math.round(value)]));
console.log(
  JSON.stringify({
    comics: report.comics,
    wallS: Number(wall.toFixed(1)),
    cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    walMaxMiB: Math.round(walMax),
    atPeakMiB: round(peak),
  }),
);
