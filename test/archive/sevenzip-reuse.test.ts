// Regression: one 7z-wasm instance crashed with "memory access out of bounds" (or "table index is
// out of bounds") after about 200 commands, so a library with a few hundred CB7s failed part-way.
import { expect, it } from 'vitest';
import { openWith7Zip } from '../../src/archive/sevenzip';
import { CORPUS_TAG, corpusPath } from '../support/corpus';

// open7z reads this small archive without 7-Zip (sevenzip-header.ts): 7-Zip is asked directly.
it('reads 300 7z archives in a row in one thread', { tags: CORPUS_TAG }, async () => {
  const path = corpusPath('comicbox/Captain Science #001.cb7');
  for (let i = 0; i < 300; i++) {
    const archive = await openWith7Zip(path, '7z');
    expect(await archive.read('Captain Science 001/comicinfo.xml')).toHaveLength(1347);
    await archive.close();
  }
});
