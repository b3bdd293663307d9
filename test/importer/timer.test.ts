import { describe, expect, it } from 'vitest';
import { createTimer } from '../../src/importer/timer';

const busyWait = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('createTimer', () => {
  it('adds each run of a phase to its total, also when it throws', () => {
    const timer = createTimer();
    timer.time('link', () => busyWait(20));
    expect(() =>
      timer.time('link', () => {
        busyWait(20);
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(timer.phases().link).toBeGreaterThanOrEqual(40);
  });

  it('leaves a paused stretch out of the phase that encloses it', async () => {
    const timer = createTimer();
    const started = performance.now();
    await timer.timeAsync('read', async () => {
      timer.pause('read', () => busyWait(30));
    });
    const outer = performance.now() - started;
    // The pause took at least 30 ms of the outer stretch; only the rest counts (0.05 is rounding).
    expect(timer.phases().read!).toBeLessThanOrEqual(outer - 30 + 0.05);
    expect(timer.phases().read!).toBeGreaterThanOrEqual(0);
  });
});
