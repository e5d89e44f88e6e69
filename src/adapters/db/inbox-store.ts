import type { InboundEnvelope, InboxStore, StoredInbound } from '../../application/chat/ports.ts';
import { sqliteTimestamp, type Database } from './database.ts';
import { sqliteOnly, type SqliteDatabase } from './sqlite/sqlite-database.ts';
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

// Plain better-sqlite3 statements on the ack path: a Prisma round trip costs ~10x more (bench `replies`).
// `.run()`, never `.get()` on `… RETURNING`: in autocommit the commit (the WAL write) happens when the statement
// completes; `.get()` stops after the first row and resets the statement, and better-sqlite3 drops the error of that
// reset, so a commit that fails on a full disk still returned an id. `.run()` steps to completion and throws
// (test/integration/faults/full-disk.test.ts, with a file-size limit on a child process).
const INSERT = `INSERT INTO "InboundEvent" ("platform", "eventKey", "payload", "state", "receivedAt", "orderKey")
  VALUES (?, ?, ?, 'received', ?, ?) ON CONFLICT ("platform", "eventKey") DO NOTHING`;

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
const RELEASE = `UPDATE "InboundEvent" SET "claimedBy" = NULL, "leaseUntil" = NULL, "error" = ?
  WHERE "id" = ? AND "state" = 'received' AND "claimedBy" = ?`;
const PARK = `UPDATE "InboundEvent" SET "state" = 'failed', "processedAt" = ?, "error" = ?, "leaseUntil" = NULL
  WHERE "id" = ? AND "state" = 'received' AND ("claimedBy" IS NULL OR "claimedBy" = ? OR "leaseUntil" IS NULL OR "leaseUntil" < ?)`;
const COUNT_FREE = `SELECT COUNT(*) AS "n" FROM "InboundEvent"
  WHERE "state" = 'received' AND ("leaseUntil" IS NULL OR "leaseUntil" < ? OR "claimedBy" = ?)`;

const ERROR_LIMIT = 2000;

export function createInboxStore(db: Database): InboxStore {
  // Single statements on the write queue (no interactive transaction): they share the ack path's queue.
  const onQueue = <T>(fn: (raw: ReturnType<SqliteDatabase['rawConnection']>) => T): Promise<T> => db.run(async () => fn(sqliteOnly(db, 'この処理').rawConnection()));
  return {
    async store(envelope) {
      // Raw SQL bypasses the client extension: the payload is encrypted here (field-encryption.ts).
      const { payload } = protectRow(db.cipher, 'InboundEvent', { payload: serialize(envelope) });
      const at = sqliteTimestamp(envelope.receivedAt);
      const info = await onQueue((raw) => raw.prepare(INSERT).run(envelope.platform, envelope.eventKey, payload, at, orderKeyOf(envelope)));
      if (info.changes === 1) return { id: Number(info.lastInsertRowid), duplicate: false };
      const key = { platform: envelope.platform, eventKey: envelope.eventKey };
      const existing = await db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: key }, select: { id: true } });
      return { id: existing.id, duplicate: true };
    },
    // Reads of the processing loop on the raw connection too (~20x cheaper than a Prisma query; bench `replies`).
    async next(now, owner, skip = []) {
      const row = await onQueue((raw) => raw.prepare(NEXT(skip.length)).get(sqliteTimestamp(now), owner, ...skip) as { id: number; attempts: number } | undefined);
      return row ? { id: Number(row.id), attempts: Number(row.attempts) } : undefined;
    },
    async claim(id, owner, now, leaseUntil) {
      const rows = await onQueue((raw) => raw.prepare(CLAIM).all(owner, sqliteTimestamp(leaseUntil), id, sqliteTimestamp(now), owner) as { attempts: number }[]);
      return rows[0] ? Number(rows[0].attempts) : undefined;
    },
    async load(id): Promise<StoredInbound | undefined> {
      const row = await onQueue((raw) => raw.prepare(LOAD).get(id) as { payload: string; attempts: number } | undefined);
      if (!row) return undefined;
      const payload = db.cipher ? (revealTree(db.cipher, row.payload) as string) : row.payload;
      return { id, attempts: Number(row.attempts), envelope: deserializeInbound(payload) };
    },
    async markDone(id, now) {
      await onQueue((raw) => raw.prepare(MARK_DONE).run(sqliteTimestamp(now), id));
    },
    async release(id, owner, error) {
      await onQueue((raw) => raw.prepare(RELEASE).run(error.slice(0, ERROR_LIMIT), id, owner));
    },
    async park(id, owner, error, now) {
      const at = sqliteTimestamp(now);
      const info = await onQueue((raw) => raw.prepare(PARK).run(at, error.slice(0, ERROR_LIMIT), id, owner, at));
      return info.changes === 1;
    },
    async unfinished(): Promise<StoredInbound[]> {
      const rows = await db.read.inboundEvent.findMany({ where: { state: 'received' }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ id: r.id, attempts: r.attempts, envelope: deserializeInbound(r.payload) }));
    },
    async countFree(now, owner) {
      const row = await onQueue((raw) => raw.prepare(COUNT_FREE).get(sqliteTimestamp(now), owner) as { n: number });
      return Number(row.n);
    },
  };
}
