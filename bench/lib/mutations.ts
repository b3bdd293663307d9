import { renameSync, statSync, unlinkSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import { createRng, deriveSeed, type Rng } from '../../tools/prng';
import { FORMAT_EXTENSIONS, type ComicSpec, type GeneratedFormat } from '../../tools/library/comic-spec';
import { codexComicInfo } from '../../tools/library/profiles/codex';
import { planSeries, realisticComic } from '../../tools/library/profiles/realistic';
import { createVocabulary } from '../../tools/library/vocabulary';
import { FolderMaker, writeComic } from '../../tools/library/write-comic';
import { listComics } from '../../tools/mutate-library';
import { dirOf, freePath } from '../../tools/library/paths';

/**
 * The changes the incremental scenarios make to a working copy: a fixed share of the comics,
 * drawn without repetition from the sorted file list with a seeded PRNG, so the same library and
 * seed give the same changes.
 */
export type MutationKind = 'modified' | 'moved' | 'deleted';

export interface MutationOptions {
  profile: 'codex' | 'realistic';
  seed: number;
  /** Share of the comics to change, 0..1. */
  share: number;
}

const SALT: Record<MutationKind, number> = { modified: 101, moved: 102, deleted: 103 };
const FORMAT_BY_EXTENSION = new Map(Object.entries(FORMAT_EXTENSIONS).map(([format, ext]) => [ext, format as GeneratedFormat]));

/** Applies `kind` to `share` of the comics under `root`; returns how many files it changed. */
export async function mutateShare(root: string, kind: MutationKind, options: MutationOptions): Promise<number> {
  const rng = createRng(deriveSeed(options.seed, SALT[kind]));
  const { files, folders } = listTree(root);
  const picked = rng.sample(files, Math.max(1, Math.round(files.length * options.share)));
  switch (kind) {
    case 'modified':
      await rewrite(rng, root, picked, options.profile, files.length);
      break;
    case 'moved':
      picked.forEach((from, i) => {
        // Half renamed where they are, half moved into another folder under their own name.
        const ext = posix.extname(from);
        const folder = dirOf(from);
        const others = folders.filter((f) => f !== folder);
        const to = i % 2 === 0 || others.length === 0
          ? freePath(root, posix.join(folder, `${posix.basename(from, ext)} (moved)${ext}`))
          : freePath(root, posix.join(rng.pick(others), posix.basename(from)));
        renameSync(join(root, from), join(root, to));
      });
      break;
    case 'deleted':
      for (const path of picked) unlinkSync(join(root, path));
      break;
  }
  return picked.length;
}

/**
 * Rewrites `paths` in place with new metadata and a later mtime (a tagger saving them), one draw
 * per call of the seeded PRNG: what the batch scenario's watch measurement writes.
 */
export async function rewriteComics(
  root: string,
  paths: readonly string[],
  options: Omit<MutationOptions, 'share'> & { salt: number; libraryCount: number },
): Promise<void> {
  await rewrite(createRng(deriveSeed(options.seed, options.salt)), root, paths, options.profile, options.libraryCount);
}

/** Each of `paths` rewritten as newVersion draws it; a realistic library's vocabulary is sized by `libraryCount`. */
async function rewrite(rng: Rng, root: string, paths: readonly string[], profile: MutationOptions['profile'], libraryCount: number): Promise<void> {
  const vocab = profile === 'realistic' ? createVocabulary(libraryCount) : undefined;
  for (const path of paths) await writeComic(root, newVersion(rng, root, path, vocab), new FolderMaker());
}

/** The same path and format with new metadata and a later mtime, as a tagger saving the file would leave it. */
function newVersion(rng: Rng, root: string, path: string, vocab: ReturnType<typeof createVocabulary> | undefined): ComicSpec {
  const format = FORMAT_BY_EXTENSION.get(extname(path).toLowerCase()) ?? 'CBZ';
  const mtime = Math.floor(statSync(join(root, path)).mtimeMs / 1000) * 1000 + rng.int(1, 86_400) * 1000;
  if (!vocab) {
    const comicInfo = codexComicInfo(rng);
    return format === 'PDF' ? { path, format, pages: 1, mtime, pdfInfo: { Title: String(comicInfo.Title ?? path) } } : { path, format, pages: 1, mtime, comicInfo };
  }
  const series = planSeries(vocab, rng.int(0, vocab.sizes.series - 1), rng.int(0, 2 ** 31));
  return { ...realisticComic(vocab, series, rng.int(1, 200), rng, format, mtime), path };
}

/** Comic files and folders ('/'-separated, relative, sorted), skipping what the importer ignores. */
function listTree(root: string): { files: string[]; folders: string[] } {
  const files = listComics(root);
  const folders = new Set<string>(['']);
  for (const file of files) for (let dir = dirOf(file); dir !== ''; dir = dirOf(dir)) folders.add(dir);
  return { files, folders: [...folders].sort() };
}

