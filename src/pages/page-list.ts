import { pageEntries } from '../archive/pages';
import type { ArchiveEntry } from '../archive/types';
import type { ComicInfoPage } from '../metadata';
import type { ComicPage } from '../schema/comic-page';
import { mediaTypeOf, PDF_PAGE_MEDIA_TYPE } from './media-type';
import { sortEntryNames } from './natural-order';

// The zod schema of a page, for the read record (from its own file: the worker loads no drizzle).
export { comicPageSchema, type ComicPage } from '../schema/comic-page';

/**
 * A comic's pages in reading order, from the archive's listing alone (no page is read): the
 * entries the page rule admits (the same rule as page_count), naturally sorted, with what
 * ComicInfo `<Pages>` says of each (matched by its `Image` index in that order).
 */
export function pageListOf(entries: readonly ArchiveEntry[], described: readonly ComicInfoPage[] = []): ComicPage[] {
  const pages: ComicPage[] = sortEntryNames(pageEntries(entries), (entry) => entry.name).map((entry) => ({
    entry: entry.name,
    size: entry.size,
    mediaType: mediaTypeOf(entry.name),
  }));
  return describePages(pages, described);
}

/** A PDF's pages are rendered by number: no entry, no stored size. */
export function pdfPageList(pageCount: number, described: readonly ComicInfoPage[] = []): ComicPage[] {
  return describePages(Array.from({ length: pageCount }, () => ({ mediaType: PDF_PAGE_MEDIA_TYPE })), described);
}

/** The page a cover is made from: ComicInfo's FrontCover, else the first. */
export function coverIndexOf(pages: readonly ComicPage[]): number {
  return Math.max(0, pages.findIndex((page) => page.kind === 'FrontCover'));
}

function describePages(pages: ComicPage[], described: readonly ComicInfoPage[]): ComicPage[] {
  for (const { image, kind, doublePage, width, height } of described) {
    const page = pages[image];
    if (page === undefined) continue;
    // Only what the tagger said is added: a key holding undefined would not survive the JSON column.
    if (kind !== undefined) page.kind = kind;
    if (doublePage) page.doublePage = true;
    if (width !== undefined) page.width = width;
    if (height !== undefined) page.height = height;
  }
  return pages;
}
