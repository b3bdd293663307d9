/**
 * LZMA and LZMA2 decoding, as 7z archives use them, for what 7-Zip-in-wasm costs too much to start
 * for: the archive's own header (always small) and small blocks (sevenzip.ts decides). The whole
 * output is one flat buffer, so the dictionary is simply the bytes already written.
 *
 * The decoders stop once `wanted` bytes are out, so an entry early in a solid block costs only
 * the bytes before it. Corrupt input throws an LzmaError; a stream read to its end must end as
 * 7-Zip's decoder wants it to, and the caller checks the CRCs 7z records, so a wrong byte is
 * never handed on.
 */

export class LzmaError extends Error {
  override readonly name = 'LzmaError';
}

const PROB_INIT = 1024;
const STATES = 12;
const POS_STATES_MAX = 16;
const END_POS_MODEL_INDEX = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const MATCH_MIN_LEN = 2;

/**
 * The range decoder. range and code are unsigned 32-bit values kept as int32 (compared with the
 * sign bit flipped), so V8 holds them as small integers and never boxes them; a bit is decoded
 * without a branch on its value, which random-looking data (a JPEG page) would mispredict half the
 * time. Both measured: 15 ns a bit with plain numbers, 5 with this.
 */
class RangeDecoder {
  private range = -1;
  private code = 0;
  private at: number;

  constructor(
    private readonly input: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.at = start;
    if (this.byte() !== 0) throw new LzmaError('LZMA stream does not start with a zero byte');
    for (let i = 0; i < 4; i++) this.code = (this.code << 8) | this.byte();
    if (this.code === -1) throw new LzmaError('LZMA stream starts with an impossible code');
  }

  /** True when the stream ended as an encoder ends it: every byte read, the code back at zero. */
  get finished(): boolean {
    return this.code === 0 && this.at === this.end;
  }

  private byte(): number {
    if (this.at >= this.end) throw new LzmaError('LZMA stream ends early');
    return this.input[this.at++]!;
  }

  bit(probs: Uint16Array, index: number): number {
    const probability = probs[index]!;
    const bound = Math.imul(this.range >>> 11, probability);
    // All ones when the bit is 1 (code at or above bound, unsigned).
    const one = ((this.code ^ 0x80000000) >= (bound ^ 0x80000000) ? 1 : 0);
    const mask = -one;
    let range = (bound & ~mask) | ((this.range - bound) & mask);
    let code = (this.code - (bound & mask)) | 0;
    probs[index] = probability + ((((2048 - probability) >>> 5) & ~mask) - ((probability >>> 5) & mask));
    if ((range & 0xff000000) === 0) {
      range <<= 8;
      code = (code << 8) | this.byte();
    }
    this.range = range;
    this.code = code;
    return one;
  }

  /**
   * One literal byte: eight bits through the tree at `base`, guided by `matchByte` (the byte at
   * the last distance) until the first bit that differs from it; -1 when there is none.
   */
  literal(probs: Uint16Array, base: number, matchByte: number): number {
    let symbol = 1;
    let match = matchByte;
    while (symbol < 0x100) {
      if (match < 0) {
        symbol = (symbol << 1) | this.bit(probs, base + symbol);
        continue;
      }
      const matchBit = (match >>> 7) & 1;
      match = (match << 1) & 0xff;
      const bit = this.bit(probs, base + ((1 + matchBit) << 8) + symbol);
      symbol = (symbol << 1) | bit;
      if (matchBit !== bit) match = -1;
    }
    return symbol - 0x100;
  }

  directBits(count: number): number {
    let result = 0;
    for (let i = 0; i < count; i++) {
      this.range = (this.range >>> 1) | 0;
      let code = (this.code - this.range) | 0;
      // All ones when code was below range: the bit is 0 and code goes back.
      const below = code >> 31;
      code = (code + (this.range & below)) | 0;
      result = result * 2 + (below + 1);
      if ((this.range & 0xff000000) === 0) {
        this.range <<= 8;
        code = (code << 8) | this.byte();
      }
      this.code = code;
    }
    return result;
  }

  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << bits);
  }

  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) | bit;
      symbol |= bit << i;
    }
    return symbol;
  }
}

