import { inspect } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { ReadOutcome } from '../../src/read/read-comic';

/**
 * Reads fuzz cases on a thread of its own, so a case that hangs (a tight loop never yields to a
 * timer) or crashes (an unhandled rejection, an out-of-memory) is seen and survived: the thread
 * is replaced and the next case goes on.
 */
export type FuzzRead =
  | { kind: 'outcome'; outcome: ReadOutcome; rssBytes: number }
  | { kind: 'threw'; message: string }
  | { kind: 'timeout' }
  | { kind: 'crash'; message: string };

export interface FuzzReaderOptions {
  /** A case that takes longer fails: the import's per-file timeout is 120 s, this is well inside it. */
  timeoutMs: number;
  /** V8 heap for the thread; past it the thread dies, which is a finding. */
  heapMb: number;
}

const ENTRY = new URL('./read-worker.mjs', import.meta.url);

export class FuzzReader {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;

  constructor(private readonly options: FuzzReaderOptions) {}

  async read(path: string): Promise<FuzzRead> {
    const worker = await this.start();
    return new Promise<FuzzRead>((resolve) => {
      const finish = (result: FuzzRead, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (replace) void this.stop();
        resolve(result);
      };
      const onMessage = (message: FuzzRead) => finish(message, false);
      const onError = (error: unknown) => finish({ kind: 'crash', message: error instanceof Error ? String(error.stack) : inspect(error) }, true);
      const onExit = (code: number) => finish({ kind: 'crash', message: `reader thread exited with ${code}` }, true);
      const timer = setTimeout(() => finish({ kind: 'timeout' }, true), this.options.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(path);
    });
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private async start(): Promise<Worker> {
    if (!this.worker) {
      const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
      this.worker = worker;
      this.ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      });
    }
    await this.ready;
    return this.worker;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    await worker?.terminate();
  }
}
