import Database from 'better-sqlite3';
import { ZodError } from 'zod';
import { LongboxError } from '../index';
import { CliError, EXIT } from './exit';

export interface FailureReport {
  /** One line, without the `longbox: ` prefix. */
  message: string;
  exitCode: number;
}

/** Maps anything a command throws to the one line a person reads and the exit status. */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof LongboxError) return describeLongboxError(error);
  if (error instanceof Database.SqliteError) return { message: `database error (${error.code}): ${error.message}`, exitCode: EXIT.fatal };
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
    return { message: `invalid option: ${issues}`, exitCode: EXIT.fatal };
  }
  if (isParseArgsError(error)) return { message: `${firstSentence(error.message)} (see --help)`, exitCode: EXIT.fatal };
  if (error instanceof Error && error.name === 'AbortError') return { message: INTERRUPTED, exitCode: EXIT.interrupted };
  const text = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${text} (set LONGBOX_DEBUG=1 for the stack trace)`, exitCode: EXIT.fatal };
}

const INTERRUPTED = 'import interrupted; the work committed so far is kept, and running the same command again completes it';

function describeLongboxError(error: LongboxError): FailureReport {
  switch (error.code) {
    case 'ABORTED':
      return { message: INTERRUPTED, exitCode: EXIT.interrupted };
    case 'ROOT_UNAVAILABLE':
      // The importer's message already starts with "library root unavailable:".
      return { message: error.message, exitCode: EXIT.fatal };
    case 'MIGRATION_FAILED':
    case 'FOREIGN_KEY_VIOLATION':
      return { message: `database migration failed: ${error.message}`, exitCode: EXIT.fatal };
    case 'USAGE':
    case 'BUSY':
    case 'ARCHIVE':
    case 'ASYNC_PHASE':
    case 'INTERNAL':
      return { message: error.message, exitCode: EXIT.fatal };
  }
}

/** node:util parseArgs throws TypeErrors whose code starts with ERR_PARSE_ARGS_. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && String((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS_');
}

/** parseArgs appends a paragraph about `--`; the first sentence is the part people need. */
function firstSentence(message: string): string {
  const end = message.search(/\.\s/);
  return end === -1 ? message : message.slice(0, end);
}

/** The stack and causes, for LONGBOX_DEBUG=1. */
export function debugDetails(error: unknown): string {
  const lines: string[] = [];
  for (let current: unknown = error; current !== undefined; current = (current as { cause?: unknown }).cause) {
    lines.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    if (!(current instanceof Error)) break;
  }
  return lines.join('\ncaused by: ');
}
