import type { FuzzRead } from './reader';
import { unreadableReason } from './readable-reason';

/** The memory a reader thread's process may reach while reading one mutant (pdfjs and 7-Zip's wasm included). */
export const MEMORY_BOUND_BYTES = 1536 * 1024 * 1024;

/** Undefined when the read kept every promise, else what went wrong. */
export function problemWith(read: FuzzRead): string | undefined {
  switch (read.kind) {
    case 'timeout':
      return 'ran past the per-file timeout';
    case 'crash':
      return `crashed the reader thread: ${read.message.split('\n')[0]}`;
    case 'threw':
      return `readComic threw: ${read.message.split('\n')[0]}`;
    case 'outcome': {
      if (read.rssBytes > MEMORY_BOUND_BYTES) return `used ${Math.round(read.rssBytes / 2 ** 20)} MiB`;
      const { outcome } = read;
      if (!outcome.ok) {
        const wrong = unreadableReason(outcome.reason);
        return wrong && `reason ${wrong}: ${JSON.stringify(outcome.reason)}`;
      }
      const pages = outcome.comic.pageCount;
      return Number.isSafeInteger(pages) && pages >= 0 ? undefined : `impossible page count ${pages}`;
    }
  }
}
