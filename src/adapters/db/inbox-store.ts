import type { InboundEnvelope, InboxStore, StoredInbound } from '../../application/chat/ports.ts';
import { sqliteTimestamp, type Database } from './database.ts';
import { protectRow } from './field-encryption.ts';

function serialize(envelope: InboundEnvelope): string {
  return JSON.stringify({ ...envelope, receivedAt: envelope.receivedAt.toISOString() });
}

function deserialize(payload: string): InboundEnvelope {
  const raw = JSON.parse(payload) as InboundEnvelope & { receivedAt: string };
  return { ...raw, receivedAt: new Date(raw.receivedAt) };
}

// Plain better-sqlite3 statements on the ack path: a Prisma round trip costs ~10x more (bench `replies`).
const INSERT = `INSERT INTO "InboundEvent" ("platform", "eventKey", "payload", "state", "receivedAt")
  VALUES (?, ?, ?, 'received', ?) ON CONFLICT ("platform", "eventKey") DO NOTHING RETURNING "id"`;
const MARK_DONE = `UPDATE "InboundEvent" SET "state" = 'done', "processedAt" = ? WHERE "id" = ?`;

export function createInboxStore(db: Database): InboxStore {
  return {
    async store(envelope) {
      // One statement instead of an interactive transaction: this runs before every acknowledgement.
      // Raw SQL bypasses the client extension: the payload is encrypted here (field-encryption.ts).
      const { payload } = protectRow(db.cipher, 'InboundEvent', { payload: serialize(envelope) });
      const row = await db.run(async () =>
        db
          .rawConnection()
          .prepare(INSERT)
          .get(envelope.platform, envelope.eventKey, payload, sqliteTimestamp(envelope.receivedAt)) as { id: number } | undefined,
      );
      if (row) return { id: Number(row.id), duplicate: false };
      const key = { platform: envelope.platform, eventKey: envelope.eventKey };
      const existing = await db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: key }, select: { id: true } });
      return { id: existing.id, duplicate: true };
    },
    // Single-row updates on the write queue, without an interactive transaction: they sit on the ack path's queue.
    async markDone(id) {
      await db.run(async () => db.rawConnection().prepare(MARK_DONE).run(sqliteTimestamp(new Date()), id));
    },
    async markFailed(id, error) {
      await db.run((client) =>
        client.inboundEvent.update({ where: { id }, data: { state: 'failed', processedAt: new Date(), error: error.slice(0, 2000) } }),
      );
    },
    async unfinished(): Promise<StoredInbound[]> {
      const rows = await db.read.inboundEvent.findMany({ where: { state: 'received' }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ id: r.id, envelope: deserialize(r.payload) }));
    },
  };
}
