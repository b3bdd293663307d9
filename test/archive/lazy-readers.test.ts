import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSevenZip, writeCb7, writeCbz, writePdf, PAGE_PNG } from '../../tools/archive-writers';
import { CLI_ARGS } from '../cli/run-cli';
import { buildEncryptedPdf } from '../support/encrypted-pdf';
import { useTempDir } from '../support/temp-dir';

/*
 * pdfjs-dist, 7z-wasm and node-unrar-js cost tens of MB and a wasm compile each: a program that
 * imports longbox, or a CLI that only prints help, must not pay for them. A child process records
 * every module it resolves, so the test sees what a real start-up loads.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const HEAVY = ['pdfjs-dist', '7z-wasm', 'node-unrar-js'];


function modulesLoadedBy(dir: string, name: string, files: string[]): string[] {
  return modulesLoadedByRun(dir, name, ['--import', 'tsx', join(FIXTURES, 'import-and-read.ts'), ...files]);
}

function modulesLoadedByRun(dir: string, name: string, args: string[]): string[] {
  const log = join(dir, `${name}.log`);
  execFileSync(process.execPath, ['--import', join(FIXTURES, 'record-loads.mjs'), ...args], {
    env: { ...process.env, LONGBOX_LOAD_LOG: log },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return readFileSync(log, 'utf8').split('\n');
}

const heavyIn = (urls: string[]) => HEAVY.filter((name) => urls.some((url) => url.includes(`/node_modules/${name}/`)));

describe('heavy readers load lazily', () => {
  const dir = useTempDir();

  it('loads no pdf, 7z or rar library when the package is imported', () => {
    const urls = modulesLoadedBy(dir, 'import', []);
    expect(urls.some((url) => url.endsWith('/src/index.ts'))).toBe(true);
    expect(heavyIn(urls)).toEqual([]);
  });

  it('loads no pdf, 7z or rar library when the CLI starts', () => {
    // The CLI from source, as the other CLI tests run it (the built bin is test/package's).
    const urls = modulesLoadedByRun(dir, 'cli', [...CLI_ARGS, '--help']);
    expect(urls.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
    expect(heavyIn(urls)).toEqual([]);
  });

  it('loads no pdf, 7z or rar library to read a CBZ', () => {
    const cbz = join(dir, 'plain.cbz');
    writeCbz(cbz, [{ name: '01.png', data: PAGE_PNG }]);
    expect(heavyIn(modulesLoadedBy(dir, 'cbz', [cbz]))).toEqual([]);
  });

  // A CB7's header and its small blocks are read by our own code (src/archive/sevenzip-header.ts);
  // 7-Zip only for what that code leaves to it, such as a method it does not decode.
  it('loads 7-Zip only for a CB7 our own reader leaves to it', async () => {
    const small = join(dir, 'small.cb7');
    await writeCb7(small, [{ name: '01.png', data: PAGE_PNG }, { name: 'ComicInfo.xml', data: '<ComicInfo><Series>S</Series></ComicInfo>' }]);
    const ppmd = join(dir, 'ppmd.cb7');
    writeFileSync(ppmd, await buildSevenZip([{ name: '01.png', data: PAGE_PNG }, { name: 'ComicInfo.xml', data: '<ComicInfo><Series>S</Series></ComicInfo>' }], ['-m0=PPMd']));
    expect(heavyIn(modulesLoadedBy(dir, 'cb7', [small]))).toEqual([]);
    expect(heavyIn(modulesLoadedBy(dir, 'ppmd-cb7', [ppmd]))).toEqual(['7z-wasm']);
  });

  // A plain PDF is read by our own object reader (src/archive/pdf-structure.ts); pdf.js only for
  // what that reader leaves to it, such as an encrypted file.
  it('loads pdf.js only for a PDF our own reader leaves to it', () => {
    const plain = join(dir, 'plain.pdf');
    writePdf(plain, { pages: 1 });
    const encrypted = join(dir, 'encrypted.pdf');
    writeFileSync(encrypted, buildEncryptedPdf(''));
    expect(heavyIn(modulesLoadedBy(dir, 'pdf', [plain]))).toEqual([]);
    expect(heavyIn(modulesLoadedBy(dir, 'encrypted-pdf', [encrypted]))).toEqual(['pdfjs-dist']);
  });
});
