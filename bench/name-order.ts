import { rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_IMPORT_CACHE_KIB, migrate, openDatabase } from '../src/db';

/**
 * node --import tsx bench/name-order.ts --source <a codex fresh import's database> --target <scratch file>
 *   [--order random|sorted] [--chunks import|one]
 *
 * What the order of new names costs: the names of the 8 tag tables of `source`, in the order
 * the comics list them, inserted into an empty migrated database in the import's
 * chunk sizes (100, 200, ... 2000, then the rest; `one`: a single transaction), each table's
 * chunk as listed (`random`) or sorted by name (`sorted`), with the import's cache and WAL
 * PRAGMAs. Prints the process's CPU (user + sys), the inserts', commits' and checkpoint's wall
 * time and the WAL's size before the checkpoint.
 */
const { values } = parseArgs({
  options: {
    source: { type: 'string' },
    target: { type: 'string' },
    order: { type: 'string', default: 'sorted' },
    chunks: { type: 'string', default: 'import' },
  },
});
if (!values.source || !values.target) throw new Error('--source and --target are required');
const target = values.target;
/**
 * Each table's names in the order the comics first list them: by the first link row that reaches
 * them (link rows are written comic by comic, in list order). Not by id: an importer that sorts
 * a chunk's names numbers them in name order.
 */
const FIRST_LISTED: Record<string, string> = {
  characters: 'SELECT min(id) FROM comic_characters WHERE character_id = t.id',
  teams: 'SELECT min(id) FROM comic_teams WHERE team_id = t.id',
  genres: 'SELECT min(id) FROM comic_genres WHERE genre_id = t.id',
  locations: 'SELECT min(id) FROM comic_locations WHERE location_id = t.id',
  tags: 'SELECT min(id) FROM comic_tags WHERE tag_id = t.id',
  series_groups: 'SELECT min(id) FROM comic_series_groups WHERE series_group_id = t.id',
  story_arcs: 'SELECT min(l.id) FROM comic_story_arc_numbers l JOIN story_arc_numbers n ON n.id = l.story_arc_number_id WHERE n.story_arc_id = t.id',
  credit_persons: 'SELECT min(l.id) FROM comic_credits l JOIN credits c ON c.id = l.credit_id WHERE c.person_id = t.id',
};
const TABLES = Object.keys(FIRST_LISTED);

const source = openDatabase(values.source, { readonly: true }).$client;
const names = TABLES.map((table) => source.prepare(`SELECT name FROM ${table} t ORDER BY (${FIRST_LISTED[table]}), id`).pluck().all() as string[]);
const comics = source.prepare('SELECT count(*) FROM comics').pluck().get() as number;
source.close();
const chunkSizes = values.chunks === 'one' ? [comics] : importChunks(comics);

for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
const db = openDatabase(target);
migrate(db);
const client = db.$client;
client.pragma(`cache_size = ${-DEFAULT_IMPORT_CACHE_KIB}`);
client.pragma('wal_autocheckpoint = 0');
const inserts = TABLES.map((table) => client.prepare(`INSERT INTO ${table} (name) VALUES (?) ON CONFLICT DO NOTHING`));

const cpuBefore = process.cpuUsage();
let insertMs = 0;
let commitMs = 0;
let done = 0;
for (const size of chunkSizes) {
  // Each table's share of the chunk, as the comics of the chunk would bring it.
  const slices = names.map((list) => list.slice(Math.round((done / comics) * list.length), Math.round(((done + size) / comics) * list.length)));
  done += size;
  const started = performance.now();
  client.exec('BEGIN IMMEDIATE');
  if (values.order === 'random') {
    // Interleaved over the tables, as comic after comic resolves them.
    const longest = Math.max(...slices.map((slice) => slice.length));
    for (let i = 0; i < longest; i++) for (const [t, slice] of slices.entries()) if (i < slice.length) inserts[t]!.run(slice[i]);
  } else {
    for (const [t, slice] of slices.entries()) for (const name of [...slice].sort()) inserts[t]!.run(name);
  }
  const inserted = performance.now();
  client.exec('COMMIT');
  insertMs += inserted - started;
  commitMs += performance.now() - inserted;
}
const walMiB = statSync(`${target}-wal`).size / 1048576;
const checkpointStarted = performance.now();
client.pragma('wal_checkpoint(TRUNCATE)');
const checkpointMs = performance.now() - checkpointStarted;
const cpu = process.cpuUsage(cpuBefore);
client.close();
console.log(
  `${values.order}, ${values.chunks} chunks: ${names.reduce((sum, list) => sum + list.length, 0)} names; CPU user ${(cpu.user / 1e6).toFixed(2)} s + sys ${(cpu.system / 1e6).toFixed(2)} s; ` +
    `wall: inserts ${(insertMs / 1000).toFixed(2)} s, commits ${(commitMs / 1000).toFixed(2)} s, checkpoint ${(checkpointMs / 1000).toFixed(2)} s; WAL ${walMiB.toFixed(0)} MiB`,
);

/** The importer's chunk sizes: 100, doubling up to 2000 (read-in-chunks.ts), then the rest. */
function importChunks(total: number): number[] {
  const sizes: number[] = [];
  for (let size = 100, left = total; left > 0; size = Math.min(2000, size * 2)) {
    sizes.push(Math.min(size, left));
    left -= size;
  }
  return sizes;
}
