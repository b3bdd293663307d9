import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planLibrary } from '../../tools/generate-library';
import { readManifest } from '../../tools/library/manifest-file';
import { readTree } from './files';

const root = mkdtempSync(join(tmpdir(), 'longbox-benchgen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync('npx', ['tsx', 'bench/generate.ts', ...args], { encoding: 'utf8' });

describe('bench/generate.ts', () => {
  it('writes the planned library and its manifest, and reports files/s', () => {
    const out = join(root, 'codex');
    const result = run('--profile', 'codex', '--count', '25', '--seed', '4', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/codex: 25 comics in [\d.]+ s \(\d+ files\/s\)/);
    const planned = [...planLibrary({ profile: 'codex', count: 25, seed: 4 })];
    expect(readManifest(out)).toEqual({ profile: 'codex', seed: 4, comics: planned });
    expect(readTree(out).size).toBe(26); // the comics and the manifest
  });

  it('refuses a non-empty folder, and with --force replaces only a generated library', () => {
    const out = join(root, 'codex');
    expect(run('--profile', 'codex', '--count', '3', '--out', out).status).toBe(2);
    expect(run('--profile', 'codex', '--count', '3', '--out', out, '--force').status).toBe(0);
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const refused = run('--profile', 'codex', '--count', '3', '--out', foreign, '--force');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/not a generated library/);
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('rejects an unknown profile with a usage line', () => {
    const result = run('--profile', 'nope');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown profile nope\nusage:/);
  });
});
