import { LongboxError } from '../errors';

/** Archive failures share one code; the message is the reason a person reads. */
export function archiveError(message: string, cause?: unknown): LongboxError {
  return new LongboxError('ARCHIVE', message, cause === undefined ? undefined : { cause });
}

export function entryNotFound(name: string): LongboxError {
  return archiveError(`entry not found: ${name}`);
}

export function entryTooLarge(name: string, size: number, maxBytes: number): LongboxError {
  return archiveError(`entry too large: ${name} is ${size} bytes, the limit is ${maxBytes}`);
}

export function entryInflatesPastCap(name: string, maxBytes: number): LongboxError {
  return archiveError(`entry too large: ${name} inflates past the limit of ${maxBytes} bytes`);
}

/**
 * What an operating-system error means for the file, as a person would say it: never the code or
 * Node's message, which carry the absolute path and mean nothing to someone sorting their comics.
 */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'the file is gone (moved or deleted while longbox was reading)',
  ENOTDIR: 'the file is gone (a folder on its path was replaced)',
  EACCES: 'permission denied (longbox may not read this file)',
  EPERM: 'permission denied (longbox may not read this file)',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'it is a symbolic link that points to itself',
  ENAMETOOLONG: 'its path is too long for the file system',
  EMFILE: 'too many files are open at once (raise the open-file limit and import again)',
  ENFILE: 'too many files are open at once (raise the open-file limit and import again)',
  EIO: 'the disk reported an error (check the drive)',
  ENXIO: 'the device holding it is gone',
  ENODEV: 'the device holding it is gone',
  ETIMEDOUT: 'the network drive did not answer',
  ESTALE: 'the network drive lost track of it (mount it again)',
  EBUSY: 'another program holds it locked',
  EAGAIN: 'it is not ready to be read (a pipe or a device?)',
};

export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `cannot read file: ${(code && FILE_ERRORS[code]) ?? 'the operating system refused to read it'}`;
}
