import { execFileSync } from 'node:child_process';

/**
 * Runs a python3 snippet (`sys.argv[1:]` are the given arguments). Python's zipfile and tarfile
 * are independent readers and writers of archives, present on every dev machine and in CI.
 */
export function python(script: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
}

/** `python`, for a snippet that prints JSON. */
export function pythonJson<T>(script: string, ...args: string[]): T {
  return JSON.parse(python(script, ...args)) as T;
}
