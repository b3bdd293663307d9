import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes hashed at each end: a zip's tail alone holds every entry's name, CRC and size. */
const SPAN = 16 * 1024;

/**
 * A cheap content fingerprint: size plus a hash of the first and last 16 KiB. Two files with the
 * same fingerprint are, for move detection, the same file even when their inodes differ (copies,
 * network shares, rewrites); it is only ever compared between files of equal size.
 */
export function fingerprintFile(path: string, size: number): string {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha1');
    const head = Buffer.allocUnsafe(Math.min(SPAN, size));
    hash.update(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    if (size > SPAN) {
      const tailLength = Math.min(SPAN, size - SPAN);
      const tail = Buffer.allocUnsafe(tailLength);
      hash.update(tail.subarray(0, readSync(fd, tail, 0, tailLength, size - tailLength)));
    }
    return `${size}:${hash.digest('base64url')}`;
  } finally {
    closeSync(fd);
  }
}
