import type { InboundEnvelope, InboxStore, StoredInbound } from '../../application/chat/ports.ts';
import { timestamp, type Database, type Dialect } from './database.ts';
import { WRITE_LOCK } from './postgres/postgres-database.ts';
import { protectRow, revealTree } from './field-encryption.ts';

function serialize(envelope: InboundEnvelope): string {
  return JSON.stringify({ ...envelope, receivedAt: envelope.receivedAt.toISOString() });
}

export function deserializeInbound(payload: string): InboundEnvelope {
  const raw = JSON.parse(payload) as InboundEnvelope & { receivedAt: string };
  return { ...raw, receivedAt: new Date(raw.receivedAt) };
}

/** One sender's events are handled in the order they were stored, across instances. */
export const orderKeyOf = (envelope: Pick<InboundEnvelope, 'platform' | 'userRef'>): string => `${envelope.platform}:${envelope.userRef}`;

// Plain statements on the ack path (db.statements): a Prisma round trip costs ~10x more (bench `replies`). The id
// comes from RETURNING, which sqliteSql reads with `.all()` so a commit that fails on a full disk throws
// (test/integration/faults/full-disk.test.ts).
const COLUMNS = `"platform", "eventKey", "payload", "state", "receivedAt", "orderKey"`;
const INSERT: Record<Dialect, string> = {
  sqlite: `INSERT INTO "InboundEvent" (${COLUMNS}) VALUES (?, ?, ?, 'received', ?, ?)
  ON CONFLICT ("platform", "eventKey") DO NOTHING RETURNING "id"`,
  // The write lock first (held to the commit), then the id: ids grow in commit order as on SQLite, so an event of a
  // sender is never visible before an earlier one, and a conversation's "newest event so far" (pending-reply-store)
  // read in a write transaction stays below every event stored after it.
  postgres: `INSERT INTO "InboundEvent" (${COLUMNS})
  SELECT ?, ?, ?, 'received', ?::timestamptz, ? FROM (SELECT pg_advisory_xact_lock(${WRITE_LOCK})) AS "lock"
  ON CONFLICT ("platform", "eventKey") DO NOTHING RETURNING "id"`,
};

/**
 * Free for `owner` to take: not finished, no live lease of another instance (its own claims are free to it: a write
 * that failed after its attempt, or a previous run with the same id), and no earlier unfinished event of the sender.
 * Parameters: now, owner.
 */
const FREE = `e."state" = 'received' AND (e."leaseUntil" IS NULL OR e."leaseUntil" < ? OR e."claimedBy" = ?)
  AND NOT EXISTS (SELECT 1 FROM "InboundEvent" p WHERE p."orderKey" = e."orderKey" AND p."state" = 'received' AND p."id" < e."id")`;
const NEXT = (skip: number) =>
  `SELECT e."id" AS "id", e."attempts" AS "attempts" FROM "InboundEvent" e WHERE ${FREE}
  ${skip > 0 ? `AND e."id" NOT IN (${Array.from({ length: skip }, () => '?').join(', ')})` : ''} ORDER BY e."id" LIMIT 1`;
const CLAIM = `UPDATE "InboundEvent" AS e SET "claimedBy" = ?, "leaseUntil" = ?, "attempts" = e."attempts" + 1
  WHERE e."id" = ? AND ${FREE} RETURNING "attempts"`;
const LOAD = `SELECT "payload", "attempts" FROM "InboundEvent" WHERE "id" = ?`;
const MARK_DONE = `UPDATE "InboundEvent" SET "state" = 'done', "processedAt" = ?, "leaseUntil" = NULL WHERE "id" = ? AND "state" = 'received'`;
const RELEASE = `UPDATE "InboundEvent" SET "claimedBy" = NULL, "leaseUntil" = NULL, "error" = ?, "attempts" = "attempts" - ?
  WHERE "id" = ? AND "state" = 'received' AND "claimedBy" = ?`;
const PARK = `UPDATE "InboundEvent" SET "state" = 'failed', "processedAt" = ?, "error" = ?, "leaseUntil" = NULL
  WHERE "id" = ? AND "state" = 'received' AND ("claimedBy" IS NULL OR "claimedBy" = ? OR "leaseUntil" IS NULL OR "leaseUntil" < ?)`;
const COUNT_FREE = `SELECT COUNT(*) AS "n" FROM "InboundEvent"
  WHERE "state" = 'received' AND ("leaseUntil" IS NULL OR "leaseUntil" < ? OR "claimedBy" = ?)`;

const ERROR_LIMIT = 2000;

export function createInboxStore(db: Database): InboxStore {
  // Single statements on the write queue (no interactive transaction): they share the ack path's queue.
  const all = <T>(text: string, ...params: unknown[]) => db.statements((sql) => sql.all<T>(text, ...params));
  const get = <T>(text: string, ...params: unknown[]) => db.statements((sql) => sql.get<T>(text, ...params));
  const run = (text: string, ...params: unknown[]) => db.statements((sql) => sql.run(text, ...params));
  return {
    async store(envelope) {
      // Raw SQL bypasses the client extension: the payload is encrypted here (field-encryption.ts).
      const { payload } = protectRow(db.cipher, 'InboundEvent', { payload: serialize(envelope) });
      const at = timestamp(envelope.receivedAt);
      const [inserted] = await all<{ id: number }>(INSERT[db.dialect], envelope.platform, envelope.eventKey, payload, at, orderKeyOf(envelope));
      if (inserted) return { id: Number(inserted.id), duplicate: false };
      const key = { platform: envelope.platform, eventKey: envelope.eventKey };
      const existing = await db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: key }, select: { id: true } });
      return { id: existing.id, duplicate: true };
    },
    // Reads of the processing loop as plain statements too (~20x cheaper than a Prisma query; bench `replies`).
    async next(now, owner, skip = []) {
      const row = await get<{ id: number; attempts: number }>(NEXT(skip.length), timestamp(now), owner, ...skip);
      return row ? { id: Number(row.id), attempts: Number(row.attempts) } : undefined;
    },
    async claim(id, owner, now, leaseUntil) {
      const rows = await all<{ attempts: number }>(CLAIM, owner, timestamp(leaseUntil), id, timestamp(now), owner);
      return rows[0] ? Number(rows[0].attempts) : undefined;
    },
    async load(id): Promise<StoredInbound | undefined> {
      const row = await get<{ payload: string; attempts: number }>(LOAD, id);
      if (!row) return undefined;
      const payload = db.cipher ? (revealTree(db.cipher, row.payload) as string) : row.payload;
      return { id, attempts: Number(row.attempts), envelope: deserializeInbound(payload) };
    },
    async markDone(id, now) {
      await run(MARK_DONE, timestamp(now), id);
    },
    async release(id, owner, error, options = {}) {
      await run(RELEASE, error.slice(0, ERROR_LIMIT), options.uncount ? 1 : 0, id, owner);
    },
    async park(id, owner, error, now) {
      const at = timestamp(now);
      return (await run(PARK, at, error.slice(0, ERROR_LIMIT), id, owner, at)).changes === 1;
    },
    async unfinished(): Promise<StoredInbound[]> {
      const rows = await db.read.inboundEvent.findMany({ where: { state: 'received' }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ id: r.id, attempts: r.attempts, envelope: deserializeInbound(r.payload) }));
    },
    async countFree(now, owner) {
      const row = await get<{ n: number | string }>(COUNT_FREE, timestamp(now), owner);
      return Number(row?.n ?? 0);
    },
  };
}
