import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComic } from '../../src/read';
import { unreadableReason } from '../../tools/fuzz/readable-reason';
import { CORPUS_TAG, corpusPath } from '../support/corpus';

/** Every archive other projects test with, read as an import reads it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name === 'README.md' ? [] : [path];
  });
}

describe('the peer corpus', { tags: CORPUS_TAG }, () => {
  it('reads every file, or fails it with a reason a person can act on', async () => {
    const root = corpusPath('peers/');
    const unreadable: Array<{ file: string; reason: string; wrong: string }> = [];
    const files = filesUnder(root);
    for (const path of files) {
      const outcome = await readComic(path);
      const wrong = outcome.ok ? undefined : unreadableReason(outcome.reason);
      if (!outcome.ok && wrong) unreadable.push({ file: relative(root, path), reason: outcome.reason, wrong });
    }
    expect(files.length).toBeGreaterThan(100);
    expect(unreadable).toEqual([]);
  });
});
