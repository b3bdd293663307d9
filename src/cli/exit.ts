/*
 * What a command needs to end: the exit statuses and the error for a failure the CLI detects.
 * Kept apart from errors.ts, which loads the whole API to classify failures, so `--help` does not.
 */

/** The exit statuses scripts can rely on (README, "CLI"). */
export const EXIT = {
  ok: 0,
  /** The import finished, but some files could not be imported (see `longbox failed`). */
  filesFailed: 1,
  /** Wrong usage, or the run could not be done at all. */
  fatal: 2,
  /** 128 + SIGINT, as shells report a Ctrl-C. */
  interrupted: 130,
} as const;

/**
 * A failure the CLI itself detects (a flag, a missing database file): its message is already the
 * line to print.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.fatal,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
