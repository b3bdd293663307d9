import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lib/child';

/**
 * node --import tsx bench/profile-summary.ts <dir or .cpuprofile files> [--top 20]
 *
 * Summarises V8 CPU profiles (from `npm run bench -- --cpu-prof`, or node --cpu-prof): per file,
 * the top functions by self time, self time by source file or package, and the top longbox
 * functions by inclusive time (each function counted once per sample, so recursion does not inflate it).
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
const top = Number(values.top);
const files = positionals.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => join(p, f)) : [p]));
if (files.length === 0) {
  console.error('usage: node --import tsx bench/profile-summary.ts <dir or .cpuprofile files> [--top 20]');
  process.exit(2);
}

const shortUrl = (url: string): string => {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 14).split('/');
    return `npm:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return path.startsWith('/') ? relative(REPO_ROOT, path) : path;
};
const frameKey = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const pct = (us: number, total: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const node = byId.get(id)!;
    const key = frameKey(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + delta);
    const where = node.callFrame.url ? shortUrl(node.callFrame.url) : node.callFrame.functionName || '(native)';
    byFile.set(where, (byFile.get(where) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!frame.url.includes('/src/') && !frame.url.includes('/bench/') && !frame.url.includes('/dist/')) continue;
      const k = frameKey(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + delta);
    }
  });
  const list = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${ms(us)} ${pct(us, total)}  ${k}`).join('\n');
  console.log(`\n=== ${basename(file)}: ${(total / 1000).toFixed(0)} ms sampled (${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms wall)`);
  console.log(`-- self time by function\n${list(self)}`);
  console.log(`-- self time by file or package\n${list(byFile)}`);
  console.log(`-- inclusive time, longbox code (src/, dist/, bench/)\n${list(inclusive)}`);
}
