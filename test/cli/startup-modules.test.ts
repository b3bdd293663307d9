import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeComic } from '../support/library';
import { useTempDir } from '../support/temp-dir';
import { CLI_ARGS } from './run-cli';

/*
 * A no-change `longbox import` reads no file, so it must not pay for loading what reads them: the
 * archive readers, the metadata parsers and their zod schemas, the read pool, nor the covers,
 * watch and search code beside it. A child process records every module it resolves (as
 * test/archive/lazy-readers.test.ts does), from the TypeScript source; the bundled CLI keeps the
 * same boundaries, its chunks split where these imports are dynamic.
 */
const RECORD_LOADS = fileURLToPath(new URL('../archive/fixtures/record-loads.mjs', import.meta.url));
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const SRC_URL = pathToFileURL(SRC).href;

/** What a no-change import must not load: src/ paths (relative) and packages. */
const NOT_ON_A_NO_CHANGE_RUN = [
  /^read\/(?!fingerprint\.ts$)/,
  /^metadata\/(?!filename\/|clean\/|limits\.ts$)/,
  /^archive\/(zip|tar|rar|sevenzip|pdf|open-archive)\.ts$/,
  /^pages\/(open-page|read-page|pdf-render)\.ts$/,
  /^(covers|watch|search)\//,
];
const HEAVY_PACKAGES = ['sharp', 'pdfjs-dist', '7z-wasm', 'node-unrar-js', 'yaml', 'xz-decompress'];

interface Loaded {
  src: string[];
  packages: string[];
}

function modulesLoadedBy(dir: string, name: string, args: string[]): Loaded {
  const log = join(dir, `${name}.log`);
  rmSync(log, { force: true });
  execFileSync(process.execPath, ['--import', RECORD_LOADS, ...CLI_ARGS, ...args], {
    env: { ...process.env, LONGBOX_LOAD_LOG: log },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
  return {
    src: urls.filter((url) => url.startsWith(SRC_URL)).map((url) => relative(SRC, fileURLToPath(url))),
    packages: [...new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []))],
  };
}

const forbiddenIn = (loaded: Loaded) => ({
  src: loaded.src.filter((path) => NOT_ON_A_NO_CHANGE_RUN.some((pattern) => pattern.test(path))),
  packages: loaded.packages.filter((name) => HEAVY_PACKAGES.includes(name)),
});

describe('modules the import command loads', () => {
  const dir = useTempDir();
  const root = join(dir, 'library');
  const db = join(dir, 'longbox.sqlite');
  let comic: string;

  beforeAll(() => {
    comic = writeComic(root, 'Series/Issue 1.cbz', { Series: 'Series', Number: '1' });
    writeComic(root, 'Series/Issue 2.cbz', { Series: 'Series', Number: '2' });
    modulesLoadedBy(dir, 'first', ['import', root, '--db', db]);
  }, 60_000);

  it('loads no reader, parser, cover, watch or search code when nothing changed', () => {
    const loaded = modulesLoadedBy(dir, 'no-change', ['import', root, '--db', db]);
    expect(loaded.src).toContain('importer/import-library.ts');
    expect(forbiddenIn(loaded)).toEqual({ src: [], packages: [] });
  }, 60_000);

  it('loads none of them when the command is only loaded (import --help)', () => {
    const loaded = modulesLoadedBy(dir, 'help', ['import', '--help']);
    expect(loaded.src).toContain('cli/commands/import.ts');
    expect(forbiddenIn(loaded)).toEqual({ src: [], packages: [] });
  }, 60_000);

  it('loads the read pool and the metadata parsers once a file changed', () => {
    const later = new Date(Date.now() + 5000);
    utimesSync(comic, later, later);
    const loaded = modulesLoadedBy(dir, 'changed', ['import', root, '--db', db]);
    expect(loaded.src).toEqual(expect.arrayContaining(['read/pool.ts', 'metadata/comicinfo.ts', 'archive/zip.ts']));
  }, 60_000);
});
