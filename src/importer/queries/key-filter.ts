/** What the filter holds: text, numbers and NULL, as a resolver's keys are. */
type Key = string | number | null;

/**
 * The keys a resolver has met during this import, as a Bloom filter: "never met" is certain,
 * "met" is wrong for some of the keys never met, each full layer adding under 1%: 0.8% at 13k
 * keys, 2.4% at 275k, 3.2% at 1.1 million, 4% at the 4.4 million it holds (names and numbers
 * alike, measured). A resolver whose table was empty when the import began searches its table
 * only for keys the filter may hold: every other key is new, and is inserted without the index
 * search that found nothing for it (see RowResolver).
 *
 * About 10 bits a key, in layers that grow fourfold as keys arrive: a layer is full at its
 * capacity, and a key is in the filter when any layer holds it. When the next layer would pass
 * MAX_BITS the filter lets its layers go and answers "may hold" for every key: memory stays
 * bounded, and the resolver searches as it would without a filter.
 */
export class KeyFilter {
  private readonly layers: Layer[] = [];
  private bitsUsed = 0;
  private overflowed = false;

  add(key: Key): void {
    if (this.overflowed) return;
    let layer = this.layers.at(-1);
    if (!layer || layer.count >= layer.capacity) {
      const bits = layer ? (layer.mask + 1) * GROWTH : FIRST_BITS;
      if (this.bitsUsed + bits > MAX_BITS) {
        this.overflowed = true;
        this.layers.length = 0;
        return;
      }
      layer = { words: new Int32Array(bits >>> 5), mask: bits - 1, capacity: Math.floor(bits / BITS_PER_KEY), count: 0 };
      this.layers.push(layer);
      this.bitsUsed += bits;
    }
    const text = textOf(key);
    let at = firstHash(text);
    const step = secondHash(text);
    for (let i = 0; i < HASHES; i++, at = (at + step) | 0) {
      const bit = at & layer.mask;
      layer.words[bit >>> 5]! |= 1 << (bit & 31);
    }
    layer.count++;
  }

  mightHold(key: Key): boolean {
    if (this.overflowed) return true;
    if (this.layers.length === 0) return false;
    const text = textOf(key);
    const first = firstHash(text);
    const step = secondHash(text);
    return this.layers.some((layer) => holds(layer, first, step));
  }
}

interface Layer {
  words: Int32Array;
  /** Bits in the layer, less one: a power of two, so a hash is cut to it with a mask. */
  mask: number;
  capacity: number;
  count: number;
}

/** 10 bits a key and 7 hashes: about 0.8% of the keys never met are taken for met, per layer. */
const BITS_PER_KEY = 10;
const HASHES = 7;
/** Layers are powers of two in bits, so a hash is cut to one with a mask: 16 KiB first, 13k keys. */
const FIRST_BITS = 2 ** 17;
const GROWTH = 4;
/** 16 MiB of bits at most; the layers that fit under it hold about 4.4 million keys in 5.3 MiB. */
const MAX_BITS = 2 ** 27;

function holds(layer: Layer, first: number, step: number): boolean {
  let at = first;
  for (let i = 0; i < HASHES; i++, at = (at + step) | 0) {
    const bit = at & layer.mask;
    if ((layer.words[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/** Keys are names, composite keys joined, or numbers; NULL and 'null' may collide, which costs a search. */
const textOf = (key: Key): string => (typeof key === 'string' ? key : String(key));

/** FNV-1a over UTF-16 code units. */
function firstHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** A second, independent hash (MurmurHash2's multiplier and shift), odd so its steps reach every bit. */
function secondHash(text: string): number {
  let hash = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return hash | 1;
}
