import { createHash } from 'node:crypto';
import { ArchiveFile } from '../archive/file';

/**
 * The importer opens stored paths as the readers do (move pairing). Exported from here, beside
 * the fingerprint it serves, so pairing moves loads no reader.
 */
export { openablePath } from '../archive/openable-path';

/** Bytes hashed at each end: a zip's tail alone holds every entry's name, CRC and size. */
const SPAN = 16 * 1024;

/**
 * A cheap content fingerprint: size plus a hash of the first and last 16 KiB. Two files with the
 * same fingerprint are, for move detection, the same file even when their inodes differ (copies,
 * network shares, rewrites); it is only ever compared between files of equal size.
 */
export function fingerprintFile(path: string, size: number): string {
  const file = ArchiveFile.open(path);
  try {
    return fingerprintOf(file, size);
  } finally {
    file.close();
  }
}

/** The fingerprint of an open file, from the ends its archive reader has usually read already. */
export function fingerprintOf(file: ArchiveFile, size = file.size): string {
  const hash = createHash('sha1');
  hash.update(file.head(Math.min(SPAN, size)));
  if (size > SPAN) hash.update(file.tail(Math.min(SPAN, size - SPAN)));
  return `${size}:${hash.digest('base64url')}`;
}
