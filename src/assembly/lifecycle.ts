export interface Lifecycle {
  stop(): Promise<void>;
  done: Promise<void>;
  signal: AbortSignal;
}

/** stop() once, from whichever comes first: the caller, the end of the console input, SIGINT or SIGTERM. */
export function createLifecycle(shutdown: () => Promise<void>, handleSignals: boolean): Lifecycle {
  const abort = new AbortController();
  let stopping: Promise<void> | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const onSignal = () => void stop();
  function stop(): Promise<void> {
    stopping ??= (async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      abort.abort();
      try {
        await shutdown();
      } finally {
        finished();
      }
    })();
    return stopping;
  }
  if (handleSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { stop, done, signal: abort.signal };
}
