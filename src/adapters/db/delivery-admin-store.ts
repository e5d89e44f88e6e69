import type { DeliveryBacklog, DeliveryState, DeliverySummary } from '../../application/chat/delivery-ports.ts';
import type { Platform } from '../../application/chat/view.ts';
import type { Actor } from '../../application/staffing/ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { writeAudit } from './audit-writer.ts';
import type { Database } from './database.ts';

/** Failed deliveries younger than this count in `status` (older ones stay listable with `deliveries list`). */
export const RECENT_FAILURES_MS = 24 * 60 * 60_000;
/** An operator's retry gives the delivery this long again before it is given up. */
export const RETRY_RELEVANCE_MS = 24 * 60 * 60_000;

type SummaryRow = {
  id: number;
  dedupeKey: string;
  platform: string;
  recipient: string;
  logicalKey: string | null;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  jobKey: string | null;
  expiresAt: Date | null;
  alertedAt: Date | null;
  messageRef: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/** Every column but the view (encrypted, may carry an address): listings show nothing personal. */
const SUMMARY = {
  id: true, dedupeKey: true, platform: true, recipient: true, logicalKey: true, state: true, attempts: true, nextAttemptAt: true,
  lastError: true, jobKey: true, expiresAt: true, alertedAt: true, messageRef: true, createdAt: true, sentAt: true,
} as const;

function toSummary(r: SummaryRow): DeliverySummary {
  const { target } = JSON.parse(r.recipient) as Pick<DeliverySummary, 'target'>;
  return {
    id: r.id,
    dedupeKey: r.dedupeKey,
    platform: r.platform as Platform,
    target,
    ...(r.logicalKey ? { logicalKey: r.logicalKey } : {}),
    ...(r.jobKey ? { jobKey: r.jobKey } : {}),
    state: r.state as DeliveryState,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    expiresAt: r.expiresAt ?? r.createdAt,
    createdAt: r.createdAt,
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.alertedAt ? { alertedAt: r.alertedAt } : {}),
    ...(r.messageRef ? { messageRef: r.messageRef } : {}),
    ...(r.sentAt ? { sentAt: r.sentAt } : {}),
  };
}

/** The outbox as operators see it: `kaiheisen status`, `deliveries list|retry`, the readiness check. */
export function createDeliveryAdmin(db: Database) {
  return {
    /**
     * Pending (and how many of those admins were told about), given up and refused within a day, the oldest pending.
     * A given-up delivery always has alertedAt (admins were told); a refused one never does.
     */
    async backlog(now: Date): Promise<DeliveryBacklog> {
      const recent = { state: 'failed', createdAt: { gte: new Date(now.getTime() - RECENT_FAILURES_MS) } };
      const [pending, stuck, failed, refused, oldest] = await Promise.all([
        db.read.delivery.count({ where: { state: 'pending' } }),
        db.read.delivery.count({ where: { state: 'pending', alertedAt: { not: null } } }),
        db.read.delivery.count({ where: { ...recent, alertedAt: { not: null } } }),
        db.read.delivery.count({ where: { ...recent, alertedAt: null } }),
        db.read.delivery.findFirst({ where: { state: 'pending' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { createdAt: true } }),
      ]);
      return { pending, stuck, failed, refused, ...(oldest ? { oldestPendingAt: oldest.createdAt } : {}) };
    },

    /** Newest first; `states` omitted: the ones needing attention (pending and failed). */
    async list(options: { states?: DeliveryState[]; limit?: number } = {}): Promise<DeliverySummary[]> {
      const rows = await db.read.delivery.findMany({
        where: { state: { in: options.states ?? ['pending', 'failed'] } },
        orderBy: { id: 'desc' },
        take: options.limit ?? 100,
        select: SUMMARY,
      });
      return rows.map(toSummary);
    },

    /**
     * Puts a pending or failed delivery back for an attempt now (the running bot's sender takes it within seconds),
     * with a fresh age limit; audited in the same transaction. A sent or superseded one is refused.
     */
    async retry(id: number, actor: Actor, now: Date): Promise<DeliverySummary> {
      return db.write(async (tx) => {
        const row = await tx.delivery.findUnique({ where: { id }, select: SUMMARY });
        if (!row) throw new AppError(ErrorCode.NotFound, t('deliveries.cli.notFound', { id }));
        if (row.state !== 'pending' && row.state !== 'failed') {
          throw new AppError(ErrorCode.InvalidInput, t(`deliveries.cli.not.${row.state === 'sent' ? 'sent' : 'dropped'}`, { id }));
        }
        const newer = row.logicalKey
          ? await tx.delivery.count({ where: { logicalKey: row.logicalKey, id: { gt: id }, state: { in: ['pending', 'sent'] } } })
          : 0;
        if (newer > 0) throw new AppError(ErrorCode.InvalidInput, t('deliveries.cli.not.dropped', { id }));
        const after = { state: 'pending', nextAttemptAt: now, expiresAt: new Date(now.getTime() + RETRY_RELEVANCE_MS) };
        const updated = await tx.delivery.update({
          where: { id },
          // A failed one holds no claim; a pending one being attempted right now keeps its claim (never sent twice).
          data: { ...after, alertedAt: null },
          select: SUMMARY,
        });
        await writeAudit(tx, now, {
          actorId: actor.actorId,
          channel: actor.channel,
          action: 'delivery.retry',
          entity: 'Delivery',
          entityId: String(id),
          before: { state: row.state, attempts: row.attempts, lastError: row.lastError },
          after: { state: 'pending' },
        });
        return toSummary(updated);
      });
    },
  };
}
