import { describe, expect, it } from 'vitest';
import { formatIssue, parseIssueNumber } from '../../src/metadata';

describe('parseIssueNumber', () => {
  it.each([
    ['1', 1, undefined],
    ['#012', 12, undefined],
    ['  # 7 ', 7, undefined],
    ['0', 0, undefined],
    ['000', 0, undefined],
    ['-1', -1, undefined],
    ['-001', -1, undefined],
    ['1.5', 1.5, undefined],
    ['1.50', 1.5, undefined],
    ['½', 0.5, undefined],
    ['1½', 1.5, undefined],
    ['001½', 1.5, undefined],
    ['1/2', 0.5, undefined],
    ['1 1/2', 1.5, undefined],
    ['004AU', 4, 'AU'],
    ['27AU', 27, 'AU'],
    ['78.BEY', 78, 'BEY'],
    ['12 - B', 12, 'B'],
    ['5a', 5, 'a'],
    [12, 12, undefined],
  ])('reads %j as %j + %j', (raw, number, suffix) => {
    expect(parseIssueNumber(raw)).toEqual({ value: suffix === undefined ? { number } : { number, suffix } });
  });

  it.each(['∞', 'Alpha', 'Annual', 'B01'])('keeps %j, which has no leading number, as the suffix only', (raw) => {
    expect(parseIssueNumber(raw)).toEqual({ value: { suffix: raw } });
  });

  it.each(['', '   ', '#', undefined, null, {}])('treats %j as absent', (raw) => {
    expect(parseIssueNumber(raw)).toEqual({});
  });

  it('reports a number too large to be finite', () => {
    expect(parseIssueNumber('9'.repeat(400))).toEqual({ problem: expect.stringContaining('not a usable issue number') });
  });

  it('cuts a long suffix to 128 characters', () => {
    expect(parseIssueNumber(`1${'x'.repeat(500)}`).value?.suffix).toHaveLength(128);
  });
});

describe('formatIssue', () => {
  it.each([
    [{ number: 1 }, '1'],
    [{ number: 1.5 }, '1.5'],
    [{ number: 0 }, '0'],
    [{ number: 4, suffix: 'AU' }, '4AU'],
    [{ suffix: '∞' }, '∞'],
    [{}, undefined],
  ])('writes %j as %j', (issue, text) => {
    expect(formatIssue(issue)).toBe(text);
  });
});
