import type { Clock, Logger } from '../ports.ts';
import type { DeliveryStore, StoredDelivery } from './delivery-ports.ts';
import { ChatDeliveryError, type MessageRefStore, type PlatformAdapter, type PlatformTarget } from './ports.ts';
import type { Platform } from './view.ts';

/** What one attempt needs: the outbox, the update-in-place refs, the platforms of this instance. */
export interface AttemptDeps {
  store: DeliveryStore;
  refs: MessageRefStore;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  clock: Clock;
  logger: Logger;
  /** Owner of the claims this instance makes. */
  instanceId: string;
  /** How long a claim protects an attempt in progress (default 5 minutes); renewed while it runs (see `every`). */
  leaseMs?: number;
  /**
   * Calls `fn` every `ms` until the returned function is called (the runtime's timer). With it, an attempt in
   * progress (a platform asking to wait, Retry-After) renews its claim, so the lease can be short and a crashed
   * process's claims run out soon; without it the lease is not renewed.
   */
  every?(ms: number, fn: () => void): () => void;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

export const leaseUntilOf = (deps: Pick<AttemptDeps, 'leaseMs'>, now: Date) => new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS));

export type AttemptOutcome =
  | { kind: 'sent'; ref: string }
  /** A retryable failure: the delivery stays pending and the sender tries again later. */
  | { kind: 'queued'; reason: string }
  /** Refused for good (the platform refused the target): the delivery is failed. */
  | { kind: 'failed'; reason: string };

/** Outcomes of the deliveries a run over a target's queue handled, by id ('dropped': superseded; 'waiting': not attempted). */
export type QueueOutcomes = Map<number, AttemptOutcome | { kind: 'dropped' } | { kind: 'waiting' }>;

/** Waits after the 1st, 2nd … failed attempt; the last one repeats (5 s, 15 s, 30 s, 1 min, 2 min, then every 5 min). */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

export const retryDelayMs = (failedAttempts: number): number =>
  RETRY_DELAYS_MS[Math.min(Math.max(failedAttempts, 1), RETRY_DELAYS_MS.length) - 1]!;

export const targetKey = (t: PlatformTarget) => (t.kind === 'user' ? `user:${t.userRef}` : `channel:${t.channelRef}`);

/** The MessageRefStore key of a keyed view at a target (the same as before the outbox: refs stay valid). */
export const refKeyOf = (viewKey: string, target: PlatformTarget) => `${viewKey}@${targetKey(target)}`;

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One attempt of a claimed delivery. A keyed view updates the message it was last sent as (MessageRefStore), and
 * that ref is written only once the platform has the message. `resume`: an earlier attempt may have posted it.
 */
export async function attemptDelivery(deps: AttemptDeps, d: StoredDelivery, resume: boolean, retryBudgetMs?: number): Promise<AttemptOutcome> {
  const adapter = deps.adapters.get(d.platform);
  if (!adapter) {
    // Another instance (or this one after a configuration change) may have the platform; the age limit ends it.
    const reason = `platform ${d.platform} is not enabled in this instance`;
    await deps.store.retryLater(d.id, reason, new Date(deps.clock.now().getTime() + retryDelayMs(d.attempts + 1)));
    return { kind: 'queued', reason };
  }
  const refKey = d.view.key ? refKeyOf(d.view.key, d.target) : undefined;
  const existing = refKey ? await deps.refs.get(d.platform, refKey) : undefined;
  let ref: string;
  const stopRenewing = keepClaim(deps, d);
  try {
    const attempt = { id: `delivery-${d.id}-${d.createdAt.getTime().toString(36)}`, ...(resume ? { resumeSince: d.createdAt } : {}), ...(retryBudgetMs !== undefined ? { retryBudgetMs } : {}) };
    ref = await adapter.post(d.target, d.view, existing, attempt);
  } catch (e) {
    stopRenewing();
    const reason = reasonOf(e);
    const now = deps.clock.now();
    if (e instanceof ChatDeliveryError && e.retryable) {
      await deps.store.retryLater(d.id, reason, new Date(now.getTime() + retryDelayMs(d.attempts + 1)));
      deps.logger.warn('chat delivery queued for a retry', { deliveryId: d.id, platform: d.platform, attempt: d.attempts + 1, reason });
      return { kind: 'queued', reason };
    }
    await deps.store.finish(d.id, 'failed', reason, now, true);
    deps.logger.warn('chat delivery failed', { deliveryId: d.id, platform: d.platform, reason });
    return { kind: 'failed', reason };
  }
  stopRenewing();
  // The platform has it: from here on a failure must not make anyone send it again.
  if (refKey) await deps.refs.put(d.platform, refKey, targetKey(d.target), ref);
  await deps.store.markSent(d.id, ref, deps.clock.now());
  return { kind: 'sent', ref };
}

/** Renews the claim on `d` every third of the lease while its attempt runs; returns the function that stops it. */
function keepClaim(deps: AttemptDeps, d: StoredDelivery): () => void {
  if (!deps.every) return () => {};
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  return deps.every(Math.max(1_000, Math.floor(leaseMs / 3)), () => {
    deps.store.renew(d.id, deps.instanceId, leaseUntilOf(deps, deps.clock.now())).then(
      (kept) => {
        if (!kept) deps.logger.warn('delivery claim lost during its attempt', { deliveryId: d.id, platform: d.platform });
      },
      (e: unknown) => deps.logger.warn('delivery claim not renewed', { deliveryId: d.id, platform: d.platform, error: reasonOf(e) }),
    );
  });
}
