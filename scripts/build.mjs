// `npm run build`: tsdown through its API. Its CLI prints a deprecation line on Node 20 (tsdown
// 0.22 wants Node 22; 0.21 builds fine on 20), and `npm ci` should print nothing it need not.
// dist/ is emptied here: its two builds (tsdown.config.ts) share it, so neither may clean it.
import { rmSync } from 'node:fs';
import { build } from 'tsdown';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({ logLevel: process.argv.includes('--quiet') ? 'warn' : 'info' });
