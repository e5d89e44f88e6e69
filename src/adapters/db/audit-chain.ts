import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DataKey } from '../crypto/keyring.ts';

/**
 * The audit trail's hash chain (security annex art. 21-2, 22-4). Every AuditLog row carries
 *   prevHash  the hash of the row before it (the chain start for the first row),
 *   hash      SHA-256 over the row's columns (id, at, actorId, channel, action, entity, entityId, before, after)
 *             and prevHash: any change, insertion or removal breaks the links after it;
 *   keyId     the data key that sealed it,
 *   seal      HMAC-SHA256 of hash under a key derived (HKDF) from that data key: without the key nobody can write
 *             a row, or rewrite the chain, that verifies.
 * The links are unkeyed on purpose: rows sealed by a key that `keys retire` removed cannot have their seal checked
 * any more, but their content is still pinned by the seal of the first later row sealed by a key still held.
 */
import { numberedPlaceholders } from './placeholders.ts';

/** database.ts's Dialect (not imported: database.ts names AuditSealer). */
type Dialect = 'sqlite' | 'postgres';

export const GENESIS = '0'.repeat(64);
const VERSION = 'kaiheisen-audit/1';

export interface AuditRowContent {
  id: number;
  at: Date;
  actorId: string | null;
  channel: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

export interface ChainFields {
  prevHash: string;
  hash: string;
  keyId: string | null;
  seal: string | null;
}

export function chainHash(prevHash: string, row: AuditRowContent): string {
  const fields = [VERSION, prevHash, row.id, row.at.toISOString(), row.actorId, row.channel, row.action, row.entity, row.entityId, row.before, row.after];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

export type SealCheck = 'ok' | 'mismatch' | 'unknownKey';

/** The chain head as a committed write left it: what the log carries as a witness outside the database. */
export interface CommittedHead {
  lastId: number;
  hash: string;
}

/** Seals with the cipher's current data key; without a cipher (tests that opt out of encryption) rows stay unsealed. */
export class AuditSealer {
  private keys = new Map<string, Buffer>();
  /** The head the current unit of work sealed (the write queue runs one at a time): told once it committed. */
  private pendingHead: CommittedHead | undefined;

  constructor(
    private readonly cipher: FieldCipher | undefined,
    private readonly onCommittedHead?: (head: CommittedHead) => void,
  ) {}

  /**
   * Runs one unit of work of the write queue (a transaction, or statements that commit themselves) and tells the
   * head it recorded once the work succeeded, never a head that was rolled back. A retry seals its head again.
   */
  async committing<T>(work: () => Promise<T>): Promise<T> {
    this.pendingHead = undefined;
    try {
      const result = await work();
      const head = this.pendingHead as CommittedHead | undefined; // set by sealHead during the work
      if (head && head.lastId > 0) this.onCommittedHead?.(head);
      return result;
    } finally {
      this.pendingHead = undefined;
    }
  }

  sealRow(hash: string): { keyId: string | null; seal: string | null } {
    return this.sign(`row\n${hash}`);
  }

  checkRow(keyId: string, hash: string, seal: string): SealCheck {
    return this.check(keyId, `row\n${hash}`, seal);
  }

  sealStart(startHash: string, at: Date): { keyId: string | null; seal: string | null } {
    return this.sign(`start\n${startHash}\n${at.toISOString()}`);
  }

  checkStart(keyId: string, startHash: string, at: Date, seal: string): SealCheck {
    return this.check(keyId, `start\n${startHash}\n${at.toISOString()}`, seal);
  }

  sealHead(lastId: number, hash: string): { keyId: string | null; seal: string | null } {
    this.pendingHead = { lastId, hash };
    return this.sign(`head\n${lastId}\n${hash}`);
  }

  checkHead(keyId: string, lastId: number, hash: string, seal: string): SealCheck {
    return this.check(keyId, `head\n${lastId}\n${hash}`, seal);
  }

  get keyed(): boolean {
    return this.cipher !== undefined;
  }

  private sign(message: string): { keyId: string | null; seal: string | null } {
    if (!this.cipher) return { keyId: null, seal: null };
    const key = this.cipher.keyring.current;
    return { keyId: key.id, seal: this.mac(key, message) };
  }

  private check(keyId: string, message: string, seal: string): SealCheck {
    const key = this.findKey(keyId);
    if (!key) return 'unknownKey';
    const expected = Buffer.from(this.mac(key, message), 'hex');
    const given = Buffer.from(seal, 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given) ? 'ok' : 'mismatch';
  }

  private findKey(keyId: string): DataKey | undefined {
    if (!this.cipher) return undefined;
    const held = this.cipher.keyring.keys.find((k) => k.id === keyId);
    if (held) return held;
    try {
      return this.cipher.keyById(keyId); // a key file rotated by another process is read again
    } catch {
      return undefined;
    }
  }

  private mac(key: DataKey, message: string): string {
    let derived = this.keys.get(key.id);
    if (!derived) {
      derived = Buffer.from(hkdfSync('sha256', key.key, Buffer.alloc(0), 'kaiheisen/audit-chain/v1', 32));
      this.keys.set(key.id, derived);
    }
    return createHmac('sha256', derived).update(`${VERSION}\n${message}`, 'utf8').digest('hex');
  }
}

/**
 * What the next row links to, read inside the writing transaction (every part a primary-key lookup: it runs on
 * each audit write). The id is the next AUTOINCREMENT value, taken explicitly because the hash covers it.
 */
export const HEAD_SQL = `SELECT
  (SELECT "hash" FROM "AuditLog" ORDER BY "id" DESC LIMIT 1) AS "lastHash",
  EXISTS (SELECT 1 FROM "AuditLog") AS "anyRow",
  max(coalesce((SELECT "seq" FROM sqlite_sequence WHERE "name" = 'AuditLog'), 0), coalesce((SELECT max("id") FROM "AuditLog"), 0)) AS "lastId",
  (SELECT "startHash" FROM "AuditChainStart" WHERE "id" = 1) AS "startHash",
  (SELECT "hash" FROM "AuditChainHead" WHERE "id" = 1) AS "recordedHash",
  (SELECT "lastId" FROM "AuditChainHead" WHERE "id" = 1) AS "recordedLastId",
  (SELECT "keyId" FROM "AuditChainHead" WHERE "id" = 1) AS "recordedKeyId",
  (SELECT "seal" FROM "AuditChainHead" WHERE "id" = 1) AS "recordedSeal"`;

/** The AuditLog id sequence on PostgreSQL: NULL until a value was taken or set (pg_sequence_last_value). */
const PG_AUDIT_SEQUENCE = `pg_sequence_last_value(pg_get_serial_sequence('"AuditLog"', 'id')::regclass)`;

/** HEAD_SQL on PostgreSQL: the id sequence stands for sqlite_sequence (kept in step by ADVANCE_AUDIT_SEQUENCE_SQL). */
const PG_HEAD_SQL = HEAD_SQL.replace(
  /max\(coalesce\(\(SELECT "seq" FROM sqlite_sequence[^\n]*\n/,
  `greatest(coalesce(${PG_AUDIT_SEQUENCE}, 0), coalesce((SELECT max("id") FROM "AuditLog"), 0)) AS "lastId",\n`,
);

export const headSql = (dialect: Dialect): string => (dialect === 'postgres' ? PG_HEAD_SQL : HEAD_SQL);

/**
 * PostgreSQL only: rows get their ids explicitly (the hash covers them), which a sequence does not notice, unlike
 * SQLite's AUTOINCREMENT counter. Set after every sealed write so the last id taken survives the rows' deletion.
 * (setval is not undone by a rollback: at worst an id is skipped, which the chain does not mind.)
 */
export const ADVANCE_AUDIT_SEQUENCE_SQL = `SELECT setval(pg_get_serial_sequence('"AuditLog"', 'id'), greatest(?::int, coalesce(${PG_AUDIT_SEQUENCE}, 0)))`;

export interface HeadRow {
  lastHash: string | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  anyRow: number | bigint | boolean;
  /** A number, bigint or (PostgreSQL bigint) text: read with Number(). */
  lastId: number | bigint | string;
  startHash: string | null;
  recordedHash: string | null;
  recordedLastId: number | bigint | string | null;
  recordedKeyId: string | null;
  recordedSeal: string | null;
}

export interface Head {
  nextId: number;
  /** The hash the next row links to. */
  hash: string;
}

/**
 * The next row links to the recorded head (AuditChainHead), not to whatever row is last now: a row deleted from the
 * end by hand, or a head record deleted or forged, then leaves a link verify reports, instead of being papered over
 * by the next write. Only unsealed databases (tests without a cipher) fall back to the last row or the chain start.
 */
export function headOf(row: HeadRow, sealer?: AuditSealer): Head {
  const lastId = Math.max(Number(row.lastId), Number(row.recordedLastId ?? 0));
  if (row.recordedHash && headTrusted(row, sealer)) return { nextId: lastId + 1, hash: row.recordedHash };
  // Keyed databases have a head from their first open (prepareDatabaseFile): without a trusted one, history is missing.
  if (sealer?.keyed) return { nextId: lastId + 1, hash: MISSING_HISTORY };
  return { nextId: lastId + 1, hash: Number(row.anyRow) === 1 ? GENESIS : (row.startHash ?? GENESIS) };
}

/** What a row links to when the head record it should follow was deleted or forged: no row can ever hash to it. */
export const MISSING_HISTORY = 'f'.repeat(64);

/** A database nothing was ever written to: no audit row (nor its AUTOINCREMENT counter), head, start, person or order. */
export const IS_NEW_DATABASE_SQL = `SELECT NOT EXISTS (SELECT 1 FROM "AuditLog") AND NOT EXISTS (SELECT 1 FROM "AuditChainHead")
  AND NOT EXISTS (SELECT 1 FROM "AuditChainStart") AND NOT EXISTS (SELECT 1 FROM "Person") AND NOT EXISTS (SELECT 1 FROM "WorkOrder")
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE "name" = 'AuditLog')`;

/** One column, "isNew": 0/1 on SQLite, a boolean on PostgreSQL. */
export const isNewDatabaseSql = (dialect: Dialect): string =>
  `SELECT (${dialect === 'postgres' ? IS_NEW_DATABASE_SQL.replace(/NOT EXISTS \(SELECT 1 FROM sqlite_sequence[^)]*\)/, `${PG_AUDIT_SEQUENCE} IS NULL`) : IS_NEW_DATABASE_SQL.replace(/^SELECT /, '')}) AS "isNew"`;

/** A head record edited by hand must not be re-sealed by the next write: it is followed only if its seal holds. */
function headTrusted(row: HeadRow, sealer: AuditSealer | undefined): boolean {
  if (!sealer?.keyed) return true;
  if (!row.recordedKeyId || !row.recordedSeal) return false;
  return sealer.checkHead(row.recordedKeyId, Number(row.recordedLastId), row.recordedHash!, row.recordedSeal) !== 'mismatch';
}

export type AuditRowInput = Omit<AuditRowContent, 'id'>;

/** The stored columns of one new row linked after `head`. */
export function sealNext(sealer: AuditSealer, head: Head, row: AuditRowInput): AuditRowContent & ChainFields {
  const content: AuditRowContent = { ...row, id: head.nextId };
  const hash = chainHash(head.hash, content);
  return { ...content, prevHash: head.hash, hash, ...sealer.sealRow(hash) };
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/** The hashed columns of a Prisma create's `data` (call sites pass JSON text for before/after). */
export function rowInputOf(data: Record<string, unknown>, now: () => Date): AuditRowInput {
  const at = data.at === undefined ? now() : new Date(data.at as Date | string);
  return {
    at,
    actorId: text(data.actorId),
    channel: String(data.channel),
    action: String(data.action),
    entity: String(data.entity),
    entityId: text(data.entityId),
    before: text(data.before),
    after: text(data.after),
  };
}

/** The chain start a purge records: sealed, stored in the one-row AuditChainStart table. */
export const UPSERT_START_SQL = `INSERT INTO "AuditChainStart" ("id", "startHash", "at", "keyId", "seal") VALUES (1, ?, ?, ?, ?)
  ON CONFLICT ("id") DO UPDATE SET "startHash" = excluded."startHash", "at" = excluded."at", "keyId" = excluded."keyId", "seal" = excluded."seal"`;


/** Written after every audit insert, in the same transaction. */
export const UPSERT_HEAD_SQL = `INSERT INTO "AuditChainHead" ("id", "lastId", "hash", "keyId", "seal") VALUES (1, ?, ?, ?, ?)
  ON CONFLICT ("id") DO UPDATE SET "lastId" = excluded."lastId", "hash" = excluded."hash", "keyId" = excluded."keyId", "seal" = excluded."seal"`;

/** The statements above through Prisma's raw calls: `?` on SQLite, `$1, $2 …` on PostgreSQL (none holds a quoted `?`). */
export function rawPlaceholders(sql: string, dialect: Dialect): string {
  return dialect === 'postgres' ? numberedPlaceholders(sql) : sql;
}

export function headValues(sealer: AuditSealer, lastId: number, hash: string): [number, string, string, string] {
  const { keyId, seal } = sealer.sealHead(lastId, hash);
  return [lastId, hash, keyId ?? '', seal ?? ''];
}
