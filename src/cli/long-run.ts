import type { CliIo } from './command';
import { explainDatabaseError } from './database';
import { abortOnInterrupt } from './interrupt';
import { createProgressRenderer, type ProgressRenderer } from './progress';

/**
 * A long library call (an import, a cover run) as the CLI runs it: progress on stderr, except
 * with --json when stderr is no terminal (a program reads stdout; the lines would only help a
 * person); Ctrl-C aborts `signal`; a database error names the file.
 */
export async function runLong<T>(
  dbPath: string,
  json: boolean,
  io: CliIo,
  run: (signal: AbortSignal, progress: ProgressRenderer | undefined) => Promise<T>,
): Promise<T> {
  const progress = json && !io.stderr.isTTY ? undefined : createProgressRenderer(io.stderr);
  const controller = new AbortController();
  const release = abortOnInterrupt(controller, (line) => {
    progress?.end();
    io.stderr.write(`${line}\n`);
  });
  try {
    return await run(controller.signal, progress);
  } catch (error) {
    throw explainDatabaseError(dbPath, error);
  } finally {
    release();
    progress?.end();
  }
}
