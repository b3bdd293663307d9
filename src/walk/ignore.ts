/** Names that never hold comics: hidden files, OS and NAS litter. Checked per path part. */
const IGNORED_NAMES = new Set(['__macosx', '@eadir', '#recycle', 'thumbs.db', 'desktop.ini']);

/**
 * Comic archives by extension; the plain archive extensions count too (Komga and Kavita take
 * them, and the format is read from the file's magic bytes anyway).
 */
export const COMIC_EXTENSIONS = new Set(['.cbz', '.cbr', '.cb7', '.cbt', '.pdf', '.zip', '.rar', '.7z', '.tar']);

export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || IGNORED_NAMES.has(name.toLowerCase());
}

export function isComicFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && COMIC_EXTENSIONS.has(name.slice(dot).toLowerCase());
}

/** True when any part of a library-relative path ('/'-separated) is ignored. */
export function isIgnoredPath(relativePath: string): boolean {
  return relativePath.split('/').some(isIgnoredName);
}
