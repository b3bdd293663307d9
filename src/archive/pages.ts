import type { ArchiveEntry } from './types';

/**
 * A page is an image entry. macOS zips carry `__MACOSX/._page.jpg` resource forks and hidden
 * dot-files that look like images by name but are not pages.
 */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'jxl', 'bmp', 'tif', 'tiff', 'heic']);

export function isPageEntry(entry: ArchiveEntry): boolean {
  if (entry.isDirectory) return false;
  // The extension alone rules out most non-pages, before any splitting.
  const { name } = entry;
  if (!IMAGE_EXTENSIONS.has(name.slice(name.lastIndexOf('.') + 1).toLowerCase())) return false;
  const parts = entry.name.split('/');
  if (parts.some((part) => part.startsWith('.') || part === '__MACOSX')) return false;
  const file = parts.at(-1) ?? '';
  const dot = file.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.has(file.slice(dot + 1).toLowerCase());
}

export function countPages(entries: readonly ArchiveEntry[]): number {
  let pages = 0;
  for (const entry of entries) if (isPageEntry(entry)) pages++;
  return pages;
}
