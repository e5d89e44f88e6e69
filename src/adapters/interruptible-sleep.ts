/**
 * A platform adapter's wait between retries that ends early when `signal` aborts (the bot is stopping): it then
 * rejects with `error()`, a retryable delivery error, so the delivery stays in the outbox for the next start.
 */
export function interruptible(sleep: (ms: number) => Promise<void>, signal: AbortSignal, error: () => Error): (ms: number) => Promise<void> {
  return (ms) => {
    if (signal.aborted) return Promise.reject(error());
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(error());
      signal.addEventListener('abort', onAbort, { once: true });
      sleep(ms).then(
        () => (signal.removeEventListener('abort', onAbort), resolve()),
        (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e as Error)),
      );
    });
  };
}
