import { createRequire } from 'node:module';
import { readComic } from '../../../src/read/read-comic';

// Reads the archive named on the command line, then prints whether the yaml package was loaded.
const outcome = await readComic(process.argv[2] ?? '');
if (!outcome.ok) throw new Error(outcome.reason);
const cache = createRequire(import.meta.url).cache;
console.log(Object.keys(cache).some((path) => /[\\/]node_modules[\\/]yaml[\\/]/.test(path)));
