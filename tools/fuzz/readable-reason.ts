/**
 * What a failure reason must look like: a sentence about the file that a person can act on. It
 * starts with one of the kinds readers report and carries none of a program's internals.
 */
const KINDS = /^(damaged|truncated|encrypted|unsupported|not a comic archive|cannot read file|entry too large|entry not found|part \d+ of a multi-volume RAR|a volume of a multi-volume RAR)\b/;

const INTERNALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/:\s*-?\d+\s*$/, 'ends in a bare number'],
  [/^\s*-?\d+\s*$/, 'is a bare number'],
  [/\n\s*at |\bat .+:\d+:\d+/, 'holds a stack trace'],
  [/(^|[\s'"(])\/[^\s/]+\//, 'holds an absolute path'],
  [/\bE[A-Z]{2,}\b/, 'holds an error code'],
  [/\bERR_[A-Z_]+|The value of "|out of range|is not a function|Cannot read propert|\bundefined\b|\bnull\b|\bNaN\b|Maximum call stack|Unexpected token|promise|error code/i, 'holds a Node or JavaScript message'],
];

/** Undefined when `reason` reads well, else what is wrong with it. */
export function unreadableReason(reason: string): string | undefined {
  if (!KINDS.test(reason)) return 'does not start with a known kind of failure';
  return INTERNALS.find(([pattern]) => pattern.test(reason))?.[1];
}
