import type { InboundEnvelope, InboxStore, StoredInbound } from '../../application/chat/ports.ts';
import type { Database } from './database.ts';
import { protectRow } from './field-encryption.ts';

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
      // One statement instead of an interactive transaction: this runs before every acknowledgement.
      // Raw SQL bypasses the client extension: the payload is encrypted here (field-encryption.ts).
      const { payload } = protectRow(db.cipher, 'InboundEvent', { payload: serialize(envelope) });
      const rows = await db.run((client) =>
        client.$queryRaw<{ id: number }[]>`
          INSERT INTO "InboundEvent" ("platform", "eventKey", "payload", "state", "receivedAt")
          VALUES (${envelope.platform}, ${envelope.eventKey}, ${payload}, 'received', ${envelope.receivedAt})
          ON CONFLICT ("platform", "eventKey") DO NOTHING
          RETURNING "id"`,
      );
      if (rows[0]) return { id: Number(rows[0].id), duplicate: false };
      const key = { platform: envelope.platform, eventKey: envelope.eventKey };
      const existing = await db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: key }, select: { id: true } });
      return { id: existing.id, duplicate: true };
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
