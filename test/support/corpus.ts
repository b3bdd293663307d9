import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/*
 * Archives other projects made (comicbox, komga, peers) live outside this repository, for their
 * licences: `../shared/corpus/` beside the repository, or wherever $LONGBOX_CORPUS points. Tests
 * that read them carry the `corpus` tag (`{ tags: CORPUS_TAG }`); vitest.config.ts skips them when
 * the corpus is absent, and refuses to run under CI=true, where skipping them would hide a gap.
 */

const BESIDE_REPO = new URL('../../../shared/corpus/', import.meta.url);

/** The corpus folder's URL, with a trailing slash. */
const CORPUS = process.env.LONGBOX_CORPUS ? pathToFileURL(process.env.LONGBOX_CORPUS.replace(/\/?$/, '/')) : BESIDE_REPO;

export const CORPUS_DIR = fileURLToPath(CORPUS);
export const corpusAvailable = existsSync(CORPUS_DIR);
export const CORPUS_TAG = ['corpus'];

export function corpusPath(relative: string): string {
  return fileURLToPath(new URL(relative.replaceAll('#', '%23'), CORPUS));
}
