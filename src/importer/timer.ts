import type { ImportPhase } from './options';

/**
 * The one way the importer times itself: milliseconds per phase, summed over every call (a phase
 * runs once per chunk). `pause` leaves a stretch out of a phase that encloses it: reading goes
 * on in the pool while a chunk is written, and only the wait is the "read" phase.
 */
export function createTimer() {
  const totals: Partial<Record<ImportPhase, number>> = {};
  const add = (phase: ImportPhase, ms: number) => {
    totals[phase] = (totals[phase] ?? 0) + ms;
  };
  return {
    time<T>(phase: ImportPhase, fn: () => T): T {
      const started = performance.now();
      try {
        return fn();
      } finally {
        add(phase, performance.now() - started);
      }
    },
    async timeAsync<T>(phase: ImportPhase, fn: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await fn();
      } finally {
        add(phase, performance.now() - started);
      }
    },
    pause<T>(phase: ImportPhase, fn: () => T): T {
      const started = performance.now();
      try {
        return fn();
      } finally {
        add(phase, started - performance.now());
      }
    },
    /** Each phase's total, to a tenth of a millisecond. */
    phases(): Partial<Record<ImportPhase, number>> {
      return Object.fromEntries(Object.entries(totals).map(([name, ms]) => [name, Math.round(ms * 10) / 10]));
    },
  };
}

export type Timer = ReturnType<typeof createTimer>;
