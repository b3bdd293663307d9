/**
 * Formats whose reader loads a large library into the thread that meets one: pdfjs (about 80 MB)
 * and 7-Zip's wasm (about 40 MB). The pool batches them apart so it can route them (pool.ts). The
 * extension is only a routing hint: the reader trusts the file's bytes either way.
 */
export const HEAVY_FORMATS = /\.(pdf|cb7|7z)$/i;

export interface LaneBatch {
  paths: string[];
  heavy: boolean;
}

/**
 * Pulls paths from a sync or async iterable into two lanes, light and heavy formats, and hands
 * out a lane's batch as soon as it is full (at the end, what is left, light first); single light
 * paths can be taken for the calling thread to read. No more than a batch of light paths is ever
 * pulled ahead, and no more heavy ones than the caller lets nextLight hold.
 */
export function pathBatches(paths: Iterable<string> | AsyncIterable<string>, size: number) {
  const sync = Symbol.iterator in paths ? paths[Symbol.iterator]() : undefined;
  const async = sync ? undefined : (paths as AsyncIterable<string>)[Symbol.asyncIterator]();
  const lanes = { light: [] as string[], heavy: [] as string[] };
  let done = false;

  /** One more path into its lane; false at the end of the input. */
  async function pull(): Promise<boolean> {
    if (done) return false;
    const result = sync ? sync.next() : await async!.next();
    if (result.done) {
      done = true;
      return false;
    }
    (HEAVY_FORMATS.test(result.value) ? lanes.heavy : lanes.light).push(result.value);
    return true;
  }

  return {
    async next(): Promise<LaneBatch | undefined> {
      for (;;) {
        if (lanes.light.length >= size) return { paths: lanes.light.splice(0, size), heavy: false };
        if (lanes.heavy.length >= size) return { paths: lanes.heavy.splice(0, size), heavy: true };
        if (!(await pull())) break;
      }
      if (lanes.light.length > 0) return { paths: lanes.light.splice(0), heavy: false };
      if (lanes.heavy.length > 0) return { paths: lanes.heavy.splice(0), heavy: true };
      return undefined;
    },
    /**
     * The oldest light path that `wanted` accepts, pulling for one until the light lane is full
     * (that batch is due to a worker first), the heavy lane holds `heavyAhead` paths, or the input
     * ends. A heavy lane let past a batch keeps the calling thread reading while the worker that
     * takes heavy batches is busy (loading pdf.js, say); it holds only path strings.
     */
    async nextLight(wanted: RegExp, heavyAhead = size): Promise<string | undefined> {
      for (;;) {
        const at = lanes.light.findIndex((path) => wanted.test(path));
        if (at >= 0) return lanes.light.splice(at, 1)[0];
        if (lanes.light.length >= size || lanes.heavy.length >= heavyAhead || !(await pull())) return undefined;
      }
    },
    /** The whole input when it is at most `max` paths (pulls up to max + 1), else undefined. */
    async whole(max: number): Promise<string[] | undefined> {
      while (lanes.light.length + lanes.heavy.length <= max && (await pull()));
      const all = [...lanes.light, ...lanes.heavy];
      return done && all.length <= max ? all : undefined;
    },
    async return(): Promise<void> {
      sync?.return?.();
      await async?.return?.();
    },
  };
}
