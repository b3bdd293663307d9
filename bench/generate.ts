import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GENERATED_FORMATS, PROFILES, planLibrary, writeLibrary, type GeneratedFormat, type Profile } from '../tools/generate-library';
import { MANIFEST_FILE, ManifestWriter, hasManifest } from '../tools/library/manifest-file';

/**
 * npm run bench:gen -- --profile realistic --count 10000 --seed 1 [--out DIR] [--formats CBZ,CBT] [--force]
 *
 * Writes a seeded synthetic library (and its manifest, .longbox-manifest.jsonl inside it) for the
 * benchmarks. Same arguments, same bytes. --force replaces an earlier generated library, and only
 * one: a folder without our manifest is never deleted.
 */
const USAGE = 'usage: npm run bench:gen -- --profile codex|realistic|sample --count N [--seed S] [--out DIR] [--formats CBZ,CB7,CBT,PDF] [--force]';

function fail(message: string): never {
  console.error(`bench:gen: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string', default: 'realistic' },
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      formats: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const profile = values.profile as Profile;
  if (!PROFILES.includes(profile)) fail(`unknown profile ${values.profile}`);
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 0) fail(`--count must be a whole number, got ${values.count}`);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
  const formats = values.formats?.split(',').map((f) => f.trim().toUpperCase() as GeneratedFormat);
  for (const f of formats ?? []) if (!GENERATED_FORMATS.includes(f)) fail(`unknown format ${f}`);
  const out = values.out ?? `bench/libraries/${profile}-${count}${seed === 1 ? '' : `-s${seed}`}`;
  return { profile, count, seed, out, force: values.force, ...(formats ? { formats } : {}) };
}

function prepare(out: string, force: boolean): void {
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length === 0) return;
  if (!force) fail(`${out} is not empty (pass --force to replace a generated library)`);
  if (!hasManifest(out)) fail(`${out} holds no ${MANIFEST_FILE}: not a generated library, not deleting it`);
  rmSync(out, { recursive: true });
  mkdirSync(out, { recursive: true });
}

async function main(): Promise<void> {
  const { out, force, ...options } = parseOptions();
  prepare(out, force);
  const manifest = new ManifestWriter(out, options);
  const started = performance.now();
  let lastReport = started;
  let written = 0;
  await writeLibrary(out, planLibrary(options), (spec) => {
    manifest.add(spec);
    written++;
    const now = performance.now();
    if (now - lastReport > 2000) {
      lastReport = now;
      console.error(`  ${written}/${options.count} comics, ${Math.round(written / ((now - started) / 1000))} files/s`);
    }
  });
  manifest.close();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${options.profile}: ${written} comics in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} files/s) -> ${out}`);
}

await main();
