export interface ReadFloorCount {
  files: number;
  bytes: number;
}
export function readFloorFiles(paths: readonly string[]): ReadFloorCount;
export function readFloorThreaded(paths: readonly string[], threads: number): Promise<ReadFloorCount & { ms: number }>;
