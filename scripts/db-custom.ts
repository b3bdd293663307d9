/**
 * Usage: npm run db:custom -- migrations/<name>.sql
 *
 * Wraps a hand-written SQL file in a new drizzle-kit custom migration, so it runs in journal order
 * with the generated ones. The file is copied verbatim: it must already separate its statements
 * with drizzle's `--> statement-breakpoint` marker (a trigger body holds semicolons, so splitting
 * on them is not safe). A test checks every migrations/*.sql appears verbatim in drizzle/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const source = process.argv[2];
if (!source?.endsWith('.sql')) {
  console.error('usage: npm run db:custom -- migrations/<name>.sql');
  process.exit(2);
}
const sql = readFileSync(source, 'utf8');
const name = basename(source, '.sql');

const generate = spawnSync('npx', ['drizzle-kit', 'generate', '--custom', '--name', name], { stdio: 'inherit' });
if (generate.status !== 0) process.exit(generate.status ?? 1);

// drizzle-kit names the file after the newest journal entry.
const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
const newest = journal.entries.at(-1);
if (!newest?.tag.endsWith(name)) {
  console.error(`drizzle-kit did not add a migration named ${name}`);
  process.exit(1);
}
const target = join('drizzle', `${newest.tag}.sql`);
writeFileSync(target, sql);
console.log(`${source} -> ${target}`);
