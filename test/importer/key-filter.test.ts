import { describe, expect, it } from 'vitest';
import { KeyFilter } from '../../src/importer/queries/key-filter';

/** Distinct tag-like names: a codex comic's mostly unique ones look like these. */
const names = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix} ${(i * 2654435761) >>> 0} tag`);

describe('KeyFilter', () => {
  it('holds no key before one is added', () => {
    expect(new KeyFilter().mightHold('Batman')).toBe(false);
  });

  it('never takes a key it was given for one it was not, across its growing layers', () => {
    const filter = new KeyFilter();
    const added = names(200_000, 'met');
    for (const name of added) filter.add(name);
    expect(added.filter((name) => !filter.mightHold(name))).toEqual([]);
  });

  it('takes few keys it was never given for met (under 2% after 200,000 keys), so few searches are wasted', () => {
    const filter = new KeyFilter();
    for (const name of names(200_000, 'met')) filter.add(name);
    const unseen = names(100_000, 'never');
    const wrong = unseen.filter((name) => filter.mightHold(name)).length;
    expect(wrong / unseen.length).toBeLessThan(0.02);
  });

  it('holds numbers, NULL and composite keys as well as names', () => {
    const filter = new KeyFilter();
    const keys = [12, 0, -3.5, null, '12\u000012', '\u0001\u0000x'];
    for (const key of keys) filter.add(key);
    expect(keys.every((key) => filter.mightHold(key))).toBe(true);
    expect(filter.mightHold(13)).toBe(false);
  });

  it('answers "may hold" for every key once it would outgrow its memory bound', () => {
    const filter = new KeyFilter();
    // About 4.47 million keys fill the layers that fit under the bound; the next one would pass it.
    for (let i = 0; i < 4_400_000; i++) filter.add(i);
    expect([filter.mightHold('never added'), filter.mightHold(-1)]).toEqual([false, false]);
    for (let i = 4_400_000; i < 4_500_000; i++) filter.add(i);
    expect([filter.mightHold('never added'), filter.mightHold(-1)]).toEqual([true, true]);
  });
});
