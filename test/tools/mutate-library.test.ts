import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLibrary } from '../../tools/generate-library';
import { listComics, mutateLibrary, MUTATION_KINDS } from '../../tools/mutate-library';
import { createRng } from '../../tools/prng';
import { readTree } from './files';

const root = mkdtempSync(join(tmpdir(), 'longbox-mutate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function library(name: string, count = 40): Promise<string> {
  const dir = join(root, name);
  await generateLibrary(dir, { profile: 'realistic', count, seed: 11, formats: ['CBZ', 'CBT'] });
  return dir;
}

describe('mutateLibrary', () => {
  it('the same seed applies the same operations and leaves the same files', async () => {
    const a = await library('a');
    const b = await library('b');
    const opsA = await mutateLibrary(a, createRng(5), 30);
    const opsB = await mutateLibrary(b, createRng(5), 30);
    expect(opsB).toEqual(opsA);
    expect(readTree(b)).toEqual(readTree(a));
  });

  it('does every kind of change over enough steps', async () => {
    const ops = await mutateLibrary(await library('kinds'), createRng(2), 60);
    expect(new Set(ops.map((o) => o.kind))).toEqual(new Set(MUTATION_KINDS));
  });

  it('each operation leaves the disk as it reports', async () => {
    const dir = await library('report');
    for (const kind of MUTATION_KINDS) {
      const before = new Set(listComics(dir));
      const [op] = await mutateLibrary(dir, createRng(3), 1, { kinds: [kind] });
      const after = new Set(listComics(dir));
      switch (op!.kind) {
        case 'add':
          expect(before.has(op!.path)).toBe(false);
          expect(after.has(op!.path)).toBe(true);
          break;
        case 'modify':
          expect(after).toEqual(before);
          expect(statSync(join(dir, op!.path)).mtimeMs).toBe(op!.comic.mtime);
          break;
        case 'delete':
          expect(after.has(op!.path)).toBe(false);
          expect(after.size).toBe(before.size - 1);
          break;
        case 'rename':
        case 'move':
          expect(after.has(op!.from)).toBe(false);
          expect(after.has(op!.to)).toBe(true);
          expect(after.size).toBe(before.size);
          break;
        case 'move-folder':
          expect(existsSync(join(dir, op!.from))).toBe(false);
          expect(existsSync(join(dir, op!.to))).toBe(true);
          expect(after.size).toBe(before.size);
          break;
      }
    }
  });

  it('modifying a comic gives it a later mtime than it had', async () => {
    const dir = await library('modify', 5);
    const mtimes = new Map(listComics(dir).map((p) => [p, statSync(join(dir, p)).mtimeMs]));
    const ops = await mutateLibrary(dir, createRng(9), 5, { kinds: ['modify'] });
    for (const op of ops) if (op.kind === 'modify') expect(op.comic.mtime).toBeGreaterThan(mtimes.get(op.path)!);
  });

  it('adds to an empty library whatever kind was drawn', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    const ops = await mutateLibrary(dir, createRng(1), 1, { kinds: ['delete', 'move'] });
    expect(ops.map((o) => o.kind)).toEqual(['add']);
    expect(listComics(dir)).toHaveLength(1);
  });
});
