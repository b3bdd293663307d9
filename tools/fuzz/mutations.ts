import fc from 'fast-check';
import { fieldsOf, type Field } from './fields';
import { isRar5, mutateRar5, type Rar5Mutation } from './rar5';
import type { Seed } from './seeds';

/**
 * One way to damage a seed. Positions are fractions of the seed's length (or of its field list),
 * so one arbitrary serves seeds of every size and a counterexample replays exactly from its seed.
 */
export type Mutation =
  | { kind: 'flip'; bits: Array<{ at: number; bit: number }> }
  | { kind: 'truncate'; region: Region; at: number }
  | { kind: 'zero'; region: Region; at: number; length: number }
  | { kind: 'field'; field: number; value: number }
  /** RAR 5 only (rar5.ts): a header field rewritten with its CRC recomputed; elsewhere a field mutation. */
  | ({ kind: 'rar5' } & Rar5Mutation);

/** Where damage lands: the first or last KiB (headers, end records, trailers) or anywhere. */
type Region = 'head' | 'tail' | 'anywhere';

export interface FuzzCase {
  seed: number;
  mutations: Mutation[];
}

/** Values that break readers: zero, sign bits, saturated widths, 2^53 and past it, negatives. */
const INTERESTING = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 2 ** 53, 2 ** 53 + 8, 2 ** 63, -1, -1536, -2147483648] as const;

/**
 * Uniform in [0, 1). fast-check's doubles are uniform over float encodings (nearly all of them
 * tiny) and biased to 0, which would keep hitting the signature at byte 0.
 */
const STEPS = 2 ** 30;
const fraction = fc.noBias(fc.integer({ min: 0, max: STEPS - 1 })).map((step) => step / STEPS);
const region = fc.constantFrom<Region>('head', 'tail', 'anywhere');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), bits: fc.array(fc.record({ at: fraction, bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), region, at: fraction }),
  fc.record({ kind: fc.constant('zero' as const), region, at: fraction, length: fc.integer({ min: 1, max: 256 }) }),
  // Fields are weighted up: they are what the crashes came from.
  { arbitrary: fc.record({ kind: fc.constant('field' as const), field: fraction, value: fc.noBias(fc.integer({ min: 0, max: INTERESTING.length - 1 })) }), weight: 3 },
  { arbitrary: rar5Mutation(), weight: 2 },
);

function rar5Mutation(): fc.Arbitrary<Mutation> {
  const kind = fc.constant('rar5' as const);
  const index = fc.noBias(fc.integer({ min: 0, max: 63 }));
  return fc.oneof(
    { arbitrary: fc.record({ kind, op: fc.constant('vint' as const), field: fraction, value: index }), weight: 3 },
    { arbitrary: fc.record({ kind, op: fc.constant('flag' as const), field: fraction, bit: fc.integer({ min: 0, max: 10 }) }), weight: 2 },
    fc.record({ kind, op: fc.constant('name' as const), block: fraction, bad: index, keep: fraction }),
    fc.record({ kind, op: fc.constant('encrypt' as const), block: fraction }),
  );
}

export function fuzzCaseArbitrary(seedCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({ seed: fc.integer({ min: 0, max: seedCount - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
}

/** The mutant's bytes, and a description of what was done (for reports). */
export function applyCase(seed: Seed, mutations: readonly Mutation[]): { bytes: Buffer; label: string } {
  let bytes: Buffer = Buffer.from(seed.bytes);
  const labels: string[] = [];
  for (const step of mutations) {
    // Fields are found again after each step: an earlier step may have moved or removed them.
    const result = applyMutation(bytes, fieldsOf({ ...seed, bytes }), step);
    bytes = result.bytes;
    labels.push(result.label);
  }
  return { bytes, label: `${seed.name}: ${labels.join(', ')}` };
}

function position(length: number, region: Region, at: number): number {
  if (region === 'head') return Math.floor(at * Math.min(1024, length));
  if (region === 'tail') return length - 1 - Math.floor(at * Math.min(1024, length));
  return Math.floor(at * length);
}

function applyMutation(bytes: Buffer, fields: Field[], step: Mutation): { bytes: Buffer; label: string } {
  if (bytes.length === 0) return { bytes, label: 'empty' };
  switch (step.kind) {
    case 'flip': {
      for (const { at, bit } of step.bits) bytes[Math.floor(at * bytes.length)]! ^= 1 << bit;
      return { bytes, label: `flip ${step.bits.length} bit(s)` };
    }
    case 'truncate': {
      const at = Math.max(0, position(bytes.length, step.region, step.at));
      return { bytes: bytes.subarray(0, at), label: `truncate to ${at} bytes` };
    }
    case 'zero': {
      const at = Math.max(0, position(bytes.length, step.region, step.at));
      bytes.fill(0, at, Math.min(bytes.length, at + step.length));
      return { bytes, label: `zero ${step.length} bytes at ${at}` };
    }
    case 'rar5': {
      const mutant = isRar5(bytes) ? mutateRar5(bytes, step) : undefined;
      const at = 'field' in step ? step.field : step.block;
      return mutant ?? applyMutation(bytes, fields, { kind: 'field', field: at, value: Math.floor(at * INTERESTING.length) });
    }
    case 'field': {
      if (fields.length === 0) return applyMutation(bytes, fields, { kind: 'flip', bits: [{ at: step.field, bit: step.value % 8 }] });
      const field = fields[Math.floor(step.field * fields.length)]!;
      const value = INTERESTING[step.value]!;
      return { bytes: writeField(bytes, field, value), label: `${field.label} = ${value}` };
    }
  }
}

function writeField(bytes: Buffer, field: Field, value: number): Buffer {
  if (field.encoding === 'le') {
    let wide = BigInt.asUintN(field.width * 8, BigInt(Math.trunc(value)));
    for (let i = 0; i < field.width && field.at + i < bytes.length; i++, wide >>= 8n) bytes[field.at + i] = Number(wide & 0xffn);
    return bytes;
  }
  if (field.encoding === 'octal') {
    // Negative values go in as GNU base-256 with the sign bit set; the rest as octal text, as long as it comes out.
    const octal = value < 0 ? Buffer.alloc(field.width, 0xff) : Buffer.from(`${value.toString(8)}\0`.padStart(field.width, '0').slice(-field.width), 'latin1');
    octal.copy(bytes, field.at, 0, Math.min(field.width, bytes.length - field.at));
    return bytes;
  }
  // A decimal in text may change length: the bytes after it shift, as a careless editor would make them.
  return Buffer.concat([bytes.subarray(0, field.at), Buffer.from(String(value), 'latin1'), bytes.subarray(field.at + field.width)]);
}
