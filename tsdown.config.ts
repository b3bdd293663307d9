import { defineConfig } from 'tsdown';

/*
 * Unbundled: dist/ mirrors src/ file for file, so the relative URLs the code resolves at run time
 * (drizzle/ from db/migrate, package.json from cli/main, worker.js from read/pool and covers/pool) point at the
 * same places from src/ and from dist/. Measured against a bundled build and tsc in docs/design-decisions.md.
 */
export default defineConfig({
  entry: ['src/index.ts', 'src/cli/bin.ts', 'src/read/worker.ts', 'src/covers/worker.ts'],
  unbundle: true,
  fixedExtension: false,
  dts: true,
  platform: 'node',
  target: 'node20',
  checks: { pluginTimings: false },
});
