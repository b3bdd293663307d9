// A worker thread that races its twin: for each round, both meet at a barrier (Atomics on shared
// memory), then run the task at once. Used by the lock and migrate race tests.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { task, rounds, barrier } = workerData;
const { acquireImportLock } = await import('../../src/importer/import-lock.ts');
const { migrate, openDatabase } = await import('../../src/db/index.ts');
const meet = new Int32Array(barrier);

/** Both threads wait here for each other at slot `slot`. */
function sync(slot) {
  const arrived = Atomics.add(meet, slot, 1) + 1;
  if (arrived < 2) Atomics.wait(meet, slot, arrived);
  else Atomics.notify(meet, slot);
}

const outcomes = [];
for (let round = 0; round < rounds.length; round++) {
  const target = rounds[round];
  sync(round * 2);
  try {
    if (task === 'lock') {
      const release = acquireImportLock(target);
      // Held until the twin has tried too.
      sync(round * 2 + 1);
      release();
      outcomes.push('won');
      continue;
    }
    const db = openDatabase(target, { busyTimeoutMs: 30_000 });
    try {
      migrate(db);
    } finally {
      db.$client.close();
    }
    outcomes.push('migrated');
  } catch (error) {
    outcomes.push(`${error.code ?? 'error'}: ${error.message}${process.env.RACER_STACK ? error.stack : ''}`);
  }
  if (task === 'lock' && outcomes.at(-1) !== 'won') sync(round * 2 + 1);
}
parentPort.postMessage(outcomes);
