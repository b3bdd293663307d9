import { availableParallelism } from 'node:os';
import { z } from 'zod';

export const coverOptionsSchema = z.object({
  /** The box a cover fits in, in pixels; the page's aspect ratio is kept and never enlarged. */
  width: z.number().int().min(16).max(4096).default(320),
  height: z.number().int().min(16).max(4096).default(480),
  /** WebP quality, 1..100. */
  quality: z.number().int().min(1).max(100).default(80),
  /**
   * WebP encoder effort, 0..6: higher usually makes smaller files for more CPU. 0 encodes a
   * 320 x 480 cover in 60-90% of effort 2's time; a drawn page's file is about a fifth larger
   * (README, "Speed"). The decode costs several times the encode whatever the effort.
   */
  effort: z.number().int().min(0).max(6).default(0),
  /** Worker threads that decode and resize (default: one per CPU). */
  workers: z.number().int().min(1).max(64).default(() => availableParallelism()),
  /** Where cover files go (default: `<database file>-covers/` beside it). */
  coversDir: z.string().min(1).optional(),
  /** Images declaring more pixels than this are refused before decoding (decompression bombs). */
  maxInputPixels: z.number().int().min(1).default(100_000_000),
  /** Largest cover page read from an archive, in bytes. */
  maxPageBytes: z.number().int().min(1024).default(64 * 1024 * 1024),
});

/** What `onProgress` receives: covers made (or failed) so far, of how many, per second. */
export interface CoverProgress {
  done: number;
  total: number;
  rate: number;
}

export type CoverOptions = z.input<typeof coverOptionsSchema> & {
  signal?: AbortSignal;
  onProgress?: (progress: CoverProgress) => void;
};

export type CoverSettings = Omit<z.output<typeof coverOptionsSchema>, 'workers' | 'coversDir'> & { coversDir: string };
