import { Worker } from 'node:worker_threads';

const RACER = new URL('./racer.mjs', import.meta.url);

/**
 * Runs `task` on each target in two threads at once, round by round (both meet at a barrier
 * before each round, so every round is a real race); returns each thread's outcome per round.
 */
export async function race(task: 'lock' | 'migrate', rounds: string[]): Promise<[string[], string[]]> {
  const barrier = new SharedArrayBuffer(4 * rounds.length * 2);
  const run = () =>
    new Promise<string[]>((resolve, reject) => {
      const worker = new Worker(RACER, { workerData: { task, rounds, barrier } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  return Promise.all([run(), run()]) as Promise<[string[], string[]]>;
}
