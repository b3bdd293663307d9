import { normalizeLibraryPath } from '../../paths';

/**
 * The paths of a scoped run, or undefined for a full scan (no paths, or one that includes the
 * root, which then gets every safety check of a full scan). Paths inside another listed path
 * are dropped: they would list their comics twice.
 */
export function scopeOf(paths: readonly string[] | undefined): string[] | undefined {
  if (!paths) return undefined;
  const normalized = [...new Set(paths.map(normalizeLibraryPath))];
  if (normalized.includes('')) return undefined;
  return normalized.filter((path) => !normalized.some((outer) => path.startsWith(`${outer}/`)));
}