/** A length decoder's probabilities: choice, choice 2, then the low, middle and high trees. */
const LEN_CHOICE = 0;
const LEN_CHOICE_2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + (POS_STATES_MAX << 3);
const LEN_HIGH = LEN_MID + (POS_STATES_MAX << 3);
const LEN_PROBS = LEN_HIGH + 256;

/**
 * Every probability lives in one array, at these offsets (as in 7-Zip's own decoder): a decoder
 * then costs one allocation and one fill, which is most of what a CB7 header of a few hundred
 * bytes takes to decode.
 */
const IS_MATCH = 0;
const IS_REP = IS_MATCH + (STATES << 4);
const IS_REP_G0 = IS_REP + STATES;
const IS_REP_G1 = IS_REP_G0 + STATES;
const IS_REP_G2 = IS_REP_G1 + STATES;
const IS_REP0_LONG = IS_REP_G2 + STATES;
const POS_SLOT = IS_REP0_LONG + (STATES << 4);
const POS_SPECIAL = POS_SLOT + (4 << 6);
const ALIGN = POS_SPECIAL + 1 + FULL_DISTANCES - END_POS_MODEL_INDEX;
const LENGTHS = ALIGN + (1 << ALIGN_BITS);
const REP_LENGTHS = LENGTHS + LEN_PROBS;
const LITERAL = REP_LENGTHS + LEN_PROBS;

function decodeLength(rc: RangeDecoder, probs: Uint16Array, base: number, posState: number): number {
  if (rc.bit(probs, base + LEN_CHOICE) === 0) return rc.tree(probs, base + LEN_LOW + (posState << 3), 3);
  if (rc.bit(probs, base + LEN_CHOICE_2) === 0) return 8 + rc.tree(probs, base + LEN_MID + (posState << 3), 3);
  return 16 + rc.tree(probs, base + LEN_HIGH, 8);
}

/** lc, lp and pb, packed into one byte as (pb * 5 + lp) * 9 + lc. */
interface LzmaProperties {
  lc: number;
  lp: number;
  pb: number;
}

function lzmaProperties(byte: number): LzmaProperties {
  if (byte >= 9 * 5 * 5) throw new LzmaError('LZMA properties out of range');
  return { lc: byte % 9, lp: Math.floor(byte / 9) % 5, pb: Math.floor(byte / 45) };
}

/**
 * The probabilities, kept for the thread's next decoder: allocating (and zeroing) 28 KiB took a
 * tenth of decoding a small CB7's block. Decoding is synchronous, so no two decoders share it.
 */
let sharedProbs = new Uint16Array(0);
/** Room for every LZMA2 stream (lc + lp at most 4) and most LZMA ones. */
const SHARED_PROBS = LITERAL + (0x300 << 4);

/**
 * The decoder's state: probabilities, the last four distances and the state machine. It writes
 * into `out` from `position`; distances reach back only to `dictionaryStart` (LZMA2 resets it).
 */
class LzmaDecoder {
  private probs = sharedProbs;
  private size = 0;
  private properties: LzmaProperties = { lc: 0, lp: 0, pb: 0 };
  private state = 0;
  private reps = [0, 0, 0, 0];
  dictionaryStart = 0;
  position = 0;
  /** A match ran past where decoding was asked to stop: fine mid-stream, a data error at a stream's end. */
  cut = false;

  /** `dictionarySize`: no distance reaches further back, as 7-Zip's decoder enforces. */
  constructor(
    readonly out: Uint8Array,
    private readonly dictionarySize: number,
  ) {}

  setProperties(properties: LzmaProperties): void {
    this.properties = properties;
    this.size = LITERAL + (0x300 << (properties.lc + properties.lp));
    if (this.size > SHARED_PROBS) {
      // Up to 6 MiB for a plain LZMA stream's widest literal context: used once, not kept.
      if (this.probs.length < this.size) this.probs = new Uint16Array(this.size);
      return;
    }
    if (sharedProbs.length === 0) sharedProbs = new Uint16Array(SHARED_PROBS);
    this.probs = sharedProbs;
  }

  resetState(): void {
    this.probs.fill(PROB_INIT, 0, this.size);
    this.state = 0;
    this.reps = [0, 0, 0, 0];
  }

