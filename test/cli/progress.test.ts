import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatRate, formatSeconds } from '../../src/cli/format';
import { createProgressRenderer, formatBar, formatEta, formatProgressLine } from '../../src/cli/progress';
import type { ImportProgress } from '../../src/importer/options';

const progress = (done: number, total: number, rate: number, phase: ImportProgress['phase'] = 'read'): ImportProgress => ({ phase, done, total, rate });

describe('progress formats', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1234, '1,234'],
    [1234567.4, '1,234,567'],
    [100000, '100,000'],
    [-1234, '-1,234'],
  ])('counts %d as %s', (value, text) => expect(formatCount(value)).toBe(text));

  it.each([
    [0.25, '0.3/s'],
    [9.94, '9.9/s'],
    [12.6, '13/s'],
    [2500, '2,500/s'],
  ])('rates %d per second as %s', (value, text) => expect(formatRate(value)).toBe(text));

  it.each([
    [0, '0s'],
    [0.4, '1s'],
    [59, '59s'],
    [59.2, '1m 00s'],
    [185, '3m 05s'],
    [3600, '1h 00m'],
    [3725, '1h 03m'],
  ])('rounds %d seconds up to %s, so an ETA never promises too little', (seconds, text) => expect(formatSeconds(seconds)).toBe(text));

  it.each([
    [12.4, '12 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [12_449, '12.4 s'],
    [59_960, '1m 00s'],
    [125_000, '2m 05s'],
  ])('shows a measured %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    [progress(250, 1000, 50), 'ETA 15s'],
    [progress(0, 1000, 0), 'ETA --'],
    [progress(1000, 1000, 250), 'done in 4.0 s'],
    [progress(30, 30, 0, 'scan'), 'done'],
  ])('gives the ETA or the elapsed time: %o -> %s', (state, text) => expect(formatEta(state)).toBe(text));

  it.each([
    [0, 4, '[░░░░]'],
    [0.5, 4, '[██░░]'],
    [1, 4, '[████]'],
    [1.5, 4, '[████]'],
  ])('fills a bar for %d of %d cells', (fraction, width, bar) => expect(formatBar(fraction, width)).toBe(bar));

  it('lays out a plain line: phase, counts, percent, rate, ETA', () => {
    expect(formatProgressLine(progress(1234, 5000, 250))).toBe('read     1,234/5,000  24%  250/s  ETA 16s');
  });

  it('leaves the rate out while there is none, and calls an empty phase complete', () => {
    expect(formatProgressLine(progress(0, 0, 0, 'scan'))).toBe('scan     0/0  100%  done');
  });

  it('adds a bar that fills the terminal up to 30 cells, and drops it on a narrow one', () => {
    const wide = formatProgressLine(progress(500, 1000, 100), 120);
    expect(wide).toBe(`read     [${'█'.repeat(15)}${'░'.repeat(15)}]  500/1,000  50%  100/s  ETA 5s`);
    const narrow = formatProgressLine(progress(500, 1000, 100), 50);
    expect(narrow).not.toContain('[');
    expect(narrow.length).toBeLessThan(50);
  });

  it('keeps the bar the same width while the counts, rate and ETA change', () => {
    const bars = [progress(1, 1000, 0), progress(999, 1000, 12_000), progress(1000, 1000, 3)].map(
      (state) => /\[.*\]/u.exec(formatProgressLine(state, 75))?.[0].length,
    );
    expect(new Set(bars)).toEqual(new Set([bars[0]]));
    expect(bars[0]).toBeGreaterThan(10);
  });
});

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, output: { isTTY, columns: 80, write: (chunk: string) => chunks.push(chunk) } };
}

describe('progress renderer', () => {
  it('redraws one line per phase in place on a terminal, keeping finished phases', () => {
    const { chunks, output } = recorder(true);
    const renderer = createProgressRenderer(output);
    renderer.update(progress(10, 10, 0, 'scan'));
    renderer.update(progress(5, 10, 5));
    renderer.update(progress(10, 10, 5));
    renderer.end();
    const screen = chunks.join('');
    expect(screen.split('\n')).toHaveLength(3);
    expect(screen).toMatch(/^\r\x1b\[2Kscan .*done\n\r\x1b\[2Kread .*ETA 1s\r\x1b\[2Kread .*done in 2\.0 s\n$/);
  });

  it('writes plain lines when piped: at each phase change, at a phase end, and every interval between', () => {
    const { chunks, output } = recorder(false);
    let clock = 0;
    const renderer = createProgressRenderer(output, { intervalMs: 5000, now: () => clock });
    renderer.update(progress(10, 10, 0, 'scan'));
    for (const done of [100, 200, 300, 400]) {
      clock += 2000;
      renderer.update(progress(done, 1000, 50));
    }
    clock += 100;
    renderer.update(progress(1000, 1000, 50));
    renderer.update(progress(1000, 1000, 50));
    renderer.end();
    expect(chunks.join('')).not.toMatch(/[\r\x1b]/);
    expect(chunks.map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(['scan 10/10', 'read 100/1,000', 'read 400/1,000', 'read 1,000/1,000']);
    expect(chunks.every((line) => line.endsWith('\n'))).toBe(true);
  });
});
