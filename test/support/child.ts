import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs a script of test/support in its own process, under tsx. With `killAfterMs`, the process is
 * killed (SIGKILL) that long after its first line on stdout, so inside its work, not its start-up;
 * being killed so then counts as success. Rejects with its stderr on any other ending but exit 0.
 */
export function runSupportChild(script: string, args: readonly string[], killAfterMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    if (killAfterMs !== undefined) child.stdout.once('data', () => (timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)));
    child.stdout.resume();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 || (killAfterMs !== undefined && signal === 'SIGKILL')) resolve();
      else reject(new Error(`${script} failed (${code ?? signal}): ${stderr}`));
    });
  });
}
