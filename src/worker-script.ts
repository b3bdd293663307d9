/**
 * The script a worker thread of `moduleUrl`'s folder starts: the built package runs the compiled
 * worker.js beside the module; from source (a clone, the tests) the module is .ts, and
 * worker-entry.mjs registers tsx before loading worker.ts (a worker inherits no module hooks).
 */
export function workerScriptUrl(moduleUrl: string): URL {
  return new URL(moduleUrl.endsWith('.ts') ? './worker-entry.mjs' : './worker.js', moduleUrl);
}
