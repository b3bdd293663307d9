import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every comic under `dir`, sorted, so each run reads the same files in the same order. */
export function listComics(dir: string, limit = Infinity): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(cbz|cbr|cb7|cbt|pdf)$/i.test(name))
    .sort()
    .slice(0, limit)
    .map((name) => join(dir, name));
}
