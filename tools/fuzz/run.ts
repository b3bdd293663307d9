import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import { problemWith } from './check';
import { applyCase, fuzzCaseArbitrary, type FuzzCase } from './mutations';
import { FuzzReader } from './reader';
import type { Seed } from './seeds';

export interface FuzzOptions {
  runs: number;
  seed: number;
  seeds: Seed[];
  /** Mutants are written here; those that find something are kept in `findings/`. */
  dir: string;
  onCase?: (index: number, label: string, problem: string | undefined) => void;
}

export interface Finding {
  label: string;
  problem: string;
  file: string;
}

export interface FuzzReport {
  cases: number;
  read: number;
  failed: number;
  /** How often each failure reason came up, numbers folded to N. */
  reasons: Record<string, number>;
  findings: Finding[];
}

/** The same cases the property test draws, from the same seed: a long run's finding replays in the test. */
export function fuzzCases(seeds: readonly Seed[], runs: number, seed: number): FuzzCase[] {
  return fc.sample(fuzzCaseArbitrary(seeds.length), { numRuns: runs, seed });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const reader = new FuzzReader({ timeoutMs: 60_000, heapMb: 1024 });
  const findingsDir = join(options.dir, 'findings');
  mkdirSync(findingsDir, { recursive: true });
  const report: FuzzReport = { cases: 0, read: 0, failed: 0, reasons: {}, findings: [] };
  try {
    for (const [index, fuzzCase] of fuzzCases(options.seeds, options.runs, options.seed).entries()) {
      const seed = options.seeds[fuzzCase.seed]!;
      const { bytes, label } = applyCase(seed, fuzzCase.mutations);
      const file = join(options.dir, `case-${index}${extname(seed.name)}`);
      writeFileSync(file, bytes);
      const read = await reader.read(file);
      const problem = problemWith(read);
      report.cases++;
      if (read.kind === 'outcome' && read.outcome.ok) report.read++;
      if (read.kind === 'outcome' && !read.outcome.ok) {
        report.failed++;
        const reason = read.outcome.reason.replace(/\d+/g, 'N');
        report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
      }
      if (problem) {
        const kept = join(findingsDir, `case-${index}${extname(seed.name)}`);
        writeFileSync(kept, bytes);
        report.findings.push({ label, problem, file: kept });
      }
      rmSync(file, { force: true });
      options.onCase?.(index, label, problem);
    }
  } finally {
    await reader.close();
  }
  return report;
}
