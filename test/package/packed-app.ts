import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_PNG, writeCbz } from '../../tools/archive-writers';
import { buildComicInfoXml } from '../../tools/comicinfo-xml';

/*
 * A project outside the repository that installs longbox as a user would: from the tarball
 * `npm pack` makes, with no TypeScript and no tsx of its own. npm installs the tarball offline;
 * longbox's dependencies and its peer (drizzle-orm) are linked from the repository's node_modules
 * beforehand, so npm finds them satisfied and neither downloads nor compiles anything
 * (better-sqlite3 takes about a minute to compile, and a test should not need the network).
 */

export const REPO: string = fileURLToPath(new URL('../../', import.meta.url));
export const REPO_MODULES: string = realpathSync(join(REPO, 'node_modules'));
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;

/** `npm pack` of the repository into `dir` (its `prepare` builds dist/ first); the tarball's path. */
export function packLongbox(dir: string): string {
  // stderr is kept (it travels with the error if npm fails) rather than printed among test results.
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--json', ...NPM_QUIET], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });
  const [packed] = JSON.parse(out) as { filename: string }[];
  return join(dir, packed!.filename);
}

interface AppOptions {
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
  // drizzle-orm is a peer: npm would fetch it for the app as it does a dependency.
  [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)].forEach(link);
  execFileSync('npm', ['install', '--offline', '--ignore-scripts', ...NPM_QUIET, tarball], { cwd: app, encoding: 'utf8', stdio: 'pipe' });
  // After the install: npm prunes what the project's package.json does not name.
  options.consumerPackages?.forEach(link);
  return app;
}

/** A plain-JavaScript consumer: imports a library with the API, then queries `comics` through the schema. */
const CONSUMER_MJS = `
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

export function runNode(node: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(node, args, { cwd, encoding: 'utf8', env: { ...process.env, LONGBOX_DEBUG: '1', ...env } });
}

/** Three comics in two series, written by our own writers; the folder's path. */
export function writeSmallLibrary(dir: string): string {
  const library = join(dir, 'library');
  const comics = [
    ['Plastic Man', 'Plastic Man 001.cbz', 'The Origin', '1'],
    ['Plastic Man', 'Plastic Man 002.cbz', 'Woozy Returns', '2'],
    ['Blackhawk', 'Blackhawk 009.cbz', 'Island of Fear', '9'],
  ] as const;
  for (const [series, file, title, number] of comics) {
    mkdirSync(join(library, series), { recursive: true });
    const info = buildComicInfoXml({ Series: series, Title: title, Number: number });
    writeCbz(join(library, series, file), [{ name: 'page-001.png', data: PAGE_PNG }, { name: 'ComicInfo.xml', data: info }]);
  }
  return library;
}

/** What CONSUMER_MJS and the bin must report for writeSmallLibrary's comics. */
const SMALL_LIBRARY_ROWS = ['Blackhawk: Island of Fear', 'Plastic Man: The Origin', 'Plastic Man: Woozy Returns'];

/**
 * Runs the installed package under `node`: CONSUMER_MJS imports the library and queries it, then
 * the installed bin imports it again, searches it and makes its covers. Used by the test (this Node) and by
 * scripts/check-node.ts (other Node lines). Returns what went wrong, one entry per failed
 * expectation: empty when the package works.
 */
export function checkConsumer(node: string, app: string, library: string, dir: string): string[] {
  const problems: string[] = [];
  writeFileSync(join(app, 'consumer.mjs'), CONSUMER_MJS);
  const api = runNode(node, ['consumer.mjs', library, join(dir, 'api.sqlite')], app);
  if (api.status !== 0 || api.stderr !== '') problems.push(`consumer.mjs exited ${api.status}: ${api.stderr}`);
  else {
    const output = JSON.parse(api.stdout) as { created: number; rows: { title: string; series: string }[] };
    const rows = output.rows.map((row) => `${row.series}: ${row.title}`).sort();
    if (output.created !== 3 || JSON.stringify(rows) !== JSON.stringify(SMALL_LIBRARY_ROWS)) problems.push(`consumer.mjs printed ${api.stdout}`);
  }
  const bin = join(app, 'node_modules/.bin/longbox');
  const db = join(dir, 'cli.sqlite');
  const imported = runNode(node, [bin, 'import', library, '--db', db, '--json'], app);
  if (imported.status !== 0) problems.push(`longbox import exited ${imported.status}: ${imported.stderr}`);
  else if ((JSON.parse(imported.stdout) as { comics: { created: number } }).comics.created !== 3) problems.push(`longbox import printed ${imported.stdout}`);
  const searched = runNode(node, [bin, 'search', 'woozy', '--db', db, '--json'], app);
  if (searched.status !== 0) problems.push(`longbox search exited ${searched.status}: ${searched.stderr}`);
  else if (!searched.stdout.includes('Plastic Man 002.cbz') || searched.stdout.includes('Blackhawk')) problems.push(`longbox search woozy printed ${searched.stdout}`);
  // Covers run on worker threads too: the compiled cover worker and sharp must load from the package.
  const covered = runNode(node, [bin, 'covers', '--db', db, '--json'], app);
  if (covered.status !== 0) problems.push(`longbox covers exited ${covered.status}: ${covered.stderr}`);
  else if ((JSON.parse(covered.stdout) as { made: number; failed: number }).made !== 3) problems.push(`longbox covers printed ${covered.stdout}`);
  return problems;
}
