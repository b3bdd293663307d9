import type { ZodError } from 'zod';

/**
 * One error class for the whole package. `code` is stable and machine-readable (the CLI maps it
 * to an exit status); `message` is a sentence a person can act on; `cause` keeps the original.
 */
export type LongboxErrorCode =
  | 'ASYNC_PHASE'
  | 'MIGRATION_FAILED'
  | 'FOREIGN_KEY_VIOLATION'
  | 'ROOT_UNAVAILABLE'
  | 'ABORTED'
  | 'USAGE'
  | 'BUSY'
  | 'ARCHIVE'
  | 'INTERNAL';

export class LongboxError extends Error {
  override readonly name = 'LongboxError';
  constructor(
    readonly code: LongboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function createError(code: LongboxErrorCode, message: string, cause?: unknown): LongboxError {
  return new LongboxError(code, message, cause === undefined ? undefined : { cause });
}

/**
 * A USAGE error for options a schema refused, on one line that names each option:
 * "invalid import options: workers: Too big: expected number to be <=256". (zod's own
 * prettifyError spreads each problem over two lines, which a CLI's one-line errors cannot carry.)
 */
export function invalidOptions(what: string, error: ZodError): LongboxError {
  const problems = error.issues.map(({ path, message }) => (path.length === 0 ? message : `${path.map(String).join('.')}: ${message}`));
  return createError('USAGE', `invalid ${what} options: ${problems.join('; ')}`, error);
}
