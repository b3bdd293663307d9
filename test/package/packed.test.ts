import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';
import { PAGE_PNG, writeCbt } from '../../tools/archive-writers';
import { checkConsumer, CONSUMER_TS, installPacked, packLongbox, REPO, runNode, writeSmallLibrary } from './packed-app';

/*
 * The package as users get it: packed, installed into a project of its own, and used from plain
 * JavaScript and through the installed `longbox` bin. Packing builds dist/ (the `prepare`
 * script), which takes a while on a busy machine: hence the long timeout. The same check under
 * Node 22 and 24 are `npm run check:node`.
 */

const RECORD_LOADS = fileURLToPath(new URL('../archive/fixtures/record-loads.mjs', import.meta.url));

const dir = useTempDir('longbox-packed-');
let app: string;
let library: string;

beforeAll(() => {
  app = installPacked(dir, packLongbox(dir), { consumerPackages: ['@types/node'] });
  library = writeSmallLibrary(dir);
}, 600_000);

describe('the packed package', () => {
  it('installs without TypeScript, tsx or the sources', () => {
    expect(existsSync(join(app, 'node_modules/longbox/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/longbox/src'))).toBe(false);
  });

  it('imports a library from a plain .mjs file, queries comics, and runs import, search and covers through the installed bin', () => {
    expect(checkConsumer(process.execPath, app, library, dir)).toEqual([]);
  });

  // A second copy of drizzle-orm under longbox would make the app's `eq(series.id, ...)` a type
  // error: as a peer, npm installs one copy (or refuses an app on another line at install time).
  // Only the manifest can show it here: this install links every package beforehand.
  it('declares drizzle-orm as a peer, so the app’s copy is the one longbox uses', () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/longbox/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(installed.peerDependencies?.['drizzle-orm']).toMatch(/^\^0\.45\./);
    expect(installed.dependencies?.['drizzle-orm']).toBeUndefined();
  });

  it('gives a TypeScript consumer the API types', () => {
    writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node'];
    const result = runNode(process.execPath, [tsc, ...flags, 'consumer.ts'], app);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  // The bin is a bundle (tsdown.config.ts): a no-change import loads its chunks, better-sqlite3 and
  // nothing else from node_modules: no drizzle-orm or zod module, no reader.
  it('runs a no-change import from the bundled CLI, loading no package but better-sqlite3', () => {
    const bin = join(app, 'node_modules/.bin/longbox');
    const db = join(dir, 'no-change.sqlite');
    expect(runNode(process.execPath, [bin, 'import', library, '--db', db], app).status).toBe(0);
    const log = join(dir, 'no-change.log');
    const recorded = runNode(process.execPath, ['--import', RECORD_LOADS, bin, 'import', library, '--db', db], app, { LONGBOX_LOAD_LOG: log });
    expect(recorded.status).toBe(0);
    const installed = readFileSync(log, 'utf8')
      .split('\n')
      .flatMap((url) => /\/node_modules\/(.+)$/.exec(url)?.[1] ?? []);
    const packages = [...new Set(installed.map((path) => path.split('/')[0]))];
    expect(packages.sort()).toEqual(['better-sqlite3', 'longbox']);
    expect(installed.filter((path) => path.startsWith('longbox/') && !/^longbox\/(bin\/longbox|dist\/cli\/[^/]+)\.js$/.test(path))).toEqual([]);
  });

  // More than 16 files that are not CBZs go to a worker: the bundled CLI starts the library's own.
  it('reads on the compiled worker when the bundled CLI imports many files', () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 1; i <= 20; i++) writeCbt(join(many, `Issue ${String(i).padStart(2, '0')}.cbt`), [{ name: 'page-001.png', data: PAGE_PNG }]);
    const bin = join(app, 'node_modules/.bin/longbox');
    const imported = runNode(process.execPath, [bin, 'import', many, '--db', join(dir, 'many.sqlite'), '--workers', '1', '--json'], app);
    expect(imported.stderr).toBe('');
    expect((JSON.parse(imported.stdout) as { comics: { created: number } }).comics.created).toBe(20);
  });

  // A full scan of a large library walks part of the tree on this thread (src/walk/split-walk.ts),
  // which falls back to walking alone if it cannot start: so its start is checked here.
  it('walks folders on the compiled walk helper thread', async () => {
    const script = join(app, 'node_modules/longbox/dist/walk/worker.js');
    const tasks = ['Blackhawk', 'Plastic Man'].map((relative) => ({ relative, absolute: join(library, relative) }));
    const helper = new Worker(script, { workerData: { root: library, tasks, claim: new SharedArrayBuffer(4) } });
    const [result] = (await once(helper, 'message')) as [{ spans: [number, { files: [number, number] }][] }];
    expect(result.spans.map(([index, span]) => [index, span.files])).toEqual([
      [0, [0, 1]],
      [1, [1, 3]],
    ]);
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: join(app, 'node_modules/longbox'), level: 'warning' });
    expect(messages).toEqual([]);
  });
});
