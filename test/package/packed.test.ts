import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../support/temp-dir';
import { checkConsumer, CONSUMER_TS, installPacked, packLongbox, REPO, runNode, writeSmallLibrary } from './packed-app';

/*
 * The package as users get it: packed, installed into a project of its own, and used from plain
 * JavaScript and through the installed `longbox` bin. Packing builds dist/ (the `prepare`
 * script), which takes a while on a busy machine: hence the long timeout. The same check under
 * Node 22 and 24 are `npm run check:node`.
 */

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

  it('gives a TypeScript consumer the API types', () => {
    writeFileSync(join(app, 'consumer.ts'), CONSUMER_TS);
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node'];
    const result = runNode(process.execPath, [tsc, ...flags, 'consumer.ts'], app);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes publint', async () => {
    const { messages } = await publint({ pkgDir: join(app, 'node_modules/longbox'), level: 'warning' });
    expect(messages).toEqual([]);
  });
});
