import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsdown';

/** Bundled into the CLI: tree-shaken, they load as a few files instead of ~210 modules. */
const CLI_BUNDLED = [/^drizzle-orm(\/|$)/, /^zod(\/|$)/];

const SRC = fileURLToPath(new URL('./src/', import.meta.url));

/*
 * Two builds into dist/ (scripts/build.mjs empties it first, so neither cleans):
 *
 * The library, unbundled: dist/ mirrors src/ file for file, so a program that imports longbox
 * loads the modules it uses and shares drizzle-orm and zod with its own code. The relative URLs
 * the code resolves at run time (drizzle/ from db/migrate, worker.js from the pools) point at the
 * same places from src/ and from dist/.
 *
 * The CLI, bundled: dist/cli/bin.js plus chunks in dist/cli/, one chunk per command loaded on
 * demand, with drizzle-orm and zod inside. Loading ~380 small ES modules was most of a no-change
 * import's start-up (docs/design-decisions.md, "Start-up"). Every chunk sits in dist/cli/, two
 * levels under the package root like every src/ and dist/ module, so `../../drizzle` and
 * `../../package.json` resolve as they do unbundled, and the pools start the library's own
 * dist/read/worker.js, dist/covers/worker.js and dist/walk/worker.js (src/worker-script.ts).
 */
export default defineConfig([
  {
    entry: ['src/index.ts', 'src/read/worker.ts', 'src/covers/worker.ts', 'src/walk/worker.ts'],
    unbundle: true,
    clean: false,
    fixedExtension: false,
    dts: true,
    platform: 'node',
    target: 'node20',
    checks: { pluginTimings: false },
  },
  {
    entry: { 'cli/bin': 'src/cli/bin.ts' },
    outputOptions: { chunkFileNames: 'cli/[name]-[hash].js' },
    clean: false,
    fixedExtension: false,
    dts: false,
    platform: 'node',
    target: 'node20',
    deps: { alwaysBundle: CLI_BUNDLED, onlyBundle: CLI_BUNDLED },
    // No src/ module is imported for its side effects (test/architecture.test.ts checks), so a
    // command's chunk holds what it uses, not all that src/index.ts re-exports.
    treeshake: { moduleSideEffects: (id, external) => external || !id.startsWith(SRC) },
    checks: { pluginTimings: false },
  },
]);
