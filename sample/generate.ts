import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { planLibrary, writeLibrary } from '../tools/generate-library';
import { ManifestWriter, hasManifest, readManifest } from '../tools/library/manifest-file';

/**
 * The sample library `npm start` imports: a few dozen golden-age comics across CBZ, CB7, CBT and
 * PDF, generated (not committed) into sample/library/, the same bytes every time.
 */
export const SAMPLE_LIBRARY = fileURLToPath(new URL('./library', import.meta.url));
const OPTIONS = { profile: 'sample', count: 1000, seed: 1 } as const;

/** Generate the sample library unless an up-to-date one is there; return its path. */
export async function ensureSampleLibrary(dir = SAMPLE_LIBRARY): Promise<string> {
  if (isCurrent(dir)) return dir;
  // Written aside and renamed into place: an interrupted run never leaves half a library.
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const manifest = new ManifestWriter(staging, OPTIONS);
  await writeLibrary(staging, planLibrary(OPTIONS), (spec) => manifest.add(spec));
  manifest.close();
  // Replaces only an earlier generated library, never a folder someone else put there.
  if (existsSync(dir) && !hasManifest(dir)) throw new Error(`sample: ${dir} exists and is not a generated library`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}

/** Current when its manifest matches what the catalogue would write now. */
function isCurrent(dir: string): boolean {
  if (!existsSync(dir) || !hasManifest(dir)) return false;
  return JSON.stringify(readManifest(dir).comics) === JSON.stringify([...planLibrary(OPTIONS)]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await ensureSampleLibrary());
}
