import { EXIT } from './exit';

/**
 * Ctrl-C during an import: the first one aborts `controller`, so the import stops at the next
 * chunk or phase boundary with its committed work kept and its PRAGMAs restored; a second one
 * quits without waiting for the current step (handlers run between transactions, which are
 * synchronous, so none is left half-written; the next run still converges).
 * Returns the function that removes the handler, so a finished run exits normally.
 */
export function abortOnInterrupt(controller: AbortController, say: (line: string) => void): () => void {
  const onInterrupt = () => {
    if (!controller.signal.aborted) {
      say('longbox: stopping after the current step; press Ctrl-C again to quit at once');
      controller.abort();
      return;
    }
    say('longbox: quit; the next run of the same command completes the import');
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onInterrupt);
  return () => process.off('SIGINT', onInterrupt);
}
