// `npm start`: generate the sample library if it is missing (sample/library/, the same bytes every
// time), import it into ./longbox.sqlite with the real CLI, then show one search. A second run
// shows the incremental import: every comic unchanged, nothing written.
import { relative } from 'node:path';
import { ensureSampleLibrary } from '../sample/generate';
import { run } from '../src/cli/main';

const DB = 'longbox.sqlite';
const QUERY = 'plastic man';

const library = relative(process.cwd(), await ensureSampleLibrary()) || '.';
console.log(`$ longbox import ${library} --db ${DB}`);
const imported = await run(['import', library, '--db', DB]);
if (imported === 0 || imported === 1) {
  console.log(`\n$ longbox search ${QUERY} --db ${DB}`);
  const searched = await run(['search', QUERY, '--db', DB]);
  process.exitCode = searched === 0 ? imported : searched;
} else {
  process.exitCode = imported;
}
