/**
 * A small seeded PRNG (mulberry32) and the draws generators need. Same seed, same sequence, on
 * every machine: generated libraries are reproducible benchmarks and test fixtures.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Index in [0, size) skewed towards 0: a few popular names, a long tail (like real tags). */
  skewedIndex(size: number): number;
  /** Up to `count` distinct items, in draw order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A string of `length` characters from `alphabet`. */
  string(length: number, alphabet?: string): string;
}

const UPPER_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('rng.pick: empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    skewedIndex: (size) => Math.floor(size * next() ** 2.5),
    sample: (items, count) => {
      const pool = items.slice();
      const out: (typeof items)[number][] = [];
      while (out.length < count && pool.length > 0) {
        const i = Math.floor(next() * pool.length);
        out.push(pool[i]!);
        pool[i] = pool[pool.length - 1]!;
        pool.pop();
      }
      return out;
    },
    string: (length, alphabet = UPPER_AND_DIGITS) => {
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
  };
}

/** A child seed, so that parts of a generator draw independently of each other's draw counts. */
export function deriveSeed(seed: number, ...salt: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const s of salt) {
    h = Math.imul(h ^ (s >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}
