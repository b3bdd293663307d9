import { basename, dirname, join, resolve } from 'node:path';
import { resolveTyped } from '../paths';
import { CliError } from './exit';
import type { OptionValues } from './command';
import { renderTable } from './table';

/** The database file every command uses unless `--db` says otherwise (relative to the cwd). */
export const DEFAULT_DB_PATH = 'longbox.sqlite';

export const dbOption = { db: { type: 'string', short: 'd' } } as const;
export const jsonOption = { json: { type: 'boolean' } } as const;

/** Help lines of the shared flags, as [flags, description] for `renderOptions`. */
export const DB_HELP = ['-d, --db FILE', `the SQLite database (default ./${DEFAULT_DB_PATH})`] as const;
export const JSON_HELP = ['--json', 'print JSON to stdout instead of a table'] as const;
export const HELP_HELP = ['-h, --help', 'show this help'] as const;

/** The "Options:" block of a command's help, descriptions aligned. */
export function renderOptions(rows: readonly (readonly [string, string])[]): string {
  return `Options:\n${renderTable(rows.map(([flags, text]) => [flags.startsWith('--') ? `    ${flags}` : flags, text]), { indent: '  ' })}`;
}

export function dbPathOf(values: OptionValues): string {
  const path = stringOption(values, 'db');
  // An empty --db (an unset shell variable) would open a temporary database and lose the import.
  if (path === '') throw new CliError('--db needs a file name, got an empty one');
  const file = path ?? DEFAULT_DB_PATH;
  // longbox knows a database by its real path, as text (src/db/open.ts): a folder whose path is
  // not valid UTF-8 has none.
  const folder = resolveTyped(dirname(file));
  if ('notUtf8' in folder) throw new CliError(`database ${file}: its folder's path is not valid UTF-8 (${folder.notUtf8}): pass --db with a path that is`);
  // Resolved by the kernel (see resolveTyped): the name as typed would be joined to the lossy cwd again.
  return folder.path === resolve(dirname(file)) ? file : join(folder.path, basename(file));
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values a numeric flag takes. */
export interface IntegerRange {
  min: number;
  max?: number;
}

/** The range a zod number schema allows (z.number().min(a).max(b)), so a flag and its option agree. */
export function rangeOf(schema: { minValue: number | null; maxValue: number | null }): IntegerRange {
  return { min: schema.minValue ?? 0, ...(schema.maxValue !== null && Number.isFinite(schema.maxValue) && { max: schema.maxValue }) };
}

/** A whole number within `range`, or undefined when the flag is absent. */
export function integerOption(values: OptionValues, name: string, { min, max }: IntegerRange): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    const allowed = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new CliError(`--${name} must be a whole number ${allowed}, got "${text}"`);
  }
  return value;
}

/** Exactly one positional argument, named in the error so the fix is obvious. */
export function onePositional(positionals: readonly string[], usage: string): string {
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? 'missing argument' : `too many arguments (${positionals.join(' ')})`;
    throw new CliError(`${problem}; usage: ${usage}`);
  }
  return positionals[0]!;
}

export function noPositionals(positionals: readonly string[], usage: string): void {
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"; usage: ${usage}`);
}
