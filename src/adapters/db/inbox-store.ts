import type { InboundEnvelope, InboxStore, StoredInbound } from '../../application/chat/ports.ts';
import type { Database } from './database.ts';

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === 'P2002' || /UNIQUE constraint failed/i.test(String((e as Error).message));

function serialize(envelope: InboundEnvelope): string {
  return JSON.stringify({ ...envelope, receivedAt: envelope.receivedAt.toISOString() });
}

function deserialize(payload: string): InboundEnvelope {
  const raw = JSON.parse(payload) as InboundEnvelope & { receivedAt: string };
  return { ...raw, receivedAt: new Date(raw.receivedAt) };
}

export function createInboxStore(db: Database): InboxStore {
  return {
    async store(envelope) {
      const key = { platform: envelope.platform, eventKey: envelope.eventKey };
      try {
        return await db.write(async (tx) => {
          const existing = await tx.inboundEvent.findUnique({ where: { platform_eventKey: key }, select: { id: true } });
          if (existing) return { id: existing.id, duplicate: true };
          const row = await tx.inboundEvent.create({
            data: { ...key, payload: serialize(envelope), receivedAt: envelope.receivedAt },
            select: { id: true },
          });
          return { id: row.id, duplicate: false };
        });
      } catch (e) {
        // Another instance stored the same event between our check and insert.
        if (!isUniqueViolation(e)) throw e;
        const row = await db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: key }, select: { id: true } });
        return { id: row.id, duplicate: true };
      }
    },
    async markDone(id) {
      await db.write((tx) => tx.inboundEvent.update({ where: { id }, data: { state: 'done', processedAt: new Date() } }));
    },
    async markFailed(id, error) {
      await db.write((tx) =>
        tx.inboundEvent.update({ where: { id }, data: { state: 'failed', processedAt: new Date(), error: error.slice(0, 2000) } }),
      );
    },
    async unfinished(): Promise<StoredInbound[]> {
      const rows = await db.read.inboundEvent.findMany({ where: { state: 'received' }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ id: r.id, envelope: deserialize(r.payload) }));
    },
  };
}
