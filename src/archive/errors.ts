import { LongboxError } from '../errors';
import { describeFsError } from '../fs-errors';

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

/** A file a reader had in hand and then lost: said as what happened while it was being read. */
const GONE_WHILE_READING: Record<string, string> = {
  ENOENT: 'the file is gone (moved or deleted while longbox was reading)',
  ENOTDIR: 'the file is gone (a folder on its path was replaced)',
};

/** A file the operating system would not let us read, as a reason (see describeFsError). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `cannot read file: ${(code !== undefined && GONE_WHILE_READING[code]) || describeFsError(error)}`;
}
