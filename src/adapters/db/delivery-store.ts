import type { ClaimedDelivery, DeliveryState, DeliveryStore, EnqueueResult, NewDelivery, StoredDelivery } from '../../application/chat/delivery-ports.ts';
import type { Platform } from '../../application/chat/view.ts';
import { isEncrypted } from '../crypto/field-cipher.ts';
import { timestamp as ts, type Database, type Sql } from './database.ts';
import { protectRow } from './field-encryption.ts';

/** An instant as a row gives it: ISO text on SQLite, a Date on PostgreSQL. */
type Instant = string | Date;

/**
 * The outbox (Delivery rows) on plain statements (`db.statements`, the write queue): a send writes a
 * row before its first attempt, so these sit on the path of every chat message. Raw SQL bypasses the client
 * extension: the view is encrypted here (field-encryption.ts) and decrypted on reading.
 */
export interface DeliveryRow {
  id: number;
  dedupeKey: string;
  platform: string;
  recipient: string;
  view: string;
  logicalKey: string | null;
  targetKey: string;
  state: string;
  attempts: number;
  nextAttemptAt: Instant;
  lastError: string | null;
  jobKey: string | null;
  expiresAt: Instant | null;
  alertedAt: Instant | null;
  messageRef: string | null;
  createdAt: Instant;
  sentAt: Instant | null;
  claimedBy: string | null;
  leaseUntil: Instant | null;
}

export const DELIVERY_COLUMNS = `"id", "dedupeKey", "platform", "recipient", "view", "logicalKey", "targetKey", "state", "attempts",
  "nextAttemptAt", "lastError", "jobKey", "expiresAt", "alertedAt", "messageRef", "createdAt", "sentAt", "claimedBy", "leaseUntil"`;

const INSERT = `INSERT INTO "Delivery" ("dedupeKey", "platform", "recipient", "view", "logicalKey", "targetKey", "state", "attempts",
  "nextAttemptAt", "claimedBy", "leaseUntil", "claimedAt", "jobKey", "expiresAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)
  RETURNING ${DELIVERY_COLUMNS}`;
const BY_KEY = `SELECT ${DELIVERY_COLUMNS} FROM "Delivery" WHERE "dedupeKey" = ?`;
const FREE = `("claimedBy" IS NULL OR "leaseUntil" IS NULL OR "leaseUntil" < ?)`;
const SUPERSEDE_OLDER = `UPDATE "Delivery" SET "state" = 'dropped', "lastError" = 'superseded by a newer view of the same key',
  "claimedBy" = NULL, "leaseUntil" = NULL, "claimedAt" = NULL WHERE "logicalKey" = ? AND "state" = 'pending' AND ${FREE}`;
const NEWER = `SELECT 1 FROM "Delivery" WHERE "logicalKey" = ? AND "id" > ? AND "state" IN ('pending', 'sent') LIMIT 1`;
/** The head of a target's queue: its earliest pending delivery (index targetKey + state, rowid order). */
const HEAD = `SELECT "id", "claimedAt" FROM "Delivery" WHERE "targetKey" = ? AND "state" = 'pending' ORDER BY "id" LIMIT 1`;
/** Heads that are due and free: no earlier pending delivery to the same target. */
const DUE_HEADS = `SELECT d."id", d."claimedAt" FROM "Delivery" d WHERE d."state" = 'pending' AND d."nextAttemptAt" <= ?
  AND (d."claimedBy" IS NULL OR d."leaseUntil" IS NULL OR d."leaseUntil" < ?)
  AND NOT EXISTS (SELECT 1 FROM "Delivery" o WHERE o."targetKey" = d."targetKey" AND o."state" = 'pending' AND o."id" < d."id")
  ORDER BY d."attempts", d."id" LIMIT ?`;
/** The conditional claim: only a pending, due delivery nobody holds (or whose holder's lease ran out). */
const CLAIM = `UPDATE "Delivery" SET "claimedBy" = ?, "leaseUntil" = ?, "claimedAt" = ? WHERE "id" = ? AND "state" = 'pending' AND "nextAttemptAt" <= ?
  AND ${FREE} RETURNING ${DELIVERY_COLUMNS}`;
const RENEW = `UPDATE "Delivery" SET "leaseUntil" = ? WHERE "id" = ? AND "claimedBy" = ? AND "state" = 'pending'`;
/** The claim ends with the attempt's outcome (or unattempted): nothing was cut off. */
const RELEASED = `"claimedBy" = NULL, "leaseUntil" = NULL, "claimedAt" = NULL`;

type Head = { id: number; claimedAt: Instant | null };

const date = (at: Instant | null): Date | undefined => (at ? new Date(at) : undefined);

export function toDelivery(db: Database, row: DeliveryRow): StoredDelivery {
  const plain = isEncrypted(row.view) && db.cipher ? db.cipher.decrypt(row.view) : row.view;
  const { to, target } = JSON.parse(row.recipient) as Pick<NewDelivery, 'to' | 'target'>;
  return {
    id: Number(row.id),
    dedupeKey: row.dedupeKey,
    platform: row.platform as Platform,
    to,
    target,
    view: JSON.parse(plain) as StoredDelivery['view'],
    ...(row.logicalKey ? { logicalKey: row.logicalKey } : {}),
    targetKey: row.targetKey ?? '',
    ...(row.jobKey ? { jobKey: row.jobKey } : {}),
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(row.nextAttemptAt),
    expiresAt: date(row.expiresAt) ?? new Date(row.createdAt),
    createdAt: new Date(row.createdAt),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    ...(row.alertedAt ? { alertedAt: new Date(row.alertedAt) } : {}),
    ...(row.messageRef ? { messageRef: row.messageRef } : {}),
    ...(row.sentAt ? { sentAt: new Date(row.sentAt) } : {}),
  };
}

