// `npm run build`: tsdown through its API. Its CLI prints a deprecation line on Node 20 (tsdown
// 0.22 wants Node 22; 0.21 builds fine on 20), and `npm ci` should print nothing it need not.
import { build } from 'tsdown';

await build({ logLevel: process.argv.includes('--quiet') ? 'warn' : 'info' });
