/**
 * Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`.
 * The limit is a backstop for a change that never comes, not a speed test: a busy machine may
 * take many seconds, so it is generous (and below vitest's 60 s, so the failure names `what`).
 */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 50_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
