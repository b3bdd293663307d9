import { mkdirSync, readdirSync } from 'node:fs';
import type { ComicSpec, LibraryManifest, Profile } from './library/comic-spec';
import type { PlanOptions } from './library/plan-options';
import { planCodex } from './library/profiles/codex';
import { planRealistic } from './library/profiles/realistic';
import { planSample } from './library/profiles/sample';
import { FolderMaker, writeComic } from './library/write-comic';

export type { ComicSpec, GeneratedFormat, LibraryManifest, Profile } from './library/comic-spec';
export { GENERATED_FORMATS, PROFILES } from './library/comic-spec';

export interface GenerateLibraryOptions extends PlanOptions {
  profile: Profile;
}

/** The comics a library would hold, without writing anything: same options, same list. */
export function planLibrary({ profile, ...options }: GenerateLibraryOptions): Iterable<ComicSpec> {
  switch (profile) {
    case 'codex':
      return planCodex(options);
    case 'realistic':
      return planRealistic(options);
    case 'sample':
      return planSample(options);
  }
}

/**
 * Write a generated library into `dir` (created; must be empty, so the manifest is the whole
 * truth) and return its manifest. Same options, same manifest and byte-identical files (deflated
 * bytes come from Node's bundled zlib, so "byte-identical" holds per Node version).
 */
export async function generateLibrary(dir: string, options: GenerateLibraryOptions): Promise<LibraryManifest> {
  assertEmptyDir(dir);
  const comics: ComicSpec[] = [];
  await writeLibrary(dir, planLibrary(options), (spec) => comics.push(spec));
  return { profile: options.profile, seed: options.seed, comics };
}

/**
 * Write `comics` one after the other, calling `onWritten` after each: the streaming form, for
 * libraries too large to keep a manifest in memory (600k comics).
 */
export async function writeLibrary(dir: string, comics: Iterable<ComicSpec>, onWritten?: (spec: ComicSpec) => void): Promise<number> {
  const folders = new FolderMaker();
  let written = 0;
  for (const spec of comics) {
    await writeComic(dir, spec, folders);
    written++;
    onWritten?.(spec);
  }
  return written;
}

export function assertEmptyDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`generate: ${dir} is not empty; remove it or choose another folder`);
}
