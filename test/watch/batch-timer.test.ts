import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchTimer } from '../../src/watch/batch-timer';

describe('createBatchTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const batches: string[][] = [];
    const timer = createBatchTimer({ quietMs: 500, maxWaitMs: 5000 }, (paths) => batches.push(paths));
    return { batches, timer };
  };

  it('hands a batch over once no event has come for the quiet period', () => {
    const { batches, timer } = setup();
    timer.add('a.cbz');
    vi.advanceTimersByTime(300);
    timer.add('b.cbz');
    vi.advanceTimersByTime(499);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([['a.cbz', 'b.cbz']]);
  });

  it('hands a batch over at the maximum wait even while events keep coming', () => {
    const { batches, timer } = setup();
    for (let ms = 0; ms < 7000; ms += 100) {
      timer.add(`file-${ms}.cbz`);
      vi.advanceTimersByTime(100);
    }
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(50);
    expect(batches[0]![0]).toBe('file-0.cbz');
  });

  it('starts the maximum wait again with the first event of the next batch', () => {
    const { batches, timer } = setup();
    timer.add('a.cbz');
    vi.advanceTimersByTime(500);
    timer.add('b.cbz');
    vi.advanceTimersByTime(400);
    timer.add('c.cbz');
    vi.advanceTimersByTime(500);
    expect(batches).toEqual([['a.cbz'], ['b.cbz', 'c.cbz']]);
  });

  it('counts a path touched twice in one batch once', () => {
    const { batches, timer } = setup();
    timer.add('a.cbz');
    timer.add('a.cbz');
    vi.advanceTimersByTime(500);
    expect(batches).toEqual([['a.cbz']]);
  });

  it('hands nothing over after cancel', () => {
    const { batches, timer } = setup();
    timer.add('a.cbz');
    timer.cancel();
    vi.advanceTimersByTime(10_000);
    expect(batches).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
