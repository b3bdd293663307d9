#!/usr/bin/env node
// The installed command runs the compiled CLI: `prepare` builds dist/ on npm ci and npm pack.
try {
  await import('../dist/cli/bin.js');
} catch (error) {
  // Only a clone that was never built lacks dist/; anything else is the CLI's own failure.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/bin.js')) throw error;
  console.error('longbox: not built yet: run `npm run build` (or `npm ci`, which builds) in the repository');
  process.exitCode = 2;
}