export function createDeliveryStore(db: Database): DeliveryStore {
  const exec = (text: string, ...params: unknown[]) => db.statements(async (sql) => void (await sql.run(text, ...params)));
  const exists = (text: string, ...params: unknown[]) => db.statements(async (sql) => (await sql.get(text, ...params)) !== undefined);

  /**
   * Claims the head found before. `interrupted`: an earlier claim never ended (its process died; its lease ran out or
   * the claim was taken back at a restart).
   */
  async function claim(sql: Sql, head: Head, owner: string, leaseUntil: Date, now: Date): Promise<ClaimedDelivery | undefined> {
    const [row] = await sql.all<DeliveryRow>(CLAIM, owner, ts(leaseUntil), ts(now), head.id, ts(now), ts(now));
    return row ? { ...toDelivery(db, row), interrupted: head.claimedAt !== null } : undefined;
  }

  async function insert(sql: Sql, d: NewDelivery, owner: string, leaseUntil: Date): Promise<EnqueueResult> {
    const existing = await sql.get<DeliveryRow>(BY_KEY, d.dedupeKey);
    if (existing) return { delivery: toDelivery(db, existing), created: false, claimed: false };
    const now = ts(d.createdAt);
    if (d.logicalKey) await sql.run(SUPERSEDE_OLDER, d.logicalKey, now);
    // The one look-up a send adds: an earlier delivery to the same target still pending → this one waits behind it.
    const ahead = await sql.get<Head>(HEAD, d.targetKey);
    const { view } = protectRow(db.cipher, 'Delivery', { view: JSON.stringify(d.view) });
    const [row] = await sql.all<DeliveryRow>(
      INSERT,
      d.dedupeKey, d.platform, JSON.stringify({ to: d.to, target: d.target }), view, d.logicalKey ?? null, d.targetKey, now,
      ahead ? null : owner, ahead ? null : ts(leaseUntil), ahead ? null : now, d.jobKey ?? null, ts(d.expiresAt), now,
    );
    const head = ahead ? await claim(sql, ahead, owner, leaseUntil, d.createdAt) : undefined;
    return { delivery: toDelivery(db, row!), created: true, claimed: !ahead, ...(head ? { head } : {}) };
  }

  async function claimHeads(sql: Sql, now: Date, owner: string, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const heads = await sql.all<Head>(DUE_HEADS, ts(now), ts(now), limit);
    const claimed: ClaimedDelivery[] = [];
    for (const h of heads) {
      const c = await claim(sql, h, owner, leaseUntil, now);
      if (c) claimed.push(c);
    }
    return claimed;
  }

  return {
    enqueue: (d, owner, leaseUntil) => db.statements((sql) => insert(sql, d, owner, leaseUntil), { transaction: true }),
    claimDue: (now, owner, leaseUntil, limit) => db.statements((sql) => claimHeads(sql, now, owner, leaseUntil, limit), { transaction: true }),
    claimNext: (targetKey, now, owner, leaseUntil) =>
      db.statements(async (sql) => {
        const head = await sql.get<Head>(HEAD, targetKey);
        // Between the look-up and the claim another process may take or send it: the claim's conditions then fail.
        return head ? claim(sql, head, owner, leaseUntil, now) : undefined;
      }),
    renew: (id, owner, leaseUntil) => db.statements(async (sql) => (await sql.run(RENEW, ts(leaseUntil), id, owner)).changes > 0),
    markSent: (id, messageRef, now) =>
      exec(`UPDATE "Delivery" SET "state" = 'sent', "attempts" = "attempts" + 1, "messageRef" = ?, "sentAt" = ?, ${RELEASED} WHERE "id" = ?`, messageRef, ts(now), id),
    retryLater: (id, error, next) =>
      exec(`UPDATE "Delivery" SET "attempts" = "attempts" + 1, "lastError" = ?, "nextAttemptAt" = ?, ${RELEASED} WHERE "id" = ? AND "state" = 'pending'`, error.slice(0, 500), ts(next), id),
    finish: (id, state, reason, _now, attempted = false) =>
      exec(`UPDATE "Delivery" SET "state" = ?, "lastError" = ?, "attempts" = "attempts" + ?, ${RELEASED} WHERE "id" = ?`, state, reason.slice(0, 500), attempted ? 1 : 0, id),
    release: (id) => exec(`UPDATE "Delivery" SET ${RELEASED} WHERE "id" = ?`, id),
    markAlerted: (id, now) => exec(`UPDATE "Delivery" SET "alertedAt" = ? WHERE "id" = ?`, ts(now), id),
    superseded: (d) => (d.logicalKey ? exists(NEWER, d.logicalKey, d.id) : Promise.resolve(false)),
    // claimedAt stays: whether an attempt was under way is not known here, so the next one looks before it posts.
    releaseAll: (owner) =>
      db.statements(async (sql) => (await sql.run(`UPDATE "Delivery" SET "claimedBy" = NULL, "leaseUntil" = NULL WHERE "claimedBy" = ? AND "state" = 'pending'`, owner)).changes),
  };
}
