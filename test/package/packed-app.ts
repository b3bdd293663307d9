import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * A project outside the repository that installs longbox as a user would: from the tarball
 * `npm pack` makes, with no TypeScript and no tsx of its own. npm installs the tarball offline;
 * longbox's dependencies are linked from the repository's node_modules beforehand, so npm finds
 * them satisfied and neither downloads nor compiles anything (better-sqlite3 takes about a
 * minute to compile, and a test should not need the network).
 */

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const REPO_MODULES = realpathSync(join(REPO, 'node_modules'));
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
}

export const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;

/** `npm pack` of the repository into `dir` (its `prepare` builds dist/ first); the tarball's path. */
export function packLongbox(dir: string): string {
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--json', ...NPM_QUIET], { cwd: REPO, encoding: 'utf8' });
  const [packed] = JSON.parse(out) as { filename: string }[];
  return join(dir, packed!.filename);
}

export interface AppOptions {
  /** Where a dependency comes from, when not from the repository's node_modules (a build for another Node). */
  linkOverrides?: Record<string, string>;
  /** Packages the consumer itself depends on, linked from the repository (e.g. @types/node). */
  consumerPackages?: readonly string[];
}

/** Creates a project in `dir` and installs `tarball` into it; returns the project folder. */
export function installPacked(dir: string, tarball: string, options: AppOptions = {}): string {
  const app = join(dir, 'app');
  mkdirSync(join(app, 'node_modules', '@types'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const link = (name: string) => symlinkSync(options.linkOverrides?.[name] ?? join(REPO_MODULES, name), join(app, 'node_modules', name), 'dir');
  Object.keys(manifest.dependencies).forEach(link);
  execFileSync('npm', ['install', '--offline', '--ignore-scripts', ...NPM_QUIET, tarball], { cwd: app, encoding: 'utf8' });
  // After the install: npm prunes what the project's package.json does not name.
  options.consumerPackages?.forEach(link);
  return app;
}

/** A plain-JavaScript consumer: imports a library with the API, then queries `comics` through the schema. */
export const CONSUMER_MJS = `
import { eq } from 'drizzle-orm';
import { comics, importLibrary, openDatabase, series } from 'longbox';

const [root, dbPath] = process.argv.slice(2);
const report = await importLibrary(dbPath, root);
const db = openDatabase(dbPath, { readonly: true });
const rows = db.select({ title: comics.name, series: series.name }).from(comics).innerJoin(series, eq(series.id, comics.seriesId)).all();
db.$client.close();
console.log(JSON.stringify({ created: report.comics.created, rows }));
`;

/** A TypeScript consumer: compiles only if the published declarations resolve and type the API. */
export const CONSUMER_TS = `
import { comics, importLibrary, openDatabase, type ImportReport, LongboxError } from 'longbox';

const report: ImportReport = await importLibrary('library.sqlite', '/comics', { workers: 1 });
const created: number = report.comics.created;
const titles: (string | null)[] = openDatabase('library.sqlite').select({ title: comics.name }).from(comics).all().map((row) => row.title);
// @ts-expect-error an option longbox does not have is a type error, so the types are not \`any\`
await importLibrary('library.sqlite', '/comics', { chunkSizes: 10 });
const code: string = new LongboxError('USAGE', 'x').code;
console.log(created, titles, code);
`;

export function runNode(node: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(node, args, { cwd, encoding: 'utf8', env: { ...process.env, LONGBOX_DEBUG: '1' } });
}
