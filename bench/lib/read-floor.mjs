// The read floor: the least work that gets every archive's metadata bytes off the disk, nothing
// parsed. A CBZ: open, read the zip's tail (end record + central directory, where the comment
// lives too), find ComicInfo.xml, read and inflate it, close. Any other format: read the whole
// file, since finding its metadata takes the bytes anyway.
//
// Plain JavaScript, so the same file serves as the worker threads' entry without a TypeScript
// loader (a loader in the worker would add its start-up to the floor).
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { inflateRawSync } from 'node:zlib';

const END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const TAIL_BYTES = 65_557; // end record (22) + the longest comment (65535)
const WANTED = 'comicinfo.xml';

/** Reads the metadata bytes of every path; returns how many files and bytes it got. */
export function readFloorFiles(paths) {
  let bytes = 0;
  for (const path of paths) bytes += path.toLowerCase().endsWith('.cbz') ? readZipMetadata(path) : readFileSync(path).length;
  return { files: paths.length, bytes };
}

/**
 * A broken zip (a real library holds some) costs what was read before the bytes stopped making
 * sense: every offset and length is checked against the file before it is used, as the reader
 * must, so the floor never reads past the end or allocates what a forged length claims.
 */
function readZipMetadata(path) {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailStart = Math.max(0, size - TAIL_BYTES);
    const tail = Buffer.allocUnsafe(size - tailStart);
    readSync(fd, tail, 0, tail.length, tailStart);
    let bytes = tail.length;
    const end = tail.lastIndexOf(END_RECORD);
    if (end < 0 || end + 22 > tail.length) return bytes;
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) return bytes;
    let directory;
    let at;
    if (directoryOffset >= tailStart) {
      directory = tail;
      at = directoryOffset - tailStart;
    } else {
      directory = Buffer.allocUnsafe(directorySize);
      readSync(fd, directory, 0, directorySize, directoryOffset);
      bytes += directorySize;
      at = 0;
    }
    const directoryEnd = Math.min(at + directorySize, directory.length);
    while (at + 46 <= directoryEnd) {
      const nameLength = directory.readUInt16LE(at + 28);
      if (at + 46 + nameLength > directoryEnd) return bytes;
      const name = directory.toString('latin1', at + 46, at + 46 + nameLength);
      if (name.length >= WANTED.length && name.slice(-WANTED.length).toLowerCase() === WANTED) {
        return bytes + readEntry(fd, size, directory.readUInt32LE(at + 42), directory.readUInt32LE(at + 20), directory.readUInt16LE(at + 10));
      }
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The bytes of one entry (inflated when deflated), or of as much of it as is there. */
function readEntry(fd, size, offset, compressedSize, method) {
  if (offset + 30 > size) return 0;
  const local = Buffer.allocUnsafe(30);
  readSync(fd, local, 0, 30, offset);
  const dataStart = offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + compressedSize > size) return 30;
  const data = Buffer.allocUnsafe(compressedSize);
  readSync(fd, data, 0, compressedSize, dataStart);
  if (method !== 8) return 30 + data.length;
  try {
    return 30 + inflateRawSync(data).length;
  } catch {
    return 30 + data.length; // damaged deflate data: read, not inflated
  }
}

/**
 * The floor over `threads` worker threads: the threads start and report ready first, then the
 * clock runs from handing out the paths (interleaved) to the last thread's answer.
 */
export async function readFloorThreaded(paths, threads) {
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url)));
  try {
    await Promise.all(workers.map((worker) => once(worker)));
    const started = performance.now();
    const results = await Promise.all(
      workers.map((worker, w) => {
        const answer = once(worker);
        worker.postMessage(paths.filter((_, i) => i % threads === w));
        return answer;
      }),
    );
    const ms = performance.now() - started;
    return { ms, files: paths.length, bytes: results.reduce((sum, r) => sum + r.bytes, 0) };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function once(worker) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (paths) => port.postMessage(readFloorFiles(paths)));
  port.postMessage({ ready: true });
}
