/**
 * Gathers filesystem events into batches. A batch is handed over once no event has come for
 * `quietMs` (a copy or a save is usually a burst of events), but never later than `maxWaitMs`
 * after its first event, so a steady trickle (a long copy) still lands in the database.
 */
export interface BatchTimerOptions {
  quietMs: number;
  maxWaitMs: number;
}

export interface BatchTimer {
  /** Adds a path to the open batch, starting one if none is open. */
  add(path: string): void;
  /** Drops the open batch without handing it over. */
  cancel(): void;
}

export function createBatchTimer(options: BatchTimerOptions, onBatch: (paths: string[]) => void): BatchTimer {
  let paths = new Set<string>();
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let maxTimer: ReturnType<typeof setTimeout> | undefined;

  const clearTimers = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxTimer);
    quietTimer = maxTimer = undefined;
  };
  const handOver = () => {
    clearTimers();
    const batch = [...paths];
    paths = new Set();
    onBatch(batch);
  };

  return {
    add(path) {
      if (paths.size === 0) maxTimer = setTimeout(handOver, options.maxWaitMs);
      paths.add(path);
      clearTimeout(quietTimer);
      quietTimer = setTimeout(handOver, options.quietMs);
    },
    cancel() {
      clearTimers();
      paths = new Set();
    },
  };
}
