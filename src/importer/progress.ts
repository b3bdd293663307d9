import type { ImportPhase, ImportProgress } from './options';

/**
 * Calls `onProgress` at a phase's first and last event, and in between at most every `intervalMs`,
 * except for events passed with `always` (a committed chunk: a caller may stop right after one).
 */
export function createProgressReporter(onProgress: ((progress: ImportProgress) => void) | undefined, intervalMs = 100) {
  const started = new Map<ImportPhase, number>();
  const lastEmit = new Map<ImportPhase, number>();
  return (phase: ImportPhase, done: number, total: number, always = false) => {
    if (!onProgress) return;
    const now = performance.now();
    const last = lastEmit.get(phase);
    if (!always && last !== undefined && done < total && now - last < intervalMs) return;
    if (!started.has(phase)) started.set(phase, now);
    lastEmit.set(phase, now);
    const seconds = (now - started.get(phase)!) / 1000;
    onProgress({ phase, done, total, rate: seconds > 0 ? done / seconds : 0 });
  };
}

export type ProgressReporter = ReturnType<typeof createProgressReporter>;
