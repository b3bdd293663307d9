import type { Database } from 'better-sqlite3';
import type { ReadOutcome } from '../read';
import type { OrphanCandidates } from './phases/cleanup';
import { type ComicWrites, createAndUpdateComics, finishComics, type ReadyComic } from './phases/create-update';
import { deleteComics } from './phases/delete';
import { type FailedFile, type FailureStatements, recordFailures } from './phases/failed';
import type { FolderTree } from './phases/folders';
import { linkComics, type LinkStatements } from './phases/link';
import { type PageStatements, writePageLists } from './phases/pages';
import type { ReferenceResolvers } from './phases/references';
import { indexForSearch, type SearchStatements } from './phases/search';
import type { ImportPhase } from './options';
import { type LinkKind, linkKinds } from './queries/link-tables';
import { selectStoredContent, selectStoredLinks, selectStoredSearch } from './queries/stored-comics';
import type { ReadItem } from '../walk/file-list';
import type { Timer } from './timer';

/** Runs a phase: its own transaction (unless tuned off), timed, after an abort check. */
export type PhaseRunner = <T>(name: ImportPhase, fn: () => T) => T;

/** What every chunk of one import writes with. */
export interface ChunkContext {
  client: Database;
  libraryId: number;
  statements: { comics: ComicWrites; links: LinkStatements; search: SearchStatements; failures: FailureStatements; pages: PageStatements };
  references: ReferenceResolvers;
  folders: FolderTree;
  /** Paths with a failed_imports row before this run: only they have one to remove. */
  failedBefore: ReadonlySet<string>;
  /** Comics that never completed: one that now fails to read has no links to keep and goes. */
  incomplete: ReadonlySet<number>;
  /** A scoped run's cleanup candidates (undefined for a full scan, which sweeps everything). */
  orphans: OrphanCandidates | undefined;
  phase: PhaseRunner;
  timer: Timer;
}

export type ChunkItem = ReadItem & { outcome: ReadOutcome };

export interface ChunkResult {
  created: number;
  updated: number;
  failed: number;
  warnings: { path: string; message: string }[];
}

/**
 * Writes one chunk of read files: the comics that read (create/update, links, search row, page list), the
 * failures, then the finish phase that marks them complete. Each phase is its own transaction.
 */
export function writeChunk(ctx: ChunkContext, chunk: readonly ChunkItem[]): ChunkResult {
  const { client, phase } = ctx;
  const ready: ReadyComic[] = [];
  const failed: FailedFile[] = [];
  const warnings: ChunkResult['warnings'] = [];
  for (const { file, comicId, outcome } of chunk) {
    if (outcome.ok) {
      ready.push({ file, comicId, record: outcome.comic });
      for (const message of outcome.warnings) warnings.push({ path: file.path, message });
    } else {
      failed.push({ file, reason: outcome.reason });
    }
  }
  const knownIds = ready.flatMap((item) => (item.comicId === undefined ? [] : [item.comicId]));
  // A comic that never completed and now fails to read has no links to keep: it goes.
  const abandoned = chunk.flatMap(({ comicId, outcome }) => (!outcome.ok && comicId !== undefined && ctx.incomplete.has(comicId) ? [comicId] : []));
  const stored = ctx.timer.time('query', () => {
    if (ctx.orphans) collectStoredReferences(client, abandoned, ctx.orphans);
    return {
      content: selectStoredContent(client, knownIds),
      links: selectEveryStoredLink(client, knownIds),
      search: selectStoredSearch(client, knownIds),
    };
  });
  if (ctx.orphans) addCandidates(ctx.orphans, stored.content.values(), stored.links);
  const context = { libraryId: ctx.libraryId, writes: ctx.statements.comics, references: ctx.references, folders: ctx.folders };
  const { written, created, updated } = phase('create', () => createAndUpdateComics(context, ready, stored.content));
  if (ctx.orphans) for (const comic of written) ctx.orphans.addContent(comic.content);
  phase('link', () => linkComics(ctx.statements.links, written, stored.links));
  phase('search', () => indexForSearch(ctx.statements.search, written, stored.search));
  // createAndUpdateComics writes one comic per ready file, in order.
  phase('pages', () => writePageLists(ctx.statements.pages, written.map((comic, i) => ({ id: comic.id, pages: ready[i]!.record.pages }))));
  phase('failed', () =>
    recordFailures(ctx.statements.failures, ctx.libraryId, failed, ready.flatMap(({ file }) => (ctx.failedBefore.has(file.path) ? [file.path] : []))),
  );
  phase('delete', () => deleteComics(client, abandoned));
  phase('finish', () => finishComics(ctx.statements.comics, written));
  return { created, updated, failed: failed.length, warnings };
}

/**
 * What comics about to be deleted point at, as cleanup candidates of a scoped run (their join
 * rows go by cascade, so this is the last moment they can be read).
 */
export function collectStoredReferences(client: Database, ids: readonly number[], orphans: OrphanCandidates): void {
  if (ids.length === 0) return;
  addCandidates(orphans, selectStoredContent(client, ids).values(), selectEveryStoredLink(client, ids));
}

/** The stored links of `ids`, per link table. */
function selectEveryStoredLink(client: Database, ids: readonly number[]): Map<LinkKind, Map<number, number[]>> {
  return new Map(linkKinds.map((kind) => [kind, selectStoredLinks(client, kind, ids)]));
}

function addCandidates(orphans: OrphanCandidates, content: Iterable<readonly (string | number | null)[]>, links: ReadonlyMap<LinkKind, ReadonlyMap<number, number[]>>) {
  for (const values of content) orphans.addContent(values);
  for (const [kind, byComic] of links) for (const targets of byComic.values()) orphans.addLinks(kind, targets);
}
