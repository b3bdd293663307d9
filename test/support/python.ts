import { execFileSync } from 'node:child_process';

/**
 * Runs a python3 snippet: python's zipfile and tarfile write the archives that real tools write,
 * independently of our readers. `sys.argv[1:]` are the given arguments.
 */
export function python(script: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
}
