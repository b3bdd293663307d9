/**
 * Runs one cover run in its own process, so a test can kill it with SIGKILL at any moment.
 * Usage: node --import tsx test/support/cover-child.ts <db>
 * Prints one line per progress event, then "done".
 */
import { generateCovers } from '../../src/covers';

const [dbPath] = process.argv.slice(2);
await generateCovers(dbPath!, { workers: 2, onProgress: ({ done, total }) => process.stdout.write(`covers ${done}/${total}\n`) });
process.stdout.write('done\n');
