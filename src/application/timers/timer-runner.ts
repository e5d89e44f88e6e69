import type { Logger } from '../ports.ts';
import type { ClaimedTimer, TimerStore } from './ports.ts';
import { InvalidTimerPayload, type TimerHandler } from './timer-kinds.ts';

export type { TimerHandler } from './timer-kinds.ts';

export interface TimerRunnerDeps {
  store: TimerStore;
  handlers: Record<string, TimerHandler>;
  logger: Logger;
  instanceId: string;
  leaseMs?: number;
  maxAttempts?: number;
  batch?: number;
}

const RETRY_BASE_MS = 30_000;

/**
 * Runs every due timer once (claimed atomically), whatever instance or restart comes first. Overdue timers found at
 * start run on the first tick. A failing step is retried with backoff, then given up and logged; a payload that
 * does not fit its kind (timer-kinds.ts) is given up at once.
 */
export function createTimerRunner(deps: TimerRunnerDeps) {
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const maxAttempts = deps.maxAttempts ?? 5;

  async function runOne(timer: ClaimedTimer, now: Date): Promise<void> {
    const handler = deps.handlers[timer.kind];
    if (!handler) {
      deps.logger.error('no handler for timer kind', { kind: timer.kind, id: timer.id });
      await deps.store.retry(timer.id, `no handler for ${timer.kind}`, now, true);
      return;
    }
    try {
      await handler(timer, now);
      await deps.store.complete(timer.id, now);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A payload that does not fit its kind will not fit on the next attempt either.
      const giveUp = e instanceof InvalidTimerPayload || timer.attempts + 1 >= maxAttempts;
      const retryAt = new Date(now.getTime() + RETRY_BASE_MS * 2 ** timer.attempts);
      deps.logger.error('timer step failed', { kind: timer.kind, id: timer.id, attempt: timer.attempts + 1, giveUp, error: message });
      await deps.store.retry(timer.id, message, retryAt, giveUp);
    }
  }

  /** One tick: claims and runs what is due at `now`. Returns how many steps ran. */
  async function tick(now: Date): Promise<number> {
    let ran = 0;
    for (;;) {
      const claimed = await deps.store.claimDue(now, deps.instanceId, leaseMs, deps.batch ?? 50);
      for (const timer of claimed) await runOne(timer, now);
      ran += claimed.length;
      if (claimed.length < (deps.batch ?? 50)) return ran;
    }
  }

  return { tick };
}
