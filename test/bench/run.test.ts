import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../bench/lib/bench';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'longbox-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real CLI at a tiny size: shapes and sanity of the numbers, never timing thresholds. */
function runBench(): { result: BenchResult; markdown: string; stdout: string } {
  const out = join(dir, 'results');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--count', '30', '--profile', 'codex', '--scenarios', 'fresh,no-change,moved,floors,ablation', '--ablation-count', '12', '--libraries', join(dir, 'libraries'), '--out', out, '--from-source'],
    { cwd: repo, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  const files = readdirSync(out);
  const json = files.find((f) => f.endsWith('-codex-30.json'));
  const md = files.find((f) => f.endsWith('-codex-30.md'));
  expect(json).toBeDefined();
  expect(md).toBeDefined();
  return { result: JSON.parse(readFileSync(join(out, json!), 'utf8')) as BenchResult, markdown: readFileSync(join(out, md!), 'utf8'), stdout: run.stdout };
}

describe('npm run bench (30 comics, codex)', () => {
  let result: BenchResult;
  let markdown: string;
  let stdout: string;
  beforeAll(() => {
    ({ result, markdown, stdout } = runBench());
  });

  it('records the machine and the command line', () => {
    expect(result.version).toBe(1);
    expect(result.command).toContain('--count 30');
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.ramGiB).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.machine.sqlite).toMatch(/^3\.\d+/);
    expect(result.machine.cpu.length).toBeGreaterThan(0);
    expect(result.loadAverage.start).toBeGreaterThanOrEqual(0);
  });

  it('says what the imports ran: the sources, with --from-source, and no build', () => {
    expect(result.options.code).toBe('source');
    expect(markdown).toContain('Imports run from source through tsx (--from-source)');
  });

  it('measures each chosen scenario with counts the change implies', () => {
    const [profile] = result.profiles;
    expect(profile?.profile).toBe('codex');
    expect(profile?.errors).toEqual([]);
    expect(profile?.scenarios.map((s) => s.scenario)).toEqual(['fresh', 'no-change', 'moved']);
    for (const row of profile!.scenarios) {
      expect(row.check).toBe('');
      expect(row.wallMs).toBeGreaterThan(0);
      expect(Number.isFinite(row.comicsPerSecond) && row.comicsPerSecond > 0).toBe(true);
      expect(row.peakRssKiB).toBeGreaterThanOrEqual(row.startRssKiB);
      expect(row.startRssKiB).toBeGreaterThan(10 * 1024);
      // Process CPU over the import: positive, and no more than every core the whole time.
      expect(row.cpuMs).toBeGreaterThan(0);
      expect(row.cpuMs).toBeLessThanOrEqual(row.wallMs * result.machine.cores + 50);
      expect(row.totalMs).toBeGreaterThan(0);
      expect(Object.keys(row.phases).length).toBeGreaterThan(0);
    }
    const [fresh, unchanged, moved] = profile!.scenarios;
    expect(fresh!.relevant).toBe(30);
    expect(fresh!.comics.created + fresh!.comics.failed).toBe(30);
    expect(unchanged!.comics.unchanged).toBe(30 - fresh!.comics.failed);
    expect(moved!.relevant).toBe(3);
    expect(moved!.comics.moved).toBe(3);
  });

  it('measures both floors on the same library and rows the fresh import wrote', () => {
    const floors = result.profiles[0]!.floors!;
    expect(floors.read.files).toBe(30);
    expect(floors.read.bytes).toBeGreaterThan(0);
    expect(floors.read.singleMs).toBeGreaterThan(0);
    expect(floors.read.threadedMs).toBeGreaterThan(0);
    expect(floors.write.tables.comics).toBe(30);
    expect(floors.write.tables.comics_fts).toBe(30);
    expect(floors.write.tables.libraries).toBe(1);
    expect(floors.scan.files).toBe(30);
    expect(floors.scan.ms).toBeGreaterThan(0);
    expect(floors.write.rows).toBeGreaterThan(30);
    expect(floors.write.ms).toBeCloseTo(floors.write.insertMs + floors.write.checkpointMs, 5);
    expect(floors.importMs).toBe(result.profiles[0]!.scenarios[0]!.wallMs);
    expect(floors.ratios.importOverMaxFloor).toBeCloseTo(floors.importMs / Math.max(floors.readMs, floors.write.ms), 5);
  });

  it('runs the ablation: tuned, untuned and each knob alone, against untuned', () => {
    const ablation = result.ablation!;
    expect(ablation.profile).toBe('realistic');
    expect(ablation.errors).toEqual([]);
    expect(ablation.count).toBe(12);
    expect(ablation.rows.map((r) => r.config)).toEqual(['tuned', 'untuned', 'transactions only', 'cache_size only', 'wal_autocheckpoint only']);
    expect(ablation.rows.find((r) => r.config === 'untuned')!.speedupOverUntuned).toBe(1);
    expect(ablation.rows.find((r) => r.config === 'cache_size only')!.tuning).toEqual({ phaseTransactions: false, cacheSize: true, walAutocheckpoint: false });
    for (const row of ablation.rows) {
      expect(row.speedupOverUntuned).toBeGreaterThan(0);
      expect(row.dbPhasesMs).toBeGreaterThan(0);
      expect(row.dbPhasesMs).toBeLessThan(row.wallMs);
    }
    expect(result.notes.join(' ')).toMatch(/--ablation-count/);
  });

  it('prints the markdown it writes, and keeps the generated libraries for the next run', () => {
    expect(stdout.trim()).toBe(markdown.trim());
    expect(markdown).toContain('## codex, 30 comics (seed 1)');
    expect(markdown).toMatch(/\| fresh \| 30 \|/);
    expect(markdown).toContain('max(read floor, write floor)');
    expect(markdown).toContain('## Ablation: realistic, fresh import, 12 comics');
    expect(existsSync(join(dir, 'libraries', 'codex-30', '.longbox-manifest.jsonl'))).toBe(true);
    expect(existsSync(join(dir, 'libraries', 'realistic-12', '.longbox-manifest.jsonl'))).toBe(true);
    expect(readdirSync(join(dir, 'libraries', '.work'))).toEqual([]);
  });
});
