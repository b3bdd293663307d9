import { quote, type Cleaned } from './result';

export const INT32_MAX = 2_147_483_647;

/** The ranges the integer columns accept. Counts and volumes are never negative. */
export const COUNT_RANGE = { min: 0, max: INT32_MAX } as const;
export const RATING_RANGE = { min: 0, max: 5 } as const;

export interface Range {
  min: number;
  max: number;
}

/** "12", " +12 ", "12.0" and JSON numbers are whole numbers; "12.5", "twelve" and "" are not. */
export function parseInteger(raw: unknown): Cleaned<number> {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return {};
  if (!/^[+-]?\d+(\.0*)?$/.test(text)) return { problem: `${quote(raw)} is not a whole number` };
  return { value: Number.parseInt(text, 10) };
}

/** "4.5", "4,5" (a decimal comma) and JSON numbers; anything else is a problem. */
export function parseDecimal(raw: unknown): Cleaned<number> {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(',', '.') : '';
  if (text === '') return {};
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { problem: `${quote(raw)} is not a number` };
  return { value: Number(text) };
}

/**
 * Clamp into the column's range (DESIGN: "integers clamped to their column's range"), saying so
 * when the value moved: a count of -5 becomes 0, a rating of 7 becomes 5.
 */
export function clamp(value: number, range: Range): Cleaned<number> {
  if (value < range.min) return { value: range.min, problem: `${value} is below ${range.min}, clamped` };
  if (value > range.max) return { value: range.max, problem: `${value} is above ${range.max}, clamped` };
  return { value };
}

export function cleanInteger(raw: unknown, range: Range): Cleaned<number> {
  const parsed = parseInteger(raw);
  return parsed.value === undefined ? parsed : clamp(parsed.value, range);
}

export function cleanDecimal(raw: unknown, range: Range): Cleaned<number> {
  const parsed = parseDecimal(raw);
  return parsed.value === undefined ? parsed : clamp(parsed.value, range);
}
