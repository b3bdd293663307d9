import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ComicSpec, LibraryManifest, Profile } from './comic-spec';

/**
 * The manifest kept inside a generated library: a dot-file, so the importer ignores it (paths
 * starting with '.' are skipped), one JSON line for the header and one per comic, so that a 600k
 * library never holds its manifest in memory while writing it.
 */
export const MANIFEST_FILE = '.longbox-manifest.jsonl';

interface ManifestHeader {
  profile: Profile;
  seed: number;
  count: number;
}

export class ManifestWriter {
  private readonly fd: number;
  private buffer = '';

  constructor(dir: string, header: ManifestHeader) {
    this.fd = openSync(join(dir, MANIFEST_FILE), 'w');
    this.buffer = `${JSON.stringify(header)}\n`;
  }

  add(spec: ComicSpec): void {
    this.buffer += `${JSON.stringify(spec)}\n`;
    if (this.buffer.length > 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

export function hasManifest(dir: string): boolean {
  return existsSync(join(dir, MANIFEST_FILE));
}

export function readManifest(dir: string): LibraryManifest {
  const [header, ...comics] = readFileSync(join(dir, MANIFEST_FILE), 'utf8').trimEnd().split('\n');
  const { profile, seed } = JSON.parse(header!) as ManifestHeader;
  return { profile, seed, comics: comics.map((line) => JSON.parse(line) as ComicSpec) };
}
