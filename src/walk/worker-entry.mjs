// The worker thread's entry when longbox runs from its TypeScript source (a clone, the tests; the
// built package starts dist/walk/worker.js instead). A worker inherits no module hooks from its
// parent (neither tsx's nor vitest's, and `--import` in a worker's execArgv is not applied to its
// main module on Node 20), so it registers tsx itself, then loads the walk helper.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
