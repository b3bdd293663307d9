import { describe, expect, it } from 'vitest';
import { GenerationalMap } from '../../src/importer/queries/generational-map';

const fill = (map: GenerationalMap<string, number>, keys: readonly string[]) => keys.forEach((key, i) => map.set(key, i));

describe('GenerationalMap', () => {
  it('keeps the last two generations of keys, and forgets the one before', () => {
    const map = new GenerationalMap<string, number>(3);
    fill(map, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    // Generations: [a b c] [d e f] [g]: the first was dropped when the second filled.
    expect(['a', 'b', 'c'].map((key) => map.get(key))).toEqual([undefined, undefined, undefined]);
    expect(['g', 'f'].map((key) => map.get(key))).toEqual([6, 5]);
    expect(map.forgot).toBe(true);
  });

  it('does not say it forgot anything before a generation with keys is dropped', () => {
    const map = new GenerationalMap<string, number>(3);
    fill(map, ['a', 'b', 'c', 'd', 'e']);
    expect(map.forgot).toBe(false);
    expect(map.get('a')).toBe(0);
  });

  it('keeps a key that is used again, however many others come after it', () => {
    const map = new GenerationalMap<string, number>(2);
    map.set('publisher', 1);
    for (let i = 0; i < 50; i++) {
      map.set(`series ${i}`, i);
      expect(map.get('publisher')).toBe(1);
    }
    expect(map.get('series 0')).toBeUndefined();
  });
});
