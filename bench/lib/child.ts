import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildOptions {
  /** Write V8 CPU profiles (main thread and worker threads) of the child into this folder. */
  cpuProfDir?: string;
  /** Load tsx in the child (default: for a `.ts` script). */
  tsx?: boolean;
}

/**
 * Runs `script` (relative to the repository root) in a new Node process, passing `job` as JSON
 * with `result` (a file the child writes), and returns the parsed result.
 */
export function runChild<R, J extends { result: string } = { result: string }>(script: string, job: J, options: ChildOptions = {}): R {
  const profiling = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  rmSync(job.result, { force: true });
  const loader = (options.tsx ?? script.endsWith('.ts')) ? ['--import', 'tsx'] : [];
  const run = spawnSync(process.execPath, [...loader, ...profiling, script, JSON.stringify(job)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status ?? run.signal}) for ${JSON.stringify(job)}`);
  const result = JSON.parse(readFileSync(job.result, 'utf8')) as R;
  rmSync(job.result, { force: true });
  return result;
}
