#!/usr/bin/env node
// longbox ships its TypeScript sources; tsx's loader compiles them on import, so the same
// command works from a clone (`npx longbox`) and from an installed package on Node 20.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