  /**
   * Decodes from `rc` until `end` bytes are out (or an end marker). Returns false at an end marker.
   */
  decode(rc: RangeDecoder, end: number): boolean {
    const { out, probs } = this;
    const { lc, lp, pb } = this.properties;
    const pbMask = (1 << pb) - 1;
    const lpMask = (1 << lp) - 1;
    let { state, position } = this;
    let [rep0, rep1, rep2, rep3] = this.reps as [number, number, number, number];
    const start = this.dictionaryStart;
    try {
      while (position < end) {
        const processed = position - start;
        const reach = processed < this.dictionarySize ? processed : this.dictionarySize;
        const posState = processed & pbMask;
        if (rc.bit(probs, IS_MATCH + (state << 4) + posState) === 0) {
          const previous = processed > 0 ? out[position - 1]! : 0;
          const base = LITERAL + 0x300 * (((processed & lpMask) << lc) + (previous >>> (8 - lc)));
          let matchByte = -1;
          if (state >= 7) {
            if (rep0 >= reach) throw new LzmaError('LZMA distance past the dictionary');
            matchByte = out[position - rep0 - 1]!;
          }
          out[position++] = rc.literal(probs, base, matchByte);
          state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
          continue;
        }
        let length: number;
        if (rc.bit(probs, IS_REP + state) === 0) {
          rep3 = rep2;
          rep2 = rep1;
          rep1 = rep0;
          length = decodeLength(rc, probs, LENGTHS, posState);
          state = state < 7 ? 7 : 10;
          rep0 = distance(rc, probs, length);
          if (rep0 === 0xffffffff) return false;
        } else {
          if (processed === 0) throw new LzmaError('LZMA repeat before any data');
          if (rc.bit(probs, IS_REP_G0 + state) === 0) {
            if (rc.bit(probs, IS_REP0_LONG + (state << 4) + posState) === 0) {
              if (rep0 >= reach) throw new LzmaError('LZMA distance past the dictionary');
              state = state < 7 ? 9 : 11;
              out[position] = out[position - rep0 - 1]!;
              position++;
              continue;
            }
          } else {
            let next: number;
            if (rc.bit(probs, IS_REP_G1 + state) === 0) next = rep1;
            else {
              if (rc.bit(probs, IS_REP_G2 + state) === 0) next = rep2;
              else {
                next = rep3;
                rep3 = rep2;
              }
              rep2 = rep1;
            }
            rep1 = rep0;
            rep0 = next;
          }
          length = decodeLength(rc, probs, REP_LENGTHS, posState);
          state = state < 7 ? 8 : 11;
        }
        if (rep0 >= reach) throw new LzmaError('LZMA distance past the dictionary');
        // A match may run past what is wanted: the rest is not needed, and `out` ends at the entry.
        const matchEnd = position + length + MATCH_MIN_LEN;
        if (matchEnd > end) this.cut = true;
        const stop = matchEnd < end ? matchEnd : end;
        let from = position - rep0 - 1;
        while (position < stop) out[position++] = out[from++]!;
      }
      return true;
    } finally {
      this.state = state;
      this.position = position;
      this.reps = [rep0, rep1, rep2, rep3];
    }
  }
}

function distance(rc: RangeDecoder, probs: Uint16Array, length: number): number {
  const slot = rc.tree(probs, POS_SLOT + (Math.min(length, 3) << 6), 6);
  if (slot < 4) return slot;
  const directBits = (slot >>> 1) - 1;
  let result = (2 | (slot & 1)) * (1 << directBits);
  if (slot < END_POS_MODEL_INDEX) return result + rc.reverseTree(probs, POS_SPECIAL + result - slot, directBits);
  result += rc.directBits(directBits - ALIGN_BITS) * (1 << ALIGN_BITS);
  return (result + rc.reverseTree(probs, ALIGN, ALIGN_BITS)) >>> 0;
}

/** 7-Zip's decoders use a dictionary of at least 4 KiB, whatever the stream declares. */
const MIN_DICTIONARY = 4096;

/**
 * A 7z LZMA stream: `properties` is the coder's 5 bytes (lc/lp/pb, then the dictionary size).
 * Returns the first `wanted` bytes; `toEnd` when those are all the stream holds, which must then
 * end exactly there.
 */
