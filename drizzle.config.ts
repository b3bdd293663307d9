/*
 * Migrations have two folders, each with one job:
 * - drizzle/     drizzle-kit's output and the only folder `migrate()` reads: SQL generated from
 *                src/schema (`npm run db:generate`), custom migrations, and the meta/ journal and
 *                snapshots. Never edit a generated file by hand.
 * - migrations/  hand-written SQL for what drizzle's schema language cannot express (the comics_fts
 *                FTS5 table and its trigger). `npm run db:custom -- migrations/x.sql` wraps a file
 *                in a new drizzle-kit custom migration (`generate --custom --name x`), so it runs in
 *                journal order with the rest. A test checks every migrations/*.sql is in drizzle/.
 * Use generate + migrate, never `drizzle-kit push`: push drops the FTS5 table.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
