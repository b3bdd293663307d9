import { isAbsolute, relative } from 'node:path';

/* Number, time and path formats shared by the progress lines, the summary and the listings. */

/** `12,345`. Not toLocaleString: its first call loads ICU's number formatting, 90-100 ms of start-up on a loaded machine. */
export function formatCount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Items per second: one decimal below 10, where it still carries information. */
export function formatRate(perSecond: number): string {
  return `${perSecond < 10 ? (Math.round(perSecond * 10) / 10).toString() : formatCount(perSecond)}/s`;
}

/** A measured duration: `850 ms`, `12.4 s`, then whole seconds as in `formatSeconds`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  return formatSeconds(ms / 1000);
}

/** A coarse duration, rounded up so an ETA never promises too little: `12s`, `3m 05s`, `1h 02m`. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return `${whole}s`;
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  const minutes = Math.ceil(whole / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A path under the working directory is shown relative to it; others as they are. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path);
  if (inside === '') return '.';
  return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
}
