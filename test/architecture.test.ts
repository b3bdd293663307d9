import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Imports point one way (DESIGN.md section 8): cli -> index -> importer/watch -> read -> metadata
 * -> archive, and importer -> db -> schema; importer/watch -> walk; read -> pages -> archive and covers -> pages -> db.
 * Each part may import only the parts listed here.
 */
const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const allowed: Record<string, string[]> = {
  'errors.ts': [],
  'fs-errors.ts': [],
  'path-bytes.ts': [],
  'worker-script.ts': [],
  'paths.ts': ['errors.ts', 'fs-errors.ts', 'path-bytes.ts'],
  schema: [],
  db: ['schema', 'errors.ts'],
  archive: ['errors.ts', 'fs-errors.ts', 'path-bytes.ts'],
  metadata: ['errors.ts'],
  read: ['archive', 'metadata', 'pages', 'errors.ts', 'fs-errors.ts', 'path-bytes.ts', 'worker-script.ts'],
  // Page lists are built from archive listings (read uses them) and read back from the database.
  pages: ['archive', 'metadata', 'db', 'schema', 'errors.ts', 'fs-errors.ts', 'path-bytes.ts'],
  // The walk lists the library's files; it knows nothing of archives or the database.
  walk: ['fs-errors.ts', 'path-bytes.ts', 'worker-script.ts'],
  importer: ['walk', 'read', 'metadata', 'pages', 'db', 'schema', 'errors.ts', 'fs-errors.ts', 'path-bytes.ts', 'paths.ts'],
  covers: ['pages', 'archive', 'db', 'schema', 'importer', 'errors.ts', 'fs-errors.ts', 'path-bytes.ts', 'paths.ts', 'worker-script.ts'],
  watch: ['importer', 'walk', 'db', 'errors.ts', 'fs-errors.ts', 'path-bytes.ts', 'paths.ts'],
  search: ['db', 'schema', 'errors.ts'],
  'index.ts': ['errors.ts', 'path-bytes.ts', 'paths.ts', 'schema', 'db', 'archive', 'metadata', 'read', 'pages', 'importer', 'watch', 'covers', 'search'],
  // A command imports the parts it runs, not the whole API: `longbox import` then loads no reader,
  // cover or watch code (test/cli/startup-modules.test.ts). The covers and watch commands take
  // their flags' ranges from those parts' option schemas.
  cli: ['index.ts', 'importer', 'db', 'paths.ts', 'covers', 'watch'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolveImport(from: string, specifier: string, files: Set<string>): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.mjs`, join(base, 'index.ts')].find((candidate) => files.has(candidate));
}

const partOf = (file: string) => relative(SRC, file).split('/')[0]!;

function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const text = readFileSync(file, 'utf8');
      const targets = [...text.matchAll(IMPORT)].flatMap((match) => {
        const target = resolveImport(file, (match[1] ?? match[2])!, known);
        return target ? [target] : [];
      });
      return [file, targets];
    }),
  );
}

describe('architecture', () => {
  const graph = importGraph();

  it('knows every part of src/', () => {
    expect([...new Set([...graph.keys()].map(partOf))].filter((part) => !(part in allowed))).toEqual([]);
  });

  it('keeps imports pointing one way between parts', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => partOf(target) !== partOf(file) && !allowed[partOf(file)]!.includes(partOf(target)))
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    );
    expect(wrong).toEqual([]);
  });

  // Inside the importer: queries read and name the database; phases decide and write with them.
  it('keeps importer queries from importing importer phases', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      relative(SRC, file).startsWith('importer/queries/')
        ? targets.filter((target) => relative(SRC, target).startsWith('importer/phases/')).map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  // The bundled CLI (tsdown.config.ts) treats src/ modules as free of side effects, dropping those
  // it only reaches through re-exports: a bare `import './x'` would be dropped with them.
  it('imports no src module for its side effects alone', () => {
    const bare = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import\s+['"]([^'"]+)['"]/gm)].map((match) => `${relative(SRC, file)}: ${match[1]}`),
    );
    expect(bare).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
