/**
 * The item in the middle when sorted by `valueOf`, the upper of the two middle ones for an even
 * count: always a run that happened, so what else it recorded (a batch's phases) goes with its figure.
 */
export function middleBy<T>(items: readonly T[], valueOf: (item: T) => number): T {
  return [...items].sort((a, b) => valueOf(a) - valueOf(b))[items.length >> 1]!;
}

/** The middle measured value (see `middleBy`), never the mean of two runs that neither took. */
export function middleOf(values: readonly number[]): number {
  return middleBy(values, (value) => value);
}

/**
 * The textbook median, the mean of the two middle values for an even count: the start-up tables
 * have always been computed this way, so their figures stay comparable across runs.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
