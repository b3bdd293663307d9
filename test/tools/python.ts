import { execFileSync } from 'node:child_process';

/**
 * Runs a python3 snippet and parses the JSON it prints. The archive tests read our output with
 * python's zipfile and tarfile: independent readers, present on every dev machine and in CI.
 */
export function python<T>(script: string, ...args: string[]): T {
  const out = execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  return JSON.parse(out) as T;
}
