import type { ReadOutcome } from './read-comic';

/**
 * A batch of outcomes crosses from a reader thread as one JSON string. postMessage would
 * structured-clone the object graph of every comic (a few dozen small objects and strings each),
 * which cost more on both threads than reading the comic's XML; a string is copied in one piece,
 * and V8's JSON.parse builds the objects faster than the clone's deserializer. Outcomes hold only
 * strings, finite numbers, booleans and arrays, so JSON carries them exactly (an absent optional
 * field stays absent).
 *
 * The engine's own JSON functions are taken when this module loads, before any reader library:
 * pdfjs-dist's legacy build replaces the global JSON.stringify with core-js's on Node 20 (it lacks
 * JSON.rawJSON), which calls a replacer for every value and made each comic's share of a batch
 * cost 250 µs instead of 35, more than reading the comic, in every worker that had met one PDF.
 */
const { stringify, parse } = JSON;

export function encodeOutcomes(outcomes: readonly ReadOutcome[]): string {
  return stringify(outcomes);
}

export function decodeOutcomes(encoded: string): ReadOutcome[] {
  return parse(encoded) as ReadOutcome[];
}
