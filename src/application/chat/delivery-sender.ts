import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { hhmm } from '../escalation/case-text.ts';
import type { Logger } from '../ports.ts';
import { attemptDelivery, type AttemptDeps } from './delivery-attempt.ts';
import { DEFAULT_LEASE_MS } from './delivery.ts';
import type { StoredDelivery } from './delivery-ports.ts';
import type { ChatDirectory, PlatformAdapter } from './ports.ts';

export interface DeliverySenderDeps extends AttemptDeps {
  instanceId: string;
  /** Active admins (person ids): told when a delivery keeps failing. */
  admins(): Promise<string[]>;
  directory: ChatDirectory;
  leaseMs?: number;
  batch?: number;
  /** A delivery keeps failing after this many attempts … */
  alertAfterAttempts?: number;
  /** … or this long after it was written. */
  alertAfterMs?: number;
}

export interface SenderTick {
  sent: number;
  queued: number;
  failed: number;
  dropped: number;
}

export const DEFAULT_ALERT_AFTER_ATTEMPTS = 10;
export const DEFAULT_ALERT_AFTER_MS = 30 * 60_000;

/**
 * The delivery sender (a poller): claims the pending deliveries that are due, and for each one either gives it up
 * because it is no longer relevant (past its age limit → failed; a newer view of the same key → dropped) or attempts
 * it again. One that keeps failing is reported to the admins on another platform (or in the error log) once.
 */
export function createDeliverySender(deps: DeliverySenderDeps) {
  const batch = deps.batch ?? 50;

  async function handle(d: StoredDelivery, now: Date, tally: SenderTick, down: Set<string>): Promise<void> {
    if (d.logicalKey && (await deps.store.superseded(d))) {
      await deps.store.finish(d.id, 'dropped', 'superseded by a newer view of the same key', now);
      tally.dropped++;
      return;
    }
    if (d.expiresAt <= now) {
      await deps.store.finish(d.id, 'failed', `no longer relevant after ${d.attempts} attempts: ${d.lastError ?? 'not sent'}`, now);
      tally.failed++;
      await tellAdmins(deps, d, 'expired', now); // even when told it was late: now it will not come at all
      return;
    }
    if (d.logicalKey && (await deps.store.olderInFlight(d, now))) {
      await deps.store.release(d.id); // after the older one, never before it
      return;
    }
    if (down.has(d.platform)) {
      // Another delivery to the platform failed in this tick: this one waits for the next tick, which probes again.
      await deps.store.release(d.id);
      if (!d.alertedAt && keepsFailing(deps, { ...d, attempts: 0 }, now)) await tellAdmins(deps, d, 'stuck', now);
      return;
    }
    const outcome = await attemptDelivery(deps, d, true);
    if (outcome.kind === 'sent') tally.sent++;
    else if (outcome.kind === 'failed') tally.failed++;
    else {
      tally.queued++;
      down.add(d.platform); // the rest of this tick does not spend the adapter's own retries on it again
      if (!d.alertedAt && keepsFailing(deps, d, now)) await tellAdmins(deps, { ...d, attempts: d.attempts + 1, lastError: outcome.reason }, 'stuck', now);
    }
  }

  /** Sends what is due at `now`. */
  async function tick(now: Date): Promise<SenderTick> {
    const tally: SenderTick = { sent: 0, queued: 0, failed: 0, dropped: 0 };
    const leaseUntil = new Date(now.getTime() + (deps.leaseMs ?? DEFAULT_LEASE_MS));
    const down = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const claimed = await deps.store.claimDue(now, deps.instanceId, leaseUntil, batch);
      for (const d of claimed) await handle(d, now, tally, down);
      if (claimed.length < batch) break;
    }
    return tally;
  }

  return { tick };
}

function keepsFailing(deps: DeliverySenderDeps, d: StoredDelivery, now: Date): boolean {
  const attempts = d.attempts + 1;
  return attempts >= (deps.alertAfterAttempts ?? DEFAULT_ALERT_AFTER_ATTEMPTS) || now.getTime() - d.createdAt.getTime() >= (deps.alertAfterMs ?? DEFAULT_ALERT_AFTER_MS);
}

const since = (at: Date, now: Date) => (tokyoDate(at) === tokyoDate(now) ? hhmm(at) : `${tokyoDate(at)} ${hhmm(at)}`);

/** Who the delivery was for, without personal data: a person id, the bureau channel, or the platform user id. */
function recipientLabel(d: StoredDelivery): string {
  if ('personId' in d.to) return d.to.personId;
  if ('channel' in d.to) return t('deliveries.recipient.bureau');
  return d.target.kind === 'user' ? d.target.userRef : t('deliveries.recipient.channel');
}

/**
 * Tells each admin on another enabled platform than the failing one (a direct post, not a delivery: it must not
 * queue behind the outage it reports), and always writes an error log line naming the delivery and the platform.
 */
async function tellAdmins(deps: DeliverySenderDeps, d: StoredDelivery, kind: 'stuck' | 'expired', now: Date): Promise<void> {
  const text = t(`deliveries.alert.${kind}`, { id: d.id, platform: d.platform, to: recipientLabel(d), since: since(d.createdAt, now), attempts: d.attempts });
  let told = 0;
  for (const adminId of await deps.admins()) {
    const identities = await deps.directory.identitiesOf(adminId);
    const other = [...deps.adapters.values()].find((a: PlatformAdapter) => a.platform !== d.platform && identities[a.platform]);
    if (!other) continue;
    try {
      await other.post({ kind: 'user', userRef: identities[other.platform]! }, { summary: text, blocks: [{ type: 'text', text }] });
      told++;
    } catch (e) {
      deps.logger.warn('delivery alert not sent', { deliveryId: d.id, platform: other.platform, error: e instanceof Error ? e.message : String(e) });
    }
  }
  await deps.store.markAlerted(d.id, now);
  logAlert(deps.logger, d, kind, told);
}

function logAlert(logger: Logger, d: StoredDelivery, kind: 'stuck' | 'expired', adminsTold: number): void {
  const message = kind === 'stuck' ? 'chat delivery keeps failing' : 'chat delivery given up: no longer relevant';
  logger.error(message, { deliveryId: d.id, platform: d.platform, attempts: d.attempts, jobKey: d.jobKey ?? null, adminsTold, lastError: d.lastError ?? null });
}
