// One import, alone in its process, for `npm run bench` (bench/run.ts spawns it):
//   node bench/scenario.mjs '<json ScenarioJob>'     (types: bench/lib/scenario-job.ts)
// It runs the built package (dist/, which the bench builds first) in plain Node, as an application
// that installed longbox runs it: from source through tsx, a 10k fresh import took 11-16% more CPU
// (tsx's loader on every thread and source maps; README "Performance"). Its own process, so each
// scenario's peak RSS is its own; maxRSS covers the worker threads too. Writes a ScenarioResult
// as JSON to `job.result`.
import { existsSync, writeFileSync } from 'node:fs';

const built = new URL('../dist/index.js', import.meta.url);
if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` (npm run bench builds it first)');
const { importLibrary } = await import(built.href);

const job = JSON.parse(process.argv[2] ?? '');
const startRssKiB = Math.round(process.memoryUsage().rss / 1024);
const startedCpu = process.cpuUsage();
const started = performance.now();
const report = await importLibrary(job.db, job.root, job.options);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(startedCpu);
const cpuMs = (cpu.user + cpu.system) / 1000;
writeFileSync(job.result, JSON.stringify({ wallMs, peakRssKiB: process.resourceUsage().maxRSS, startRssKiB, cpuMs, report }));
