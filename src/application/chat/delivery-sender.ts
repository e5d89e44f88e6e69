import { tokyoDate, tokyoHhmm } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';

import type { Logger } from '../ports.ts';
import { attemptDelivery, DEFAULT_LEASE_MS, leaseUntilOf, type AttemptDeps, type QueueOutcomes } from './delivery-attempt.ts';
import type { ClaimedDelivery, StoredDelivery } from './delivery-ports.ts';
import type { ChatDirectory, PlatformAdapter } from './ports.ts';

export interface DeliverySenderDeps extends AttemptDeps {
  /** Active admins (person ids): told when a delivery keeps failing. */
  admins(): Promise<string[]>;
  directory: ChatDirectory;
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

/** One run over target queues: what it did, and the platforms that failed in it (not tried again in the same run). */
interface Run {
  now: Date;
  tally: SenderTick;
  down: Set<string>;
  outcomes: QueueOutcomes;
  /** At most this many deliveries per queue (a send that drains its target's queue inline stays short). */
  limit: number;
}

const newRun = (now: Date, limit = Number.POSITIVE_INFINITY): Run => ({ now, tally: { sent: 0, queued: 0, failed: 0, dropped: 0 }, down: new Set(), outcomes: new Map(), limit });

/**
 * The delivery sender (a poller): deliveries to one target (platform + user or channel) form a queue, sent oldest
 * first, by one sender at a time (the claim on the queue's head). It claims the heads that are due and sends each
 * queue on until it is empty, the next delivery is not due, or an attempt fails in a way worth retrying (the queue
 * waits for its backoff; other targets go on). A delivery no longer relevant is given up (past its age limit →
 * failed; a newer view of the same key → dropped), so it never blocks its queue for good. One that keeps failing is
 * reported to the admins on another platform (or in the error log) once.
 */
export function createDeliverySender(deps: DeliverySenderDeps) {
  const batch = deps.batch ?? 50;

  /** Handles one claimed delivery; true: its queue goes on with the next one. */
  async function handle(d: ClaimedDelivery, run: Run): Promise<boolean> {
    const { now, tally } = run;
    if (d.logicalKey && (await deps.store.superseded(d))) {
      await deps.store.finish(d.id, 'dropped', 'superseded by a newer view of the same key', now);
      tally.dropped++;
      run.outcomes.set(d.id, { kind: 'dropped' });
      return true;
    }
    if (d.expiresAt <= now) {
      const reason = `no longer relevant after ${d.attempts} attempts: ${d.lastError ?? 'not sent'}`;
      await deps.store.finish(d.id, 'failed', reason, now);
      tally.failed++;
      run.outcomes.set(d.id, { kind: 'failed', reason });
      await tellAdmins(deps, d, 'expired', now); // even when told it was late: now it will not come at all
      return true;
    }
    if (run.down.has(d.platform)) {
      // Another delivery to the platform failed in this run: this one waits for the next tick, which probes again.
      await deps.store.release(d.id);
      run.outcomes.set(d.id, { kind: 'waiting' });
      if (!d.alertedAt && keepsFailing(deps, { ...d, attempts: 0 }, now)) await tellAdmins(deps, d, 'stuck', now);
      return false;
    }
    const outcome = await attemptDelivery(deps, d, d.attempts > 0 || d.interrupted);
    run.outcomes.set(d.id, outcome);
    if (outcome.kind === 'sent') tally.sent++;
    else if (outcome.kind === 'failed') tally.failed++;
    else {
      tally.queued++;
      run.down.add(d.platform); // the rest of this run does not spend the adapter's own retries on it again
      if (!d.alertedAt && keepsFailing(deps, d, now)) await tellAdmins(deps, { ...d, attempts: d.attempts + 1, lastError: outcome.reason }, 'stuck', now);
    }
    return outcome.kind !== 'queued';
  }

  /** Sends a target's queue from its claimed head, oldest first, while the next one is due and free. */
  async function sendQueue(head: ClaimedDelivery, run: Run): Promise<void> {
    let d: ClaimedDelivery | undefined = head;
    for (let n = 1; d; n++) {
      if (!(await handle(d, run))) return;
      if (n >= run.limit) return; // the rest waits for the sender's next tick
      const now = deps.clock.now(); // a message written while this run went on is due too
      d = await deps.store.claimNext(d.targetKey, now, deps.instanceId, leaseUntilOf(deps, now));
    }
  }

  /** Claimed with the others of its batch: still this instance's when its turn comes (its lease may have run out)? */
  async function stillOurs(head: ClaimedDelivery, claimedAt: Date): Promise<boolean> {
    const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
    const now = deps.clock.now();
    return now.getTime() - claimedAt.getTime() < leaseMs / 3 || deps.store.renew(head.id, deps.instanceId, leaseUntilOf(deps, now));
  }

  /** Sends what is due at `now`. */
  async function tick(now: Date): Promise<SenderTick> {
    const run = newRun(now);
    const done = () => run.tally.sent + run.tally.failed + run.tally.dropped;
    for (let round = 0; round < 20; round++) {
      const before = done();
      const claimedAt = deps.clock.now();
      const heads = await deps.store.claimDue(now, deps.instanceId, leaseUntilOf(deps, claimedAt), batch);
      for (const head of heads) if (await stillOurs(head, claimedAt)) await sendQueue(head, run);
      // A full batch that moved nothing (its platforms are down): the next tick tries again.
      if (heads.length < batch || done() === before) break;
    }
    return run.tally;
  }

  /**
   * Sends a target's queue from `head` (claimed by a send: its own delivery was sent and others wait behind it, or
   * it found the queue with nobody sending it), at most `limit` deliveries; the sender's ticks do the rest.
   */
  async function sendFrom(head: ClaimedDelivery, limit: number): Promise<QueueOutcomes> {
    const run = newRun(deps.clock.now(), limit);
    await sendQueue(head, run);
    return run.outcomes;
  }

  return { tick, sendFrom };
}

function keepsFailing(deps: DeliverySenderDeps, d: StoredDelivery, now: Date): boolean {
  const attempts = d.attempts + 1;
  return attempts >= (deps.alertAfterAttempts ?? DEFAULT_ALERT_AFTER_ATTEMPTS) || now.getTime() - d.createdAt.getTime() >= (deps.alertAfterMs ?? DEFAULT_ALERT_AFTER_MS);
}

const since = (at: Date, now: Date) => (tokyoDate(at) === tokyoDate(now) ? tokyoHhmm(at) : `${tokyoDate(at)} ${tokyoHhmm(at)}`);

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
