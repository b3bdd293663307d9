import type { ParseArgsConfig } from 'node:util';

/** A stream the CLI writes to; `isTTY` and `columns` decide how progress is drawn. */
export interface CliOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** LONGBOX_DEBUG=1: print stack traces after the one-line error. */
  debug: boolean;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
}

/**
 * A `longbox <name>` command as `longbox --help` lists it. The command itself is loaded only when
 * it runs: each one imports what it needs, and `--help` imports none of them.
 */
export interface CommandEntry {
  name: string;
  /** The usage line shown in `longbox --help`, e.g. `import <folder>`. */
  synopsis: string;
  summary: string;
  load(): Promise<Command>;
}

/** One command once loaded: its flags for parseArgs, its help, and what it does. */
export interface Command {
  /** The body of `longbox <name> --help`. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the exit status; throws for a run-level failure (mapped in errors.ts). */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
