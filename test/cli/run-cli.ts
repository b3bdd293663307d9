import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The CLI from its TypeScript source, so the tests see the code as it is now without a build
 * (the installed bin, which runs dist/, is tested by test/package).
 */
export const CLI_ARGS = ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url))];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string>;
  /** Called with all of stderr so far on every chunk, e.g. to send a signal at a given moment. */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

/** Runs the real `longbox` command line, as a user would, with pipes (so never a TTY). */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.LONGBOX_DEBUG) delete env.LONGBOX_DEBUG;
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The lines of a stream's output, without the empty one after the final newline. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}
