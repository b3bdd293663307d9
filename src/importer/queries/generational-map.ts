/**
 * A Map that holds at most 2 x `capacity` entries: the generation being filled and the one before
 * it. A hit in the older generation copies the entry forward; when the current generation is
 * full, the older one is dropped whole. Keys used again and again (a publisher, a role) stay;
 * a key unused for `capacity` insertions may go. Dropping a whole Map, not entries one by one,
 * costs no bookkeeping per hit, unlike an LRU list.
 */
export class GenerationalMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  /** True once an entry may have been dropped. */
  forgot = false;

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const older = this.previous.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    this.current.set(key, value);
    if (this.current.size < this.capacity) return;
    if (this.previous.size > 0) this.forgot = true;
    this.previous = this.current;
    this.current = new Map();
  }
}