export function decodeLzma(input: Uint8Array, properties: Uint8Array, wanted: number, toEnd: boolean): Uint8Array {
  if (properties.length !== 5) throw new LzmaError('LZMA coder properties are not 5 bytes');
  const declared = (properties[1]! | (properties[2]! << 8) | (properties[3]! << 16) | (properties[4]! << 24)) >>> 0;
  const out = new Uint8Array(wanted);
  const decoder = new LzmaDecoder(out, Math.max(declared, MIN_DICTIONARY));
  decoder.setProperties(lzmaProperties(properties[0]!));
  decoder.resetState();
  const rc = new RangeDecoder(input, 0, input.length);
  if (!decoder.decode(rc, wanted)) throw new LzmaError('LZMA stream ends before its declared size');
  if (toEnd && (!rc.finished || decoder.cut)) throw new LzmaError('LZMA stream does not end with its data');
  return out;
}

/** LZMA2's one-byte dictionary size: 40 would be 4 GiB, which 7-Zip does not accept here. */
function lzma2Dictionary(byte: number): number {
  if (byte >= 40) throw new LzmaError('LZMA2 dictionary size out of range');
  return Math.max((2 | (byte & 1)) * 2 ** ((byte >>> 1) + 11), MIN_DICTIONARY);
}

/** A 7z LZMA2 stream: chunks of LZMA data or stored bytes, each saying what it resets. */
export function decodeLzma2(input: Uint8Array, dictionaryByte: number, wanted: number, toEnd: boolean): Uint8Array {
  const out = new Uint8Array(wanted);
  const decoder = new LzmaDecoder(out, lzma2Dictionary(dictionaryByte));
  let at = 0;
  let needDictionary = true;
  let needProperties = true;
  let needState = true;
  const byte = (): number => {
    if (at >= input.length) throw new LzmaError('LZMA2 stream ends early');
    return input[at++]!;
  };
  while (decoder.position < wanted) {
    const control = byte();
    if (control === 0) throw new LzmaError('LZMA2 stream ends before its declared size');
    if (control === 1 || control === 2) {
      if (control === 1) {
        // As 7-Zip's decoder: after a dictionary reset, the next LZMA chunk must set everything anew.
        decoder.dictionaryStart = decoder.position;
        needDictionary = false;
        needProperties = true;
        needState = true;
      } else if (needDictionary) throw new LzmaError('LZMA2 chunk without a dictionary reset');
      const size = ((byte() << 8) | byte()) + 1;
      if (at + size > input.length) throw new LzmaError('LZMA2 stream ends early');
      if (toEnd && decoder.position + size > wanted) throw new LzmaError('LZMA2 chunk runs past the end of its block');
      const copied = Math.min(size, wanted - decoder.position);
      out.set(input.subarray(at, at + copied), decoder.position);
      decoder.position += copied;
      at += size;
      continue;
    }
    if (control < 0x80) throw new LzmaError('LZMA2 chunk of an unknown kind');
    const unpacked = (control & 0x1f) * 65536 + ((byte() << 8) | byte()) + 1;
    const packed = ((byte() << 8) | byte()) + 1;
    const reset = (control >>> 5) & 3;
    if (reset === 3) {
      decoder.dictionaryStart = decoder.position;
      needDictionary = false;
    } else if (needDictionary) throw new LzmaError('LZMA2 chunk without a dictionary reset');
    if (reset >= 2) {
      const properties = lzmaProperties(byte());
      if (properties.lc + properties.lp > 4) throw new LzmaError('LZMA2 properties out of range');
      decoder.setProperties(properties);
      needProperties = false;
    } else if (needProperties) throw new LzmaError('LZMA2 chunk without properties');
    if (reset >= 1) {
      decoder.resetState();
      needState = false;
    } else if (needState) throw new LzmaError('LZMA2 chunk without a state reset');
    if (at + packed > input.length) throw new LzmaError('LZMA2 stream ends early');
    const chunkEnd = decoder.position + unpacked;
    if (toEnd && chunkEnd > wanted) throw new LzmaError('LZMA2 chunk runs past the end of its block');
    const rc = new RangeDecoder(input, at, at + packed);
    if (!decoder.decode(rc, Math.min(chunkEnd, wanted))) throw new LzmaError('LZMA2 chunk holds an end marker');
    // A chunk read whole must end where it says; one cut short by `wanted` is not judged.
    if (decoder.position === chunkEnd && (!rc.finished || decoder.cut)) throw new LzmaError('LZMA2 chunk does not end with its data');
    at += packed;
  }
  if (toEnd && (decoder.position !== wanted || at !== input.length - 1 || input[at] !== 0)) throw new LzmaError('LZMA2 stream does not end with its data');
  return out;
}
