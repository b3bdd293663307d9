import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemWith } from '../../tools/fuzz/check';
import { applyCase, type Mutation } from '../../tools/fuzz/mutations';
import { FuzzReader } from '../../tools/fuzz/reader';
import { generatedSeeds, type Seed } from '../../tools/fuzz/seeds';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { useTempDir } from '../support/temp-dir';

/*
 * What the long fuzz runs found, each replayed from its recipe on our generated seed and read on a
 * reader thread as the import reads it (the fuzz seed and case number are in the test name).
 */
const dir = useTempDir('longbox-findings-');
let seeds: Seed[];
const reader = new FuzzReader({ timeoutMs: 60_000, heapMb: 1024 });
beforeAll(async () => {
  seeds = await generatedSeeds();
});
afterAll(() => reader.close());

let mutants = 0;
async function readMutant(seedName: string, mutations: Mutation[]) {
  const seed = seeds.find((candidate) => candidate.name === seedName)!;
  const path = join(dir, `mutant-${mutants++}-${seedName}`);
  writeFileSync(path, applyCase(seed, mutations).bytes);
  return reader.read(path);
}

describe('fuzz findings', () => {
  // pdf.js answers, then keeps checking the last page; on a damaged xref that check rejects with
  // no listener. The rejection used to end the reader thread ("reader crashed").
  it.each<[string, Mutation[]]>([
    ['seed 20261129 case 2283: an xref offset of 0 and a zeroed stretch', [{ kind: 'field', field: 0.7928455276414752, value: 0 }, { kind: 'zero', region: 'anywhere', at: 0.4979207208380103, length: 227 }]],
    ['seed 20261129 case 693: a flipped bit, a zeroed stretch, an xref offset of 65535', [{ kind: 'flip', bits: [{ at: 0.3587392419576645, bit: 1 }] }, { kind: 'zero', region: 'tail', at: 0.4817867064848542, length: 8 }, { kind: 'field', field: 0.8253912357613444, value: 6 }]],
  ])('survives pdf.js rejecting in the background after it answered (%s)', async (_case, mutations) => {
    const read = await readMutant('three-pages.pdf', mutations);
    expect(problemWith(read)).toBeUndefined();
  });

  it('survives it too after the thread read a RAR, whose wasm glue rethrows every unhandled rejection (komga/rar4.rar)', { tags: CORPUS_TAG }, async () => {
    const rar = await reader.read(corpusPath('komga/rar4.rar'));
    expect(rar.kind === 'outcome' && rar.outcome.ok).toBe(true);
    const read = await readMutant('three-pages.pdf', [{ kind: 'field', field: 0.7928455276414752, value: 0 }, { kind: 'zero', region: 'anywhere', at: 0.4979207208380103, length: 227 }]);
    expect(problemWith(read)).toBeUndefined();
  });
});
