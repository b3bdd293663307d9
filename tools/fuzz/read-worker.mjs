// The fuzz reader thread's entry: a worker inherits no module hooks, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
