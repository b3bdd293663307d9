import { createError } from '../../errors';
import { assertLibraryRoot, isAtOrUnder } from '../../paths';

/**
 * Refuses to go on when the root is missing or unreadable, or when it is suddenly empty while the
 * library holds comics: an unmounted disk or a dropped network share looks exactly like that,
 * and deleting the whole library would lose every id that users' data hangs on.
 */
export function assertRootAvailable(root: string, storedCount: number, scannedFiles: number, options: { allowClear: boolean; partial: boolean }) {
  assertLibraryRoot(root, 'nothing was changed');
  if (storedCount > 0 && scannedFiles === 0 && !options.partial && !options.allowClear) {
    throw createError(
      'ROOT_UNAVAILABLE',
      `library root unavailable: ${root} holds no comics but the library has ${storedCount}; nothing was deleted (pass allowClear / --allow-clear to empty the library)`,
    );
  }
}

/** Stored comics under a folder the scan could not read are not known to be gone. */
export function isUnderUnreadable(path: string, unreadable: readonly { path: string }[]): boolean {
  return unreadable.some((entry) => isAtOrUnder(path, entry.path));
}
