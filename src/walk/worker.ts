import { parentPort, workerData } from 'node:worker_threads';
import { claimNext, type WalkerInput, type WalkerResult, walkTask } from './split-walk';
import { emptyScan } from './walk';

/**
 * A split walk's helper thread (split-walk.ts): takes tasks from the shared counter until none
 * are left, then sends everything it walked in one message, its file list transferred.
 */
if (!parentPort) throw new Error('worker.ts runs only as a worker thread');
const { root, tasks, claim } = workerData as WalkerInput;
const counter = new Int32Array(claim);
const scan = emptyScan();
const spans: WalkerResult['spans'] = [];
for (let index = claimNext(counter); index < tasks.length; index = claimNext(counter)) {
  const { relative, absolute } = tasks[index]!;
  const path = typeof absolute === 'string' ? absolute : Buffer.from(absolute.buffer, absolute.byteOffset, absolute.byteLength);
  spans.push([index, (await walkTask(root, { relative, absolute: path }, scan, undefined)).span]);
}
const { files, folders, unreadable } = scan;
const parts = files.parts();
parentPort.postMessage({ files: parts, folders, unreadable, spans } satisfies WalkerResult, [...parts.pathBlocks, ...parts.numberBlocks]);
