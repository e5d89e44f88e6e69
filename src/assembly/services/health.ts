import type { AppContext } from '../context.ts';
import type { Poller } from '../../adapters/scheduler/scheduler.ts';
import { systemClock } from '../../adapters/clock/clocks.ts';
import { createHealthStore } from '../../adapters/db/health-store.ts';
import { HEARTBEAT_EVERY_MS, type ReadinessDeps } from '../../application/health/check-readiness.ts';
import type { HealthStore } from '../../application/health/ports.ts';

/** What the readiness checks need, for /readyz and `kaiheisen status`. */
export function readinessDepsOf(ctx: AppContext): Omit<ReadinessDeps, 'bot'> {
  return { store: createHealthStore(ctx.db), clock: ctx.clock, wallClock: systemClock, thresholds: ctx.config.readiness };
}

/**
 * Writes the bot's heartbeat for `kaiheisen status` (another process): on the scheduler, so a stalled scheduler
 * shows as a stale heartbeat. At most one write per ~interval, also when a virtual clock ticks more often; a console
 * clock standing still still beats on the wall clock (status judges the write's wall time).
 */
export const HEARTBEAT_POLLER = { name: 'heartbeat', everyMs: HEARTBEAT_EVERY_MS } as const;

export function heartbeatPoller(store: Pick<HealthStore, 'beat'>): Poller {
  let last: number | undefined;
  let lastWall = 0;
  const soon = HEARTBEAT_EVERY_MS * 0.66;
  return {
    ...HEARTBEAT_POLLER,
    tick: async (now) => {
      const recent = last !== undefined && now.getTime() - last < soon && now.getTime() >= last;
      if (recent && Date.now() - lastWall < soon) return;
      await store.beat(now);
      last = now.getTime();
      lastWall = Date.now();
    },
  };
}
