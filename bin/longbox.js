#!/usr/bin/env node
// longbox ships its TypeScript sources; tsx's loader compiles them on import, so the same
// command works from a clone (`npx longbox`) and from an installed package on Node 20.
import { register } from 'tsx/esm/api';

register();
let run;
try {
  ({ run } = await import('../src/cli/main.ts'));
} catch (error) {
  // A broken install (a native module not built, a missing dependency) still gets one line.
  console.error(`longbox: cannot start: ${error.message.split('\n')[0]} (try npm ci; LONGBOX_DEBUG=1 for details)`);
  if (process.env.LONGBOX_DEBUG === '1') console.error(error);
  process.exit(2);
}
process.exitCode = await run(process.argv.slice(2));
