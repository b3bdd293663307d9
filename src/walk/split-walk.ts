import { Worker } from 'node:worker_threads';
import { workerScriptUrl } from '../worker-script';
import { FileList, type FileListParts, type FileStat } from './file-list';
import { comicEntriesInOrder, emptyScan, entryPath, folderAdder, type PendingFolder, readFolder, type ScanResult, walkFolder, walkLibrary, walkTree } from './walk';

/**
 * A full walk on two threads. A no-change rescan is mostly the walk's system calls (an `lstat`
 * per comic, a `readdir` and a `stat` per folder: 1.3 of the 2 s a 100k-comic rescan took on one
 * thread), and the kernel runs two threads' calls side by side. The top of the tree is listed first, down to the
 * first level holding at least HAND_OFFS folders (at most MAX_DEPTH down); each folder there is a
 * task. A helper thread and this one take the next task from one shared counter, whichever is free, each walking a
 * task's subtree as walkLibrary would, while this thread also walks what lies above the tasks and
 * notes where each task's files belong. The pieces are then joined in that order, so the result is
 * the one walkLibrary gives: files in path order, folders in the order they were entered.
 *
 * A helper that fails to start or stops leaves its tasks unclaimed or unanswered, and this thread
 * walks them: the helper only ever makes the walk faster.
 */
export async function splitWalk(root: string, options: SplitWalkOptions = {}): Promise<SplitWalk> {
  const { signal } = options;
  const tasks = handOffFolders(root);
  if (!tasks) return { scan: await walkLibrary(root, { signal }), tasks: 0, walkedByHelper: 0 };
  const claim = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const walked: (Walked | undefined)[] = new Array<Walked | undefined>(tasks.length);
  const helper = startHelper(options.helper ?? workerScriptUrl('walk', import.meta.url), { root, tasks, claim: claim.buffer as SharedArrayBuffer }, walked);
  try {
    // This thread's own files, folders and failures, above the tasks and in the tasks it takes.
    const own = emptyScan();
    const pieces = await walkAbove(root, tasks, own, signal);
    if (options.callerTakesTasks ?? true) {
      for (let index = claimNext(claim); index < tasks.length; index = claimNext(claim)) walked[index] = await walkTask(root, tasks[index]!, own, signal);
    }
    if (walked.includes(undefined)) await finishedUnlessAborted(helper.finished, signal);
    signal?.throwIfAborted();
    const walkedByHelper = helper.tasksWalked();
    // Whatever the helper claimed and never sent (it failed) is walked here.
    for (const [index, done] of walked.entries()) if (!done) walked[index] = await walkTask(root, tasks[index]!, own, signal);
    return { scan: joinPieces(pieces, walked as Walked[]), tasks: tasks.length, walkedByHelper };
  } finally {
    void helper.worker.terminate();
  }
}

