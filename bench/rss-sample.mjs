// node bench/rss-sample.mjs <new database> <library> [package dist dir] [importLibrary options as JSON]
//
// One importLibrary in this process, measured from a second thread, which keeps sampling while
// the import's synchronous work holds the main thread: every 20 ms the process's RSS
// (/proc/self/status, Linux), the highest RSS in each phase (the phase onProgress last reported;
// 'start' before the first, 'end' once the import returned) and the largest size the database's
// WAL file reached. The scope's closing steps get phases of their own ('close: steady state',
// 'close: optimize', 'close: checkpoint'), seen through better-sqlite3's pragma(). The main
// thread's own heap (process.memoryUsage()) is read when its timers get a turn, at the highest
// RSS they saw. Prints one JSON line. Imports the built package (npm run build), as users run
// it; give another checkout's dist/ to compare.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const [db, library, dist = 'dist', options = '{}'] = process.argv.slice(2);
if (!db || !library) throw new Error('usage: node bench/rss-sample.mjs <new database> <library> [dist dir] [options JSON]');
const { importLibrary } = await import(pathToFileURL(resolve(dist, 'index.js')).href);

const phases = ['start', 'end'];
const current = new Int32Array(new SharedArrayBuffer(4));
const sampler = new Worker(
  `
  const { readFileSync, statSync } = require('node:fs');
  const { parentPort, workerData } = require('node:worker_threads');
  const current = new Int32Array(workerData.current);
  const byPhase = {};
  let peak = { rss: 0 };
  let walMax = 0;
  const mib = (text, name) => Number(new RegExp(name + ':\\\\s+(\\\\d+)').exec(text)?.[1] ?? 0) / 1024;
  let phases = workerData.phases;
  const sample = () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const rss = mib(status, 'VmRSS');
    const phase = phases[Atomics.load(current, 0)] ?? '?';
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, Math.round(rss));
    if (rss > peak.rss) peak = { rss: Math.round(rss), anon: Math.round(mib(status, 'RssAnon')), file: Math.round(mib(status, 'RssFile')), phase };
    walMax = Math.max(walMax, (statSync(workerData.db + '-wal', { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20);
  };
  const timer = setInterval(sample, 20);
  parentPort.on('message', (message) => {
    if (message.phases) return void (phases = message.phases);
    clearInterval(timer);
    sample();
    parentPort.postMessage({ peak, byPhase, walMax: Math.round(walMax) });
  });
  `,
  { eval: true, workerData: { db, phases, current: current.buffer } },
);
const enter = (phase) => {
  if (!phases.includes(phase)) {
    phases.push(phase);
    sampler.postMessage({ phases });
  }
  Atomics.store(current, 0, phases.indexOf(phase));
};

// The PRAGMA scope's end runs inside importLibrary, after the last onProgress: label its steps by
// the statements it sends, on the better-sqlite3 the package itself loads.
const Database = createRequire(pathToFileURL(resolve(dist, 'index.js')))('better-sqlite3');
const pragma = Database.prototype.pragma;
let importing = false;
Database.prototype.pragma = function (source, ...rest) {
  if (importing) {
    if (source.startsWith('cache_size')) enter('close: steady state');
    else if (source.startsWith('optimize')) enter('close: optimize');
    else if (source.startsWith('wal_checkpoint')) enter('close: checkpoint');
  }
  return pragma.call(this, source, ...rest);
};

const mib = (bytes) => Math.round(bytes / 2 ** 20);
let heapAtPeak = { rss: 0 };
const timer = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > heapAtPeak.rss) heapAtPeak = { rss: m.rss, heapUsed: mib(m.heapUsed), heapTotal: mib(m.heapTotal), external: mib(m.external) };
}, 100);
const started = performance.now();
const report = await importLibrary(db, library, { ...JSON.parse(options), onProgress: (progress) => {
  importing = true;
  enter(progress.phase);
} });
const wall = (performance.now() - started) / 1000;
enter('end');
clearInterval(timer);
const sampled = await new Promise((done) => {
  sampler.once('message', done);
  sampler.postMessage('stop');
});
await sampler.terminate();
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    comics: report.comics,
    wallS: Number(wall.toFixed(1)),
    cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    walMaxMiB: sampled.walMax,
    peakMiB: sampled.peak,
    peakRssByPhaseMiB: sampled.byPhase,
    mainHeapAtItsPeakMiB: { ...heapAtPeak, rss: mib(heapAtPeak.rss) },
  }),
);
