import type { ReadOutcome } from './read-comic';

/**
 * A batch of outcomes crosses from a reader thread as one JSON string. postMessage would
 * structured-clone the object graph of every comic (a few dozen small objects and strings each),
 * which cost more on both threads than reading the comic's XML; a string is copied in one piece,
 * and V8's JSON.parse builds the objects faster than the clone's deserializer. Outcomes hold only
 * strings, finite numbers, booleans and arrays, so JSON carries them exactly (an absent optional
 * field stays absent).
 */
export function encodeOutcomes(outcomes: readonly ReadOutcome[]): string {
  return JSON.stringify(outcomes);
}

export function decodeOutcomes(encoded: string): ReadOutcome[] {
  return JSON.parse(encoded) as ReadOutcome[];
}
