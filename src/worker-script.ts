/**
 * The script a worker thread of `part` (read, covers, walk) starts, found from `moduleUrl`, the URL of
 * the module that starts it. That module sits two levels under the package root (src/read/pool.ts,
 * dist/read/pool.js, or a chunk of the bundled CLI in dist/cli/), so the worker is `../<part>/`
 * from it. The built package runs the compiled worker.js; from source (a clone, the tests) the
 * module is .ts, and worker-entry.mjs registers tsx before loading worker.ts (a worker inherits
 * no module hooks).
 */
export function workerScriptUrl(part: 'read' | 'covers' | 'walk', moduleUrl: string): URL {
  return new URL(`../${part}/${moduleUrl.endsWith('.ts') ? 'worker-entry.mjs' : 'worker.js'}`, moduleUrl);
}
