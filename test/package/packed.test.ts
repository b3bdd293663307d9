import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeComic } from '../support/library';
import { CONSUMER_MJS, CONSUMER_TS, installPacked, packLongbox, REPO, runNode } from './packed-app';

/*
 * The package as users get it: packed, installed into a project of its own, and used from plain
 * JavaScript and through the installed `longbox` bin. Packing builds dist/ (the `prepare`
 * script), which takes a while on a busy machine: hence the long timeouts.
 */

const node = process.execPath;
let dir: string;
let app: string;
let library: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'longbox-packed-'));
  app = installPacked(dir, packLongbox(dir), { consumerPackages: ['@types/node'] });
  library = join(dir, 'library');
  mkdirSync(library);
  writeComic(library, 'Plastic Man/Plastic Man 001.cbz', { Series: 'Plastic Man', Title: 'The Origin', Number: '1' });
  writeComic(library, 'Plastic Man/Plastic Man 002.cbz', { Series: 'Plastic Man', Title: 'Woozy Returns', Number: '2' });
  writeComic(library, 'Blackhawk/Blackhawk 009.cbz', { Series: 'Blackhawk', Title: 'Island of Fear', Number: '9' });
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs without TypeScript or tsx', () => {
    expect(existsSync(join(app, 'node_modules/longbox/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/longbox/src'))).toBe(false);
  });

  it('imports a library and queries comics from a plain .mjs file', () => {
    writeFileSync(join(app, 'consumer.mjs'), CONSUMER_MJS);
    const result = runNode(node, ['consumer.mjs', library, join(dir, 'api.sqlite')], app);
    expect(result.stderr).toBe('');
    const output = JSON.parse(result.stdout) as { created: number; rows: { title: string; series: string }[] };
    expect(output.created).toBe(3);
    expect(output.rows.map((row) => `${row.series}: ${row.title}`).sort()).toEqual([
      'Blackhawk: Island of Fear',
      'Plastic Man: The Origin',
      'Plastic Man: Woozy Returns',
    ]);
  });

  it('runs import and search through the installed longbox bin', () => {
    const bin = join(app, 'node_modules/.bin/longbox');
    const db = join(dir, 'cli.sqlite');
    const imported = runNode(node, [bin, 'import', library, '--db', db, '--json'], app);
    expect(imported.status, imported.stderr).toBe(0);
    expect((JSON.parse(imported.stdout) as { comics: { created: number } }).comics.created).toBe(3);
    const searched = runNode(node, [bin, 'search', 'woozy', '--db', db, '--json'], app);
    expect(searched.status, searched.stderr).toBe(0);
    expect(searched.stdout).toContain('Plastic Man 002.cbz');
    expect(searched.stdout).not.toContain('Blackhawk');
  });

  it('gives a TypeScript consumer the API types', () => {
    writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node'];
    const result = runNode(node, [tsc, ...flags, 'consumer.ts'], app);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: join(app, 'node_modules/longbox'), level: 'warning' });
    expect(messages).toEqual([]);
  });
});
