import { realpathSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { databaseFileOf, type LongboxDb, migrate, openDatabase, runPhase, withImportPragmas } from '../db';
import { createError, LongboxError } from '../errors';
import { parseFilename } from '../metadata';
import { createReadPool, type ReadOutcome } from '../read';
import { acquireImportLock } from './import-lock';
import { type ImportOptions, importOptionsSchema, type ResolvedImportOptions } from './options';
import { deleteComics } from './phases/delete';
import { type CreateUpdateContext, createAndUpdateComics, finishComics, INCOMPLETE_MTIME, prepareComicWrites, type ReadyComic } from './phases/create-update';
import { prepareCleanupStatements, removeOrphans } from './phases/cleanup';
import { type FailedFile, prepareFailureStatements, recordFailures } from './phases/failed';
import { createFolderTree } from './phases/folders';
import { linkComics, prepareLinkStatements } from './phases/link';
import { applyMoves } from './phases/move';
import { preparePageStatements, writePageLists } from './phases/pages';
import { createReferenceResolvers } from './phases/references';
import { indexForSearch, prepareSearchStatements } from './phases/search';
import { createProgressReporter, type ProgressReporter } from './progress';
import { findLibrary, findOrCreateLibrary } from './queries/library';
import { type LinkKind, linkKinds } from './queries/link-tables';
import { selectStoredContent, selectStoredFailures, selectStoredLinks, selectStoredSearch, selectStoredStats } from './queries/stored-comics';
import type { ImportReport } from './report';
import { diffLibrary, type Move } from './scan/diff';
import { assertRootAvailable, isUnderUnreadable } from './scan/guard';
import { pairByFingerprint } from './scan/pair-by-fingerprint';
import { existsOnDisk, type FileStat, walkLibrary } from './scan/walk';

/**
 * Imports the comics under `root` into the database and keeps them in step with the folder on
 * every later run: the only place that knows the order of the phases.
 *
 * scan -> diff -> move -> (read -> query -> create/update -> link -> search -> failed -> finish)
 * per chunk -> delete -> cleanup -> folders. Each DB phase is its own transaction; a crash or an
 * abort at any point leaves a database the next run completes.
 */
export async function importLibrary(target: LongboxDb | string, root: string, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = importOptionsSchema.safeParse(options);
  if (!parsed.success) throw createError('USAGE', `invalid import options: ${z.prettifyError(parsed.error)}`, parsed.error);
  const resolved: ResolvedImportOptions = { ...parsed.data, signal: options.signal, onProgress: options.onProgress };
  const db = typeof target === 'string' ? openDatabase(target) : target;
  const file = databaseFileOf(db);
  let releaseLock: (() => void) | undefined;
  try {
    releaseLock = typeof file === 'string' ? acquireImportLock(file) : undefined;
    migrate(db);
    const { cacheSize, walAutocheckpoint } = resolved.tuning;
    return await withImportPragmas(db, () => runImport(db, libraryRoot(root), resolved), {
      cacheSizeKiB: resolved.cacheSizeKiB,
      knobs: { cacheSize, walAutocheckpoint },
    });
  } catch (error) {
    if (resolved.signal?.aborted && !(error instanceof LongboxError)) {
      throw createError('ABORTED', 'import aborted; committed work is kept and the next run completes it', error);
    }
    throw error;
  } finally {
    releaseLock?.();
    if (typeof target === 'string') db.$client.close();
  }
}

async function runImport(db: LongboxDb, root: string, options: ResolvedImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const client = db.$client;
  const timings: ImportReport['phases'] = {};
  const progress = createProgressReporter(options.onProgress);
  const { signal } = options;
  const timed = <T>(phase: keyof ImportReport['phases'], fn: () => T): T => {
    const start = performance.now();
    try {
      return fn();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    }
  };
  const phase = <T>(name: keyof ImportReport['phases'], fn: () => T): T => {
    signal?.throwIfAborted();
    return options.tuning.phaseTransactions ? runPhase(db, name, fn, timings) : timed(name, fn);
  };

  const knownLibraryId = findLibrary(db, root);
  // A scope that includes the root ('' or '.') is a full scan, with every safety check of one.
  const scopePaths = options.paths?.map(normalizeRelative);
  const partial = scopePaths !== undefined && !scopePaths.includes('');
  // Scopes inside another scope would list their comics twice.
  const scope = partial ? [...new Set(scopePaths)].filter((path) => !scopePaths.some((outer) => path.startsWith(`${outer}/`))) : undefined;

  const scanStarted = performance.now();
  const scan = await walkLibrary(root, { subPaths: scope, signal });
  timings.scan = performance.now() - scanStarted;
  progress('scan', scan.files.length, scan.files.length);
  const { stored, failures } = timed('scan', () => ({
    stored: knownLibraryId === undefined ? [] : selectStoredStats(client, knownLibraryId, scope),
    failures: knownLibraryId === undefined ? [] : selectStoredFailures(client, knownLibraryId, scope),
  }));
  assertRootAvailable(root, stored.length, scan.files.length, { allowClear: options.allowClear, partial });
  // Created only now: a mistyped or missing root leaves no library row behind.
  const libraryId = knownLibraryId ?? findOrCreateLibrary(db, root);

  // Comics under a folder that could not be read are not known to be gone: keep them as they are.
  const present = stored.filter((comic) => !isUnderUnreadable(comic.path, scan.unreadable));
  const folders = createFolderTree(client, libraryId, root, new Map(scan.folders.map((folder) => [folder.path, folder])));
  const diff = timed('scan', () =>
    pairByFingerprint(
      diffLibrary(scan.files, present, failures, { force: options.force, folders: { stored: folders.stored(), scanned: scan.folders } }),
      root,
    ),
  );

  const references = createReferenceResolvers(client);
  const statements = {
    comics: prepareComicWrites(client),
    links: prepareLinkStatements(client),
    search: prepareSearchStatements(client),
    failures: prepareFailureStatements(client),
    pages: preparePageStatements(client),
  };
  const createContext: CreateUpdateContext = { libraryId, writes: statements.comics, references, folders };

  const movedPaths = new Map(diff.moved.map((move) => [move.file.path, move.id]));
  const displaced = diff.deleted.filter((comic) => movedPaths.has(comic.path));

  const counts = { created: 0, updated: 0, failed: 0 };
  const warnings: ImportReport['warnings'] = { count: 0, sample: [] };
  const incomplete = new Set(stored.filter((comic) => comic.mtime === INCOMPLETE_MTIME).map((comic) => comic.id));
  const failedBefore = new Set(failures.map((failure) => failure.path));
  const renamed = renamesThatChangeMetadata(diff.moved, diff.modified);
  const toRead: { file: FileStat; comicId: number | undefined }[] = [
    ...diff.modified.map(({ id, file }) => ({ file, comicId: id })),
    ...renamed.map(({ id, file }) => ({ file, comicId: id })),
    ...diff.created.map((file) => ({ file, comicId: undefined })),
  ];
  // Moved comics that are read again keep a stale mtime until then (see STALE_MTIME).
  const movedIds = new Set(diff.moved.map((move) => move.id));
  const stale = new Set([...renamed.map((move) => move.id), ...diff.modified.filter((change) => movedIds.has(change.id)).map((change) => change.id)]);
  phase('move', () => applyMoves(client, folders, diff.folderMoves, diff.moved, displaced.map((comic) => comic.id), diff.restat, stale));
  const writeChunk = (chunk: readonly { file: FileStat; comicId: number | undefined; outcome: ReadOutcome }[]) => {
    const ready: ReadyComic[] = [];
    const failed: FailedFile[] = [];
    for (const { file, comicId, outcome } of chunk) {
      if (outcome.ok) {
        ready.push({ file, comicId, record: outcome.comic });
        warnings.count += outcome.warnings.length;
        for (const message of outcome.warnings.slice(0, WARNING_SAMPLE - warnings.sample.length)) warnings.sample.push({ path: file.path, message });
      } else {
        failed.push({ file, reason: outcome.reason });
      }
    }
    const knownIds = ready.flatMap((item) => (item.comicId === undefined ? [] : [item.comicId]));
    const stored = timed('query', () => ({
      content: selectStoredContent(client, knownIds),
      links: new Map<LinkKind, Map<number, number[]>>(linkKinds.map((kind) => [kind, selectStoredLinks(client, kind, knownIds)])),
      search: selectStoredSearch(client, knownIds),
    }));
    const { written, created, updated } = phase('create', () => createAndUpdateComics(createContext, ready, stored.content));
    phase('link', () => linkComics(statements.links, written, stored.links));
    phase('search', () => indexForSearch(statements.search, written, stored.search));
    // createAndUpdateComics writes one comic per ready file, in order.
    phase('pages', () => writePageLists(statements.pages, written.map((comic, i) => ({ id: comic.id, pages: ready[i]!.record.pages }))));
    // A comic that never completed and now fails to read has no links to keep: it goes.
    const abandoned = chunk.flatMap(({ comicId, outcome }) => (!outcome.ok && comicId !== undefined && incomplete.has(comicId) ? [comicId] : []));
    phase('failed', () => {
      // Only paths that failed before have a row to remove: no statement per imported file.
      recordFailures(statements.failures, libraryId, failed, ready.flatMap(({ file }) => (failedBefore.has(file.path) ? [file.path] : [])));
      deleteComics(client, abandoned);
    });
    phase('finish', () => finishComics(statements.comics, written));
    counts.created += created;
    counts.updated += updated;
    counts.failed += failed.length;
  };
  await readInChunks(root, toRead, options, progress, timings, (chunk) => writeChunk(chunk));

  const vanished = diff.deleted.filter((comic) => !movedPaths.has(comic.path) && !existsOnDisk(root, comic.path));
  const deleted = phase('delete', () => {
    const onDisk = new Set(scan.files.map((file) => file.path));
    const removedFailures = failures.filter((failure) => !onDisk.has(failure.path));
    recordFailures(statements.failures, libraryId, [], removedFailures.map((failure) => failure.path));
    return deleteComics(client, vanished.map((comic) => comic.id)) + displaced.length;
  });
  const removed = phase('cleanup', () => removeOrphans(prepareCleanupStatements(client), libraryId));
  phase('folders', () => folders.updateStats());

  const totalMs = performance.now() - started;
  const { created, updated, failed } = counts;
  return {
    libraryId,
    root,
    comics: { created, updated, failed, unchanged: diff.unchanged, moved: diff.moved.length, deleted, stillFailed: diff.stillFailed },
    warnings,
    tags: { created: references.createdCount(), removed: removed.tags },
    folders: { created: folders.createdCount(), removed: removed.folders },
    unreadable: scan.unreadable,
    phases: Object.fromEntries(Object.entries(timings).map(([name, ms]) => [name, Math.round(ms * 10) / 10])),
    totalMs: Math.round(totalMs),
    comicsPerSecond: Math.round(((created + updated + failed) * 1000) / Math.max(totalMs, 1)),
  };
}

const FIRST_CHUNK = 100;
/** Metadata warnings listed in the report; the rest are only counted. */
const WARNING_SAMPLE = 20;

/** Below this many files per worker, starting another worker costs more than it reads. */
const FILES_PER_WORKER_START = 250;

/**
 * Reads files on the worker pool and hands them over in chunks; the pool keeps reading the next
 * chunk while `write` (synchronous) runs on this thread. Time spent here waiting for the pool is
 * the "read" phase of the report (what reading costs beyond what overlaps with writing).
 */
async function readInChunks<T extends { file: FileStat }>(
  root: string,
  items: readonly T[],
  options: ResolvedImportOptions,
  progress: ProgressReporter,
  timings: ImportReport['phases'],
  write: (chunk: (T & { outcome: ReadOutcome })[]) => void,
): Promise<void> {
  if (items.length === 0) return;
  const started = performance.now();
  let writing = 0;
  // Keyed by the relative path the item already holds; absolute paths are made one at a time as
  // the pool pulls them, so a 600k-file import does not keep 600k extra strings alive.
  const byPath = new Map(items.map((item) => [item.file.path, item]));
  const absolutePaths = function* () {
    for (const item of items) yield join(root, item.file.path);
  };
  const prefixLength = join(root, 'x').length - 1;
  progress('read', 0, items.length);
  const pool = createReadPool({
    // A worker costs a fraction of a second to start: small batches (watch mode) use fewer.
    workers: Math.min(options.workers, Math.ceil(items.length / FILES_PER_WORKER_START)),
    signal: options.signal,
    maxEntryBytes: options.maxEntryBytes,
    readAhead: options.chunkSize,
  });
  let chunk: (T & { outcome: ReadOutcome })[] = [];
  let done = 0;
  // The first chunks are small so writing starts early instead of idling through a whole chunk's
  // read; they double up to chunkSize.
  let threshold = Math.min(options.chunkSize, FIRST_CHUNK);
  const flush = () => {
    const start = performance.now();
    write(chunk);
    writing += performance.now() - start;
    done += chunk.length;
    progress('read', done, items.length);
    chunk = [];
    threshold = Math.min(options.chunkSize, threshold * 2);
  };
  try {
    for await (const outcome of pool.read(absolutePaths())) {
      chunk.push({ ...byPath.get(outcome.path.slice(prefixLength))!, outcome });
      if (chunk.length >= threshold) flush();
    }
    if (chunk.length > 0) flush();
  } finally {
    await pool.close();
    timings.read = (timings.read ?? 0) + performance.now() - started - writing;
  }
}

/**
 * The file name is a metadata source (the lowest), so a rename that changes what the name says
 * needs a re-read; a move to another folder under the same name does not.
 */
function renamesThatChangeMetadata(moved: readonly Move[], modified: readonly { id: number }[]): Move[] {
  const rereading = new Set(modified.map((change) => change.id));
  return moved.filter(
    ({ id, from, file }) =>
      !rereading.has(id) && JSON.stringify(parseFilename(basename(from))) !== JSON.stringify(parseFilename(basename(file.path))),
  );
}

/**
 * The library's key: the real path when the root exists (a symlinked or relative spelling is the
 * same library), the resolved path when it does not (the root check then reports it).
 */
function libraryRoot(root: string): string {
  try {
    return realpathSync(resolve(root));
  } catch {
    return resolve(root);
  }
}

function normalizeRelative(path: string): string {
  // A backslash separates only on Windows: elsewhere it is part of a name (and of escaped names).
  return path.split(sep === '\\' ? /[\\/]+/ : /\/+/).filter((part) => part !== '' && part !== '.').join('/');
}
