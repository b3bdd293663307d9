/** One pass of the scan floor over `root`; `visits(name, isDirectory)` picks the entries walked (default: all). */
export function scanPass(root: string, visits?: (name: string, isDirectory: boolean) => boolean): { files: number; folders: number };
