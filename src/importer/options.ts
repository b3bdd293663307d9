import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { invalidOptions } from '../errors';

export const importPhases = ['scan', 'move', 'read', 'query', 'create', 'link', 'search', 'pages', 'failed', 'finish', 'delete', 'cleanup', 'folders'] as const;
export type ImportPhase = (typeof importPhases)[number];

/** What `onProgress` receives: the phase, how far it is, and its rate so far (items per second). */
export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
  rate: number;
}

export const importOptionsSchema = z.object({
  /** Re-read every file, even those whose size and mtime are unchanged. */
  force: z.boolean().default(false),
  /**
   * Reader threads. Default: one per CPU but the one that writes (measured on 2 cores: one
   * reader imports as fast as two, with less memory).
   */
  workers: z.number().int().min(1).max(256).default(() => Math.max(1, availableParallelism() - 1)),
  /** Comics written per transaction; memory grows with it, speed barely beyond a few thousand. */
  chunkSize: z.number().int().min(1).max(100_000).default(2000),
  /** Page cache during the import, KiB. Default 128 MiB (see DEFAULT_IMPORT_CACHE_KIB). */
  cacheSizeKiB: z.number().int().min(1024).optional(),
  /** How large the WAL may grow during the import before a commit checkpoints it, MiB. Default 256 (see DEFAULT_IMPORT_WAL_BUDGET_MIB). */
  walBudgetMiB: z.number().int().min(1).max(1_048_576).optional(),
  /** Largest metadata entry read from an archive; bigger ones are refused (zip bombs). */
  maxEntryBytes: z.number().int().min(1024).optional(),
  /** Limit the scan to these library-relative paths (files or folders); the rest is left alone. */
  paths: z.array(z.string()).optional(),
  /**
   * Let an import delete every comic when the root is empty or missing. Off by default: an
   * unmounted share must not empty the library.
   */
  allowClear: z.boolean().default(false),
  /**
   * The speed knobs, all on by default. Off, a phase runs in autocommit (one transaction per
   * statement) or without an import PRAGMA: only useful to measure what each one buys.
   */
  tuning: z
    .object({
      phaseTransactions: z.boolean().default(true),
      cacheSize: z.boolean().default(true),
      walAutocheckpoint: z.boolean().default(true),
    })
    .prefault({}),
});

export type ImportOptions = z.input<typeof importOptionsSchema> & {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
};

export type ResolvedImportOptions = z.output<typeof importOptionsSchema> & Pick<ImportOptions, 'signal' | 'onProgress'>;

/** The options with their defaults, or a USAGE error that says which option is wrong and why. */
export function parseImportOptions(options: ImportOptions): ResolvedImportOptions {
  const parsed = importOptionsSchema.safeParse(options);
  if (!parsed.success) throw invalidOptions('import', parsed.error);
  return { ...parsed.data, signal: options.signal, onProgress: options.onProgress };
}
