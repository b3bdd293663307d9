import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { importLibrary } from '../../src/importer/import-library';
import { generateLibrary } from '../../tools/generate-library';
import { mutateLibrary, type Mutation } from '../../tools/mutate-library';
import { createRng } from '../../tools/prng';
import { runSupportChild } from '../support/child';
import { canonicalDump } from '../support/dump';
import { tempDir } from '../support/library';

/** A fresh import of the folder as it is now, as the reference an incremental import must equal. */
async function freshDump(root: string) {
  const db = openDatabase(join(tempDir(), 'fresh.sqlite'));
  try {
    await importLibrary(db, root, { workers: 1 });
    return canonicalDump(db.$client);
  } finally {
    db.$client.close();
  }
}

function comicIdsByPath(db: ReturnType<typeof openDatabase>): Map<string, number> {
  return new Map((db.$client.prepare('SELECT path, id FROM comics').raw().all() as [string, number][]));
}

/**
 * Where each comic that existed before the mutations is now, following renames and moves;
 * undefined when it was deleted, or rewritten (a new file: nothing ties it to the old one
 * when it also moved).
 */
function followMoves(paths: Iterable<string>, mutations: readonly Mutation[]): Map<string, string | undefined> {
  const where = new Map<string, string | undefined>([...paths].map((path) => [path, path]));
  for (const mutation of mutations) {
    for (const [origin, current] of where) {
      if (current === undefined) continue;
      if ((mutation.kind === 'delete' || mutation.kind === 'modify') && mutation.path === current) where.set(origin, undefined);
      if ((mutation.kind === 'rename' || mutation.kind === 'move') && mutation.from === current) where.set(origin, mutation.to);
      if (mutation.kind === 'move-folder' && current.startsWith(`${mutation.from}/`)) {
        where.set(origin, mutation.to + current.slice(mutation.from.length));
      }
    }
  }
  return where;
}

/** Every path a watcher would report for the mutations: both ends of a move. */
function touchedPaths(mutations: readonly Mutation[]): string[] {
  return [...new Set(mutations.flatMap((mutation) => ('path' in mutation ? [mutation.path] : [mutation.from, mutation.to])))];
}

