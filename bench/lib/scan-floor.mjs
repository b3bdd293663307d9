// The scan floor: what a no-change rescan cannot do without. Every folder listed and every comic
// file lstat'ed, nothing compared or kept.
//
// Plain JavaScript, so `node bench/lib/scan-floor.mjs <root>` measures it in a bare process too
// (bench/startup.ts: the file system calls under a CLI start-up, no loader in the way).
import { lstatSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One pass over `root`. `visits(name, isDirectory)` says which entries the walk takes: the bench
 * passes the importer's own ignore and extension rules; by default every entry.
 */
export function scanPass(root, visits = () => true) {
  let files = 0;
  let folders = 0;
  const visit = (folder) => {
    folders++;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const isDirectory = entry.isDirectory();
      if (!visits(entry.name, isDirectory)) continue;
      const path = `${folder}/${entry.name}`;
      if (isDirectory) visit(path);
      else {
        lstatSync(path);
        files++;
      }
    }
  };
  visit(root);
  return { files, folders };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) scanPass(process.argv[2]);
