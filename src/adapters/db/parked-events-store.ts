import type { InboundEnvelope } from '../../application/chat/ports.ts';
import type { Actor } from '../../application/staffing/ports.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { writeAudit } from './audit-writer.ts';
import type { Database } from './database.ts';
import { deserializeInbound } from './inbox-store.ts';

/** A parked inbound event as the operator sees it: who and what kind, never the text (it may name a customer). */
export interface ParkedEventRow {
  id: number;
  platform: string;
  receivedAt: Date;
  /** The sender's person id, when the identity is known. */
  personId: string | null;
  /** text (N chars) / button actionId / form formId. */
  kind: string;
  attempts: number;
  error: string | null;
}

function kindOf(envelope: InboundEnvelope): string {
  const p = envelope.payload;
  if (p.type === 'text') return `text (${[...p.text].length} chars${p.files?.length ? `, ${p.files.length} files` : ''})`;
  if (p.type === 'button') return `button ${p.actionId}`;
  return `form ${p.formId}`;
}

/** The operator's view of the inbox (`kaiheisen events`): parked events, retried or discarded with an audit entry. */
export function createParkedEvents(db: Database) {
  async function changeParked(id: number, actor: Actor, action: 'retry' | 'discard', at: Date): Promise<void> {
    await db.write(async (tx) => {
      const row = await tx.inboundEvent.findUnique({ where: { id }, select: { state: true, attempts: true } });
      if (!row) throw new AppError(ErrorCode.NotFound, t('events.notFound', { id }));
      if (row.state !== 'failed') throw new AppError(ErrorCode.Conflict, t('events.notParked', { id, state: row.state }));
      const data =
        action === 'retry'
          ? { state: 'received', attempts: 0, claimedBy: null, leaseUntil: null, processedAt: null }
          : { state: 'discarded', processedAt: at };
      await tx.inboundEvent.update({ where: { id }, data });
      await writeAudit(tx, at, {
        actorId: actor.actorId,
        channel: actor.channel,
        action: `inbound.${action}`,
        entity: 'InboundEvent',
        entityId: String(id),
        before: { state: row.state, attempts: row.attempts },
        after: { state: data.state },
      });
    });
  }

  return {
    count: () => db.read.inboundEvent.count({ where: { state: 'failed' } }),
    async list(): Promise<ParkedEventRow[]> {
      const rows = (await db.read.inboundEvent.findMany({ where: { state: 'failed' }, orderBy: { id: 'asc' } })).map((r) => ({
        ...r,
        envelope: deserializeInbound(r.payload),
      }));
      const identities = rows.length
        ? await db.read.chatIdentity.findMany({
            where: { OR: rows.map((r) => ({ platform: r.platform, externalId: r.envelope.userRef })) },
            select: { platform: true, externalId: true, personId: true },
          })
        : [];
      const personOf = new Map(identities.map((i) => [`${i.platform}:${i.externalId}`, i.personId]));
      return rows.map((r) => ({
        id: r.id,
        platform: r.platform,
        receivedAt: r.receivedAt,
        personId: personOf.get(`${r.platform}:${r.envelope.userRef}`) ?? null,
        kind: kindOf(r.envelope),
        attempts: r.attempts,
        error: r.error,
      }));
    },
    /** Back to the queue with a fresh count of attempts: the running bot takes it within seconds. */
    retry: (id: number, actor: Actor, at: Date) => changeParked(id, actor, 'retry', at),
    /** Never processed; the row stays (with its error) until the retention purge. */
    discard: (id: number, actor: Actor, at: Date) => changeParked(id, actor, 'discard', at),
  };
}