describe('invariants on generated libraries', () => {
  it.each([
    ['codex', 11],
    ['realistic', 12],
    ['realistic', 13],
  ] as const)('converges after random changes and keeps ids of moved comics (%s, seed %i)', async (profile, seed) => {
    const root = join(tempDir(), 'library');
    await generateLibrary(root, { profile, seed, count: 40 });
    const db = openDatabase(join(tempDir(), 'incremental.sqlite'));
    try {
      await importLibrary(db, root, { workers: 1, chunkSize: 7 });
      const rng = createRng(seed);
      for (let round = 0; round < 3; round++) {
        const before = comicIdsByPath(db);
        const mutations = await mutateLibrary(root, rng, 12, { profile });
        await importLibrary(db, root, { workers: 2, chunkSize: 7 });
        const incremental = canonicalDump(db.$client);
        const fresh = await freshDump(root);
        for (const table of Object.keys(fresh)) {
          const extra = incremental[table]!.filter((row) => !fresh[table]!.includes(row));
          const missing = fresh[table]!.filter((row) => !incremental[table]!.includes(row));
          expect({ table, round, extra, missing }).toEqual({ table, round, extra: [], missing: [] });
        }

        const after = comicIdsByPath(db);
        for (const [origin, now] of followMoves(before.keys(), mutations)) {
          if (now === undefined) continue;
          expect(after.get(now), `${origin} -> ${now}`).toBe(before.get(origin));
        }
      }
    } finally {
      db.$client.close();
    }
  });

  it.each([
    ['codex', 14],
    ['realistic', 15],
  ] as const)('converges through scoped imports of the touched paths, as a watcher makes them (%s, seed %i)', async (profile, seed) => {
    const root = join(tempDir(), 'library');
    await generateLibrary(root, { profile, seed, count: 40 });
    const db = openDatabase(join(tempDir(), 'scoped.sqlite'));
    try {
      await importLibrary(db, root, { workers: 1 });
      const rng = createRng(seed);
      for (let round = 0; round < 3; round++) {
        const before = comicIdsByPath(db);
        const mutations = await mutateLibrary(root, rng, 8, { profile });
        const report = await importLibrary(db, root, { workers: 1, paths: touchedPaths(mutations) });
        // Scoped cleanup must leave no orphan behind: a fresh import has none.
        expect({ round, dump: canonicalDump(db.$client) }).toEqual({ round, dump: await freshDump(root) });
        expect(report.tags.removed + report.comics.deleted + report.comics.created + report.comics.updated + report.comics.moved).toBeGreaterThan(0);
        const after = comicIdsByPath(db);
        for (const [origin, now] of followMoves(before.keys(), mutations)) {
          if (now !== undefined) expect(after.get(now), `${origin} -> ${now}`).toBe(before.get(origin));
        }
      }
    } finally {
      db.$client.close();
    }
  });

  it('writes nothing on a second run without changes', async () => {
    const root = join(tempDir(), 'library');
    await generateLibrary(root, { profile: 'realistic', seed: 5, count: 60 });
    const db = openDatabase(join(tempDir(), 'db.sqlite'));
    try {
      await importLibrary(db, root, { workers: 2, chunkSize: 16 });
      const changes = db.$client.prepare('SELECT total_changes()').pluck().get();
      const report = await importLibrary(db, root, { workers: 2 });
      expect(db.$client.prepare('SELECT total_changes()').pluck().get()).toBe(changes);
      expect(report.comics).toMatchObject({ created: 0, updated: 0, deleted: 0, moved: 0, unchanged: 60 });
    } finally {
      db.$client.close();
    }
  });

  it('converges after being killed at random moments during a fresh import', async () => {
    const root = join(tempDir(), 'library');
    await generateLibrary(root, { profile: 'realistic', seed: 21, count: 120 });
    const dbPath = join(tempDir(), 'crash.sqlite');
    await killRepeatedly(dbPath, root, createRng(99), 6);
    await expectConverged(dbPath, root);
  });

  it('converges after being killed at random moments during an incremental import with moves', async () => {
    const root = join(tempDir(), 'library');
    await generateLibrary(root, { profile: 'realistic', seed: 31, count: 80 });
    const dbPath = join(tempDir(), 'crash.sqlite');
    await runSupportChild('import-child.ts', [dbPath, root, '10']);
    const rng = createRng(7);
    await mutateLibrary(root, rng, 30, { profile: 'realistic' });
    await killRepeatedly(dbPath, root, rng, 6);
    await expectConverged(dbPath, root);
  });
});

/** Kills an import child at random moments after it started importing, each run resuming the last. */
async function killRepeatedly(dbPath: string, root: string, rng: ReturnType<typeof createRng>, kills: number) {
  for (let kill = 0; kill < kills; kill++) await runSupportChild('import-child.ts', [dbPath, root, '10'], rng.int(0, 400));
}

async function expectConverged(dbPath: string, root: string) {
  const expected = await freshDump(root);
  await runSupportChild('import-child.ts', [dbPath, root, '10']);
  const db = openDatabase(dbPath);
  try {
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    expect(db.$client.prepare(`SELECT count(*) FROM comics c WHERE NOT EXISTS (SELECT 1 FROM comic_folders f WHERE f.comic_id = c.id)`).pluck().get()).toBe(0);
    expect(db.$client.prepare('SELECT count(*) FROM comics WHERE mtime < 0').pluck().get()).toBe(0);
    const dump = canonicalDump(db.$client);
    // The page lists are part of what must converge: one per comic.
    expect(dump.comic_pages).toHaveLength(dump.comics!.length);
    expect(dump).toEqual(expected);
  } finally {
    db.$client.close();
  }
}
