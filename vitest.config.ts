import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CORPUS_DIR, corpusAvailable } from './test/support/corpus.ts';

if (!corpusAvailable && process.env.CI === 'true') {
  throw new Error(`CI=true, but the shared corpus is not at ${CORPUS_DIR}: put it there or set LONGBOX_CORPUS (CI must run the corpus tests)`);
}

export default defineConfig({
  resolve: {
    alias: { longbox: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Backstops for a hang, not speed limits: on a loaded 2-core machine a test that spawns the
    // CLI or imports a library can take minutes, and that must not fail it.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    tags: [{ name: 'corpus', description: `reads archives other projects made, from ${CORPUS_DIR}`, skip: !corpusAvailable }],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
