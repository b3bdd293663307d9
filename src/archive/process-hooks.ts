/**
 * node-unrar-js's emscripten glue, when its module is first created, hooks the process: every
 * unhandled rejection and uncaught exception is rethrown (Node's default anyway). That also
 * defeats the PDF reader's handling of pdf.js's background failures in the same thread, so the
 * hooks `create` adds are taken off again.
 */
export async function withoutNewProcessHooks<T>(create: () => Promise<T>): Promise<T> {
  const emitter: NodeJS.EventEmitter = process;
  const events = ['unhandledRejection', 'uncaughtException'];
  const before = events.map((event) => new Set(emitter.listeners(event)));
  try {
    return await create();
  } finally {
    events.forEach((event, i) => {
      for (const listener of emitter.listeners(event)) if (!before[i]!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    });
  }
}
