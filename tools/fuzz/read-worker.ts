import { parentPort } from 'node:worker_threads';
import { readComic } from '../../src/read/read-comic';

/** Reads one file per message with readComic, as an import's reader thread does, and reports memory after it. */
const port = parentPort;
if (!port) throw new Error('read-worker.ts runs only as a worker thread');
/** Work a reader leaves running (pdf.js checking pages) fails a moment later: the case waits for it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

port.on('message', async (path: string) => {
  try {
    const outcome = await readComic(path);
    await settle();
    port.postMessage({ kind: 'outcome', outcome, rssBytes: process.memoryUsage().rss });
  } catch (error) {
    // readComic promises never to throw: a throw is a finding, reported as such.
    port.postMessage({ kind: 'threw', message: String((error as Error)?.stack ?? error) });
  }
});
port.postMessage({ kind: 'ready' });
