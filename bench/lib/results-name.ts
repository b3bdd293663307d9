/**
 * The time at the head of a bench/results file name, "2026-11-30-0551" (UTC, to the minute), so
 * that `npm run bench` and `npm run bench:read` files sort together by when they ran.
 */
export const resultsStamp = (date: Date): string => date.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
