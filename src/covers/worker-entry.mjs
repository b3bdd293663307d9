// The cover thread's entry, as src/read/worker-entry.mjs: a worker inherits no module hooks from
// its parent, so it registers tsx itself, then loads the cover maker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
