import type { ArchiveEntry } from './types';

/**
 * A page is an image entry. macOS zips carry `__MACOSX/._page.jpg` resource forks and hidden
 * dot-files that look like images by name but are not pages. A `./` part is no dot-file: `tar -cf
 * x.cbt -C pages .` names every entry `./01.png`.
 */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'jxl', 'bmp', 'tif', 'tiff', 'heic']);

export function isPageEntry(entry: ArchiveEntry): boolean {
  if (entry.isDirectory) return false;
  // The extension alone rules out most non-pages, before any splitting.
  const { name } = entry;
  if (!IMAGE_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) return false;
  const parts = entry.name.split('/');
  if (parts.some((part) => (part.startsWith('.') && part !== '.') || part === '__MACOSX')) return false;
  const file = parts.at(-1) ?? '';
  const dot = file.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.has(file.slice(dot + 1).toLowerCase());
}

/**
 * The entries that are pages, in archive order. A name listed twice (a tar appended to with `tar
 * -r`, a zip appended to in place) is one page: every reader reads a name's first entry, so a
 * second page of that name could never be served.
 */
export function pageEntries<E extends ArchiveEntry>(entries: readonly E[]): E[] {
  const names = new Set<string>();
  const pages: E[] = [];
  for (const entry of entries) {
    if (!isPageEntry(entry) || names.has(entry.name)) continue;
    names.add(entry.name);
    pages.push(entry);
  }
  return pages;
}
