// One import, alone in its process, for `npm run bench` (bench/run.ts spawns it):
//   node bench/scenario.mjs '<json ScenarioJob>'     (types: bench/lib/scenario-job.ts)
// It imports `job.module`: the built package (dist/, which `npm run bench` builds first) in plain
// Node, as an application that installed longbox runs it, or the sources through tsx
// (`--from-source`: the tests, and quick runs without a build), which cost a 10k fresh import
// 11-16% more CPU (tsx's loader on every thread and the source maps it turns on). Its own
// process, so each scenario's peak RSS is its own; maxRSS covers the worker threads too. Writes a
// ScenarioResult as JSON to `job.result`.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2] ?? '');
const { importLibrary } = await import(pathToFileURL(job.module).href);
const startRssKiB = Math.round(process.memoryUsage().rss / 1024);
const startedCpu = process.cpuUsage();
const started = performance.now();
const report = await importLibrary(job.db, job.root, job.options);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(startedCpu);
const cpuMs = (cpu.user + cpu.system) / 1000;
writeFileSync(job.result, JSON.stringify({ wallMs, peakRssKiB: process.resourceUsage().maxRSS, startRssKiB, cpuMs, report }));
