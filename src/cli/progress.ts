import type { ImportProgress } from '../index';
import { formatCount, formatDuration, formatRate, formatSeconds } from './format';

/** An import phase's progress, or another long step's (`covers`) drawn the same way. */
export type PhaseProgress = Omit<ImportProgress, 'phase'> & { phase: string };

/** Wide enough for every phase name, so counts line up from one phase to the next. */
const LABEL_WIDTH = 7;
const MAX_BAR_WIDTH = 30;
const MIN_BAR_WIDTH = 10;
/** Piped output (a log file, CI) gets a line per phase change and then one every few seconds. */
const PLAIN_INTERVAL_MS = 5000;

/** Clears the terminal line the cursor is on and returns to its start. */
const CLEAR_LINE = '\r\x1b[2K';

/** `ETA 12s` while running; `done in 3.2 s` at the end; nothing when there is no rate yet. */
export function formatEta({ done, total, rate }: PhaseProgress): string {
  if (done >= total) return rate > 0 ? `done in ${formatDuration((done / rate) * 1000)}` : 'done';
  return rate > 0 ? `ETA ${formatSeconds((total - done) / rate)}` : 'ETA --';
}

export function formatBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

/**
 * One phase as one line: `read     [███░░░]  1,234/5,000  25%  250/s  ETA 15s`. Without `columns`
 * (piped output) there is no bar; with them the bar takes what the line leaves, or is dropped.
 */
export function formatProgressLine(progress: PhaseProgress, columns?: number): string {
  const { phase, done, total, rate } = progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const parts = [`${formatCount(done)}/${formatCount(total)}`, `${percent}%`];
  if (rate > 0) parts.push(formatRate(rate));
  parts.push(formatEta(progress));
  const label = phase.padEnd(LABEL_WIDTH);
  const text = parts.join('  ');
  if (columns === undefined) return `${label}  ${text}`;
  // Sized for the longest text the phase can show, so the bar keeps its width while counting.
  const widest = `${formatCount(total)}/${formatCount(total)}  100%  ${WIDEST_RATE_AND_ETA}`;
  const barWidth = Math.min(MAX_BAR_WIDTH, columns - 1 - label.length - widest.length - 6);
  if (barWidth < MIN_BAR_WIDTH) return `${label}  ${text}`.slice(0, Math.max(0, columns - 1));
  return `${label}  ${formatBar(total > 0 ? done / total : 1, barWidth)}  ${text}`;
}

/** Room for a rate and an ETA or elapsed time, e.g. `12,345/s  done in 59.9 s`. */
const WIDEST_RATE_AND_ETA = '12,345/s  done in 59.9 s';

/** Where progress goes: stderr, so stdout stays the summary or the JSON report. */
export interface ProgressOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressRenderer {
  update(progress: PhaseProgress): void;
  /** Ends the open line, so whatever is printed next starts on its own. */
  end(): void;
}

export interface ProgressRendererOptions {
  /** Redraw one line per phase in place. Default: whether the output is a terminal. */
  tty?: boolean;
  /** Least time between two plain lines of the same phase. */
  intervalMs?: number;
  now?: () => number;
}

export function createProgressRenderer(output: ProgressOutput, options: ProgressRendererOptions = {}): ProgressRenderer {
  const tty = options.tty ?? output.isTTY === true;
  return tty ? terminalRenderer(output) : plainRenderer(output, options.intervalMs ?? PLAIN_INTERVAL_MS, options.now ?? (() => performance.now()));
}

/** A finished phase keeps its last line; the current one is redrawn in place. */
function terminalRenderer(output: ProgressOutput): ProgressRenderer {
  let phase: string | undefined;
  return {
    update(progress) {
      if (phase !== undefined && phase !== progress.phase) output.write('\n');
      phase = progress.phase;
      // A terminal without a window size (a pty under `script`, some CI) reports 0 columns.
      output.write(CLEAR_LINE + formatProgressLine(progress, output.columns || 80));
    },
    end() {
      if (phase !== undefined) output.write('\n');
      phase = undefined;
    },
  };
}

/** No control characters: a line when a phase starts or ends, and every `intervalMs` between. */
function plainRenderer(output: ProgressOutput, intervalMs: number, now: () => number): ProgressRenderer {
  let phase: string | undefined;
  let lastLine = -Infinity;
  let finished = false;
  return {
    update(progress) {
      const changed = phase !== progress.phase;
      const ending = progress.done >= progress.total;
      if (changed || (ending && !finished) || now() - lastLine >= intervalMs) {
        output.write(`${formatProgressLine(progress)}\n`);
        lastLine = now();
      }
      if (changed) finished = false;
      phase = progress.phase;
      finished ||= ending;
    },
    end() {},
  };
}
