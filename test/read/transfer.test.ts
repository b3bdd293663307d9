import { afterEach, describe, expect, it } from 'vitest';
import type { ReadOutcome } from '../../src/read';
import { decodeOutcomes, encodeOutcomes } from '../../src/read/transfer';

const outcomes: ReadOutcome[] = [
  { ok: false, path: '/library/broken.cbz', reason: 'not a comic archive: no end of central directory', size: 12, mtime: 1_700_000_000_000 },
  { ok: false, path: '/library/gone.cbz', reason: 'cannot read file: not found' },
];

describe('the transfer of a batch of outcomes', () => {
  const { stringify, parse } = JSON;
  afterEach(() => {
    JSON.stringify = stringify;
    JSON.parse = parse;
  });

  it('gives back exactly the outcomes it was given, absent fields absent', () => {
    const decoded = decodeOutcomes(encodeOutcomes(outcomes));
    expect(decoded).toEqual(outcomes);
    expect('size' in decoded[1]!).toBe(false);
  });

  it('keeps the JSON functions it loaded with when a library replaces the global ones later', () => {
    // pdfjs-dist's legacy build swaps in core-js's JSON.stringify on Node 20, seven times slower.
    JSON.stringify = () => {
      throw new Error('the replaced JSON.stringify was called');
    };
    JSON.parse = () => {
      throw new Error('the replaced JSON.parse was called');
    };
    expect(decodeOutcomes(encodeOutcomes(outcomes))).toEqual(outcomes);
  });
});
