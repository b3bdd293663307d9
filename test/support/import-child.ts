/**
 * Runs one import in its own process, so a test can kill it with SIGKILL at any moment.
 * Usage: node --import tsx test/support/import-child.ts <db> <root> [chunkSize]
 * Prints one line per progress event, then "done".
 */
import { importLibrary } from '../../src/importer/import-library';

const [dbPath, root, chunkSize] = process.argv.slice(2);
await importLibrary(dbPath!, root!, {
  workers: 1,
  chunkSize: Number(chunkSize ?? 20),
  onProgress: (progress) => process.stdout.write(`${progress.phase} ${progress.done}/${progress.total}\n`),
});
process.stdout.write('done\n');
