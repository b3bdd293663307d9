import { fileURLToPath } from 'node:url';

/** The shared corpus sits beside the repository: `../shared/corpus/` from the repo root. */
const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

export function corpusPath(relative: string): string {
  return fileURLToPath(new URL(relative.replaceAll('#', '%23'), CORPUS));
}
