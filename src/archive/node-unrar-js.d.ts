// node-unrar-js keeps its wasm module behind an internal singleton; the in-memory extractor in
// rar.ts needs that module to subclass Extractor, and the package ships no typings for the path.
declare module 'node-unrar-js/dist/js/unrar.singleton.js' {
  export function getUnrar(options?: { wasmBinary?: ArrayBuffer }): Promise<unknown>;
}