/** Waits for the helper, or for an abort, which need not wait for the helper's last task. */
async function finishedUnlessAborted(finished: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return finished;
  signal.throwIfAborted();
  let onAbort = () => undefined as void;
  const aborted = new Promise<void>((resolve) => (onAbort = resolve));
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([finished, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export interface SplitWalkOptions {
  signal?: AbortSignal;
  /** The helper's script (tests pass one that fails). */
  helper?: URL;
  /** False: the helper walks every task (tests, to see its results joined). */
  callerTakesTasks?: boolean;
}

export interface SplitWalk {
  scan: ScanResult;
  /** Folders handed out as tasks (0: the tree was walked on this thread alone). */
  tasks: number;
  walkedByHelper: number;
}

/**
 * Below about this many comics the helper's start-up (a thread, its modules, code not yet
 * optimised) takes most of what it saves. A single walk in a new process, built package, median
 * of 3-5: 10k 228 against 289 ms on two threads, 60k 912 against 854 ms, 100k 1498 against
 * 1186 ms.
 */
export const SPLIT_WALK_COMICS = 50_000;

/** Fewer folders than this at a level: the next level is looked at, as the tasks would be too few to share. */
const HAND_OFFS = 32;
const MAX_DEPTH = 3;

/** The folders handed out as tasks, in path order, or undefined when the tree is too small to split. */
function handOffFolders(root: string): PendingFolder[] | undefined {
  let level: PendingFolder[] = [{ relative: '', absolute: root }];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const next: PendingFolder[] = [];
    for (const folder of level) {
      let entries;
      try {
        // What cannot be read here, the walk reads again and reports.
        entries = comicEntriesInOrder(readFolder(folder, emptyScan()));
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (entry.isDirectory()) next.push({ relative: folder.relative === '' ? entry.name : `${folder.relative}/${entry.name}`, absolute: entryPath(folder, entry) });
      }
    }
    if (next.length >= HAND_OFFS) return next;
    if (next.length === 0) return undefined;
    level = next;
  }
  return undefined;
}

/** Where a piece of the walk is: a range of each list of a thread's ScanResult. */
interface Span {
  files: [number, number];
  folders: [number, number];
  unreadable: [number, number];
}

/** A piece of the result: its span and the ScanResult it is a range of. */
interface Walked {
  scan: ScanResult;
  span: Span;
}

const lengthsOf = (scan: ScanResult) => [scan.files.length, scan.folders.length, scan.unreadable.length] as const;

/**
 * Starts a piece of `scan` where it now ends, as a new run of its file list (so the piece can be
 * appended to the joined list on its own); the returned function gives the piece's span so far.
 */
function pieceFrom(scan: ScanResult): () => Span {
  scan.files.startRun();
  const [files, folders, unreadable] = lengthsOf(scan);
  return () => {
    const [filesTo, foldersTo, unreadableTo] = lengthsOf(scan);
    return { files: [files, filesTo], folders: [folders, foldersTo], unreadable: [unreadable, unreadableTo] };
  };
}

/**
 * Walks the tree down to the tasks: the pieces of the result in path order, a task's index
 * standing where its files go. A folder made since the tasks were listed is walked here, one gone
 * is simply not met (its task's result is left out).
 */
async function walkAbove(root: string, tasks: PendingFolder[], scan: ScanResult, signal: AbortSignal | undefined): Promise<(Walked | number)[]> {
  const taskOf = new Map(tasks.map((task, index) => [task.relative, index]));
  const pieces: (Walked | number)[] = [];
  let span = pieceFrom(scan);
  await walkTree(root, scan, signal, (relative) => {
    const index = taskOf.get(relative);
    if (index === undefined) return false;
    pieces.push({ scan, span: span() }, index);
    span = pieceFrom(scan);
    return true;
  });
  pieces.push({ scan, span: span() });
  return pieces;
}

/** One task: its folder's subtree, as walkLibrary walks a folder it enters, added to `scan`. */
export async function walkTask(root: string, task: PendingFolder, scan: ScanResult, signal: AbortSignal | undefined): Promise<Walked> {
  const span = pieceFrom(scan);
  await walkFolder(root, task, scan, folderAdder(scan), signal);
  return { scan, span: span() };
}

/** The next task's index, for whichever thread asks first (past the last one: none left). */
export const claimNext = (claim: Int32Array): number => Atomics.add(claim, 0, 1);

function joinPieces(pieces: (Walked | number)[], walked: Walked[]): ScanResult {
  const joined = emptyScan();
  for (const piece of pieces) {
    const { scan, span } = typeof piece === 'number' ? walked[piece]! : piece;
    joined.files.append(scan.files, ...span.files);
    for (let index = span.folders[0]; index < span.folders[1]; index++) joined.folders.push(scan.folders[index]!);
    for (let index = span.unreadable[0]; index < span.unreadable[1]; index++) joined.unreadable.push(scan.unreadable[index]!);
  }
  return joined;
}

export interface WalkerInput {
  root: string;
  /** A name that is not UTF-8 arrives as bytes (a Buffer is cloned as a Uint8Array). */
  tasks: { relative: string; absolute: string | Uint8Array }[];
  claim: SharedArrayBuffer;
}

/** The helper's one message, when no task is left: what it walked, and where each task's part of it is. */
export interface WalkerResult {
  files: FileListParts;
  folders: FileStat[];
  unreadable: ScanResult['unreadable'];
  spans: [index: number, span: Span][];
}

function startHelper(script: URL, input: WalkerInput, walked: (Walked | undefined)[]) {
  const worker = new Worker(script, { workerData: input });
  let count = 0;
  const finished = new Promise<void>((resolve) => {
    worker.on('message', (message: WalkerResult) => {
      try {
        const scan = { files: FileList.fromParts(message.files), folders: message.folders, unreadable: message.unreadable };
        const received = message.spans.map(([index, span]) => [index, { scan, span }] as const);
        for (const [index, piece] of received) walked[index] = piece;
        count = received.length;
      } catch {
        // A message that is not what this build sends (another build's helper): its tasks are walked here.
      }
      resolve();
    });
    // A helper that fails is replaced by this thread (splitWalk); its error changes nothing else.
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  });
  return { worker, finished, tasksWalked: () => count };
}
