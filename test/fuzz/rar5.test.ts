import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../src/archive';
import { encodeVint, mutateRar5, rar5Blocks } from '../../tools/fuzz/rar5';
import { CORPUS_TAG, corpusPath } from '../support/corpus';
import { useTempDir } from '../support/temp-dir';

/* The structure-aware RAR 5 mutations: their mutants must get past unrar's header CRC check. */
describe('RAR 5 mutations', () => {
  const dir = useTempDir();

  it('encodes vints as RAR 5 does: seven bits a byte, low bits first', () => {
    expect([0n, 127n, 128n, 300n, 2n ** 64n - 1n].map((value) => encodeVint(value).toString('hex'))).toEqual(['00', '7f', '8001', 'ac02', 'ffffffffffffffffff01']);
  });

  it('finds the fields of every header of komga/rar5.rar', { tags: CORPUS_TAG }, () => {
    const blocks = rar5Blocks(readFileSync(corpusPath('komga/rar5.rar')));
    expect(blocks.map((block) => block.fields.map((field) => field.label))).toEqual([
      ['header size', 'main header type', 'header flags', 'extra area size', 'archive flags (volume, solid, locked)', 'extra record size', 'extra record type'],
      ['header size', 'file header type', 'header flags', 'data size', 'file flags (directory, unknown size)', 'unpacked size', 'attributes', 'compression info (solid, method, dictionary)', 'host OS', 'name length'],
      ['header size', 'end header type', 'header flags', 'end flags (more volumes)'],
    ]);
  });

  it('recomputes the header CRC, so unrar reads the entry a bad UTF-8 byte sequence renamed', { tags: CORPUS_TAG }, async () => {
    const mutant = mutateRar5(readFileSync(corpusPath('komga/rar5.rar')), { op: 'name', block: 0, bad: 2, keep: 0.1 })!;
    const path = join(dir, 'renamed.cbr');
    writeFileSync(path, mutant.bytes);
    const archive = await openArchive(path);
    // unrar decodes the surrogate's bytes (ED A0 80) to a lone UTF-16 surrogate.
    expect(archive.entries.map((entry) => entry.name)).toEqual(['k\ud800omga.png']);
    expect((await archive.read('k\ud800omga.png')).subarray(1, 4).toString()).toBe('PNG');
    await archive.close();
  });

  it('re-encodes a field that grows and keeps the header size right: a huge attributes value still reads', { tags: CORPUS_TAG }, async () => {
    const bytes = readFileSync(corpusPath('komga/rar5.rar'));
    const mutant = mutateRar5(bytes, { op: 'vint', field: 13.5 / 21, value: 10 })!;
    expect(mutant.label).toBe('RAR5 attributes = 18446744073709551615, CRC fixed');
    expect(mutant.bytes.length).toBeGreaterThan(bytes.length);
    const path = join(dir, 'attributes.cbr');
    writeFileSync(path, mutant.bytes);
    const archive = await openArchive(path);
    expect(archive.entries.map((entry) => entry.name)).toEqual(['komga.png']);
    await archive.close();
  });
});
