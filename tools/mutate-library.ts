import { readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import type { Rng } from './prng';
import { FORMAT_EXTENSIONS, type ComicSpec, type GeneratedFormat } from './library/comic-spec';
import { formatPicker } from './library/formats';
import { dirOf, freePath } from './library/paths';
import { codexComicInfo } from './library/profiles/codex';
import { REALISTIC_FORMAT_MIX, planSeries, realisticComic } from './library/profiles/realistic';
import { createVocabulary } from './library/vocabulary';
import { FolderMaker, writeComic } from './library/write-comic';

/**
 * Random changes to a library on disk, the way people change theirs, for the convergence tests:
 * after any sequence of these, an incremental import must equal a fresh import of the folder.
 */
export const MUTATION_KINDS = ['add', 'modify', 'delete', 'rename', 'move', 'move-folder'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** Paths are relative to the library root, '/'-separated. */
export type Mutation =
  | { kind: 'add'; path: string; comic: ComicSpec }
  | { kind: 'modify'; path: string; comic: ComicSpec }
  | { kind: 'delete'; path: string }
  | { kind: 'rename' | 'move' | 'move-folder'; from: string; to: string };

export interface MutateOptions {
  /** Metadata style of added and modified comics; default 'realistic'. */
  profile?: 'codex' | 'realistic';
  /** Kinds to draw from; default all. */
  kinds?: readonly MutationKind[];
}

const FORMAT_BY_EXTENSION = new Map(Object.entries(FORMAT_EXTENSIONS).map(([f, ext]) => [ext, f as GeneratedFormat]));
const pickRealisticFormat = formatPicker(REALISTIC_FORMAT_MIX);

export async function mutateLibrary(dir: string, rng: Rng, steps: number, options: MutateOptions = {}): Promise<Mutation[]> {
  const kinds = options.kinds ?? MUTATION_KINDS;
  const done: Mutation[] = [];
  for (let step = 0; step < steps; step++) {
    const { files: comics, folders } = walk(dir);
    let kind = rng.pick(kinds);
    if (comics.length === 0 && kind !== 'move-folder') kind = 'add';
    if (kind === 'move-folder' && folders.length === 0) kind = comics.length === 0 ? 'add' : 'rename';
    done.push(await apply(kind, dir, rng, comics, folders, options.profile ?? 'realistic'));
  }
  return done;
}

async function apply(
  kind: MutationKind, dir: string, rng: Rng, comics: string[], folders: string[], profile: 'codex' | 'realistic',
): Promise<Mutation> {
  switch (kind) {
    case 'add': {
      const format = profile === 'codex' ? 'CBZ' : pickRealisticFormat(rng);
      const folder = rng.chance(0.8) ? rng.pick(['', ...folders]) : posix.join(rng.pick(['', ...folders]), `New ${rng.string(4)}`);
      const fresh = makeComic(rng, profile, format, comics.length, Date.UTC(2024, 0, 1) + rng.int(0, 1e7) * 1000);
      const comic = { ...fresh, path: freePath(dir, posix.join(folder, posix.basename(fresh.path))) };
      await writeComic(dir, comic, new FolderMaker());
      return { kind, path: comic.path, comic };
    }
    case 'modify': {
      const path = rng.pick(comics);
      const format = FORMAT_BY_EXTENSION.get(extname(path).toLowerCase()) ?? 'CBZ';
      // A later mtime, as an editor saving the file would leave: the import must notice it.
      const mtime = Math.floor(statSync(join(dir, path)).mtimeMs / 1000) * 1000 + rng.int(1, 86_400) * 1000;
      const comic = { ...makeComic(rng, profile, format, comics.length, mtime), path };
      await writeComic(dir, comic, new FolderMaker());
      return { kind, path, comic };
    }
    case 'delete': {
      const path = rng.pick(comics);
      unlinkSync(join(dir, path));
      return { kind, path };
    }
    case 'rename': {
      const from = rng.pick(comics);
      const ext = posix.extname(from);
      const to = freePath(dir, posix.join(posix.dirname(from), `${posix.basename(from, ext)} ${rng.string(4)}${ext}`));
      renameSync(join(dir, from), join(dir, to));
      return { kind, from, to };
    }
    case 'move': {
      const from = rng.pick(comics);
      const others = ['', ...folders].filter((f) => f !== dirOf(from));
      const target = others.length > 0 ? rng.pick(others) : `Moved ${rng.string(4)}`;
      const to = freePath(dir, posix.join(target, posix.basename(from)));
      new FolderMaker().ensure(join(dir, posix.dirname(to)));
      renameSync(join(dir, from), join(dir, to));
      return { kind, from, to };
    }
    case 'move-folder': {
      const from = rng.pick(folders);
      // Never into itself; the same parent under a new name is a folder rename.
      const parents = ['', ...folders].filter((f) => f !== from && !f.startsWith(`${from}/`));
      const parent = rng.pick(parents);
      const to = freePath(dir, posix.join(parent, rng.chance(0.5) ? posix.basename(from) : `${posix.basename(from)} ${rng.string(3)}`));
      renameSync(join(dir, from), join(dir, to));
      return { kind, from, to };
    }
  }
}

function makeComic(rng: Rng, profile: 'codex' | 'realistic', format: GeneratedFormat, libraryCount: number, mtime: number): ComicSpec {
  if (profile === 'codex') {
    const path = `comic-${rng.string(8)}${FORMAT_EXTENSIONS[format]}`;
    return format === 'PDF'
      ? { path, format, pages: 1, mtime, pdfInfo: { Title: path } }
      : { path, format, pages: 1, mtime, comicInfo: codexComicInfo(rng) };
  }
  const vocab = createVocabulary(Math.max(1, libraryCount));
  const series = planSeries(vocab, rng.int(0, vocab.sizes.series - 1), rng.int(0, 2 ** 31));
  return realisticComic(vocab, series, rng.int(1, 200), rng, format, mtime);
}

/** Skips what the importer ignores: dot-names and __MACOSX. Sorted, so draws are reproducible. */
function walk(dir: string, rel = ''): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const entries = readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      folders.push(path);
      const inner = walk(dir, path);
      files.push(...inner.files);
      folders.push(...inner.folders);
    } else if (entry.isFile() && FORMAT_BY_EXTENSION.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
  return { files, folders };
}

export function listComics(dir: string): string[] {
  return walk(dir).files;
}
