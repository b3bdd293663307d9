import { createError } from '../../errors';
import { assertLibraryRoot, isAtOrUnder } from '../../paths';

/**
 * Refuses to go on when the root is missing or unreadable, or when it is suddenly empty while the
 * library holds comics: an unmounted disk or a dropped network share looks exactly like that,
 * and deleting the whole library would lose every id that users' data hangs on.
 */
export function assertRootAvailable(root: string, scannedFiles: number, storedCount: () => number, options: { allowClear: boolean; partial: boolean }) {
  assertLibraryRoot(root, 'nothing was changed');
  if (scannedFiles > 0 || options.partial || options.allowClear) return;
  const stored = storedCount();
  if (stored > 0) {
    throw createError(
      'ROOT_UNAVAILABLE',
      `library root unavailable: ${root} holds no comics but the library has ${stored}; nothing was deleted (pass allowClear / --allow-clear to empty the library)`,
    );
  }
}

/** Stored comics under a folder the scan could not read are not known to be gone: they are left out. */
export function* outsideUnreadable<T extends { path: string }>(comics: Iterable<T>, unreadable: readonly { path: string }[]): Generator<T> {
  if (unreadable.length === 0) {
    yield* comics;
    return;
  }
  for (const comic of comics) if (!unreadable.some((entry) => isAtOrUnder(comic.path, entry.path))) yield comic;
}
