import { lstatSync } from 'node:fs';

/**
 * What a file system error means for the file, as a reason a person can act on. Node's messages
 * name the system call, the error code and the absolute path ("EACCES: permission denied, open
 * '/home/...'"): none of that goes into a stored reason or a report.
 */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied: give this user read access to it',
  EPERM: 'permission denied: give this user read access to it',
  ENOENT: 'not found',
  ENOTDIR: 'a part of its path is not a folder any more',
  ELOOP: 'a loop of symbolic links: fix or remove the link',
  ENAMETOOLONG: 'its path is too long for the file system: shorten the names of it or its folders',
  EIO: 'input/output error (disk or network share): check the disk or the connection',
  EMFILE: 'too many open files: raise the open file limit (ulimit -n) and import again',
  ENFILE: 'too many open files: raise the open file limit (ulimit -n) and import again',
  ESTALE: 'the network share dropped it (stale file handle): mount the share again',
  ETIMEDOUT: 'the disk or network share did not answer in time',
  EHOSTDOWN: 'the network share is unreachable',
  ENOTCONN: 'the network share is disconnected',
  EBUSY: 'the file is busy (locked by another program)',
  EISDIR: 'it is a folder, not a file',
  ENXIO: 'the device holding it is gone',
  ENODEV: 'the device holding it is gone',
  EAGAIN: 'it is not ready to be read (a pipe or a device?)',
};

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && REASONS[code]) || 'the file system refused to read it';
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Whether a path may name something: lstat finds it, or fails for another reason than its absence
 * (permission, a dropped share). A display name is tried as written before its bytes
 * (src/path-bytes.ts), and only a name certainly not there moves on to them.
 */
export function mayExist(path: string | Buffer): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    return !isNotFound(error);
  }
}
