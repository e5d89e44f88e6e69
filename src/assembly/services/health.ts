import type { AppContext } from '../context.ts';
import type { Poller } from '../../adapters/scheduler/scheduler.ts';
import { createHealthStore } from '../../adapters/db/health-store.ts';
import { HEARTBEAT_EVERY_MS, type ReadinessDeps } from '../../application/health/check-readiness.ts';
import type { HealthStore } from '../../application/health/ports.ts';

/** What the readiness checks need, for /readyz and `kaiheisen status`. */
export function readinessDepsOf(ctx: AppContext): Omit<ReadinessDeps, 'bot'> {
  return { store: createHealthStore(ctx.db), clock: ctx.clock, thresholds: ctx.config.readiness };
}

/**
 * Writes the bot's heartbeat for `kaiheisen status` (another process): on the scheduler, so a stalled scheduler
 * shows as a stale heartbeat. At most one write per ~interval, also when a virtual clock ticks more often.
 */
export const HEARTBEAT_POLLER = { name: 'heartbeat', everyMs: HEARTBEAT_EVERY_MS } as const;

export function heartbeatPoller(store: Pick<HealthStore, 'beat'>): Poller {
  let last: number | undefined;
  return {
    ...HEARTBEAT_POLLER,
    tick: async (now) => {
      if (last !== undefined && now.getTime() - last < HEARTBEAT_EVERY_MS * 0.66 && now.getTime() >= last) return;
      await store.beat(now);
      last = now.getTime();
    },
  };
}
