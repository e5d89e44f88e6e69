import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEntry } from '../../application/ports.ts';
import type { OrderToWrite } from '../../application/import/ports.ts';
import { IMPORT_FIELDS, type ImportedWorkOrder } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import { storedCoordinate } from '../../domain/work-order/work-order.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { protectRow, revealTree } from './field-encryption.ts';
import { HEAD_SQL, headOf, headValues, sealNext, UPSERT_HEAD_SQL, type AuditSealer, type HeadRow } from './audit-chain.ts';

/**
 * Plain SQL of the import (work-order-store.ts, import-staging-store.ts). Raw SQL bypasses the field-encryption
 * extension, so personal fields are encrypted (and the customer-number and address blind indexes set) here with protectRow,
 * and decrypted with revealTree.
 */
/** Written by orderValues(), in this order. */
export const ORDER_COLUMNS = [...IMPORT_FIELDS, 'customerNumberIndex', 'addressIndex', 'town', 'extra', 'contentHash'] as const;
const AUDIT_COLUMNS = ['id', 'at', 'actorId', 'channel', 'action', 'entity', 'entityId', 'before', 'after', 'prevHash', 'hash', 'keyId', 'seal'] as const;

export const quote = (column: string): string => `"${column}"`;

export const IMPORT_SQL = {
  findExisting: `SELECT w."id", w."orderNo", w."contentHash", w."status",
      EXISTS (SELECT 1 FROM "TaskResult" r WHERE r."workOrderId" = w."id") AS "hasResult"
    FROM main."WorkOrder" w WHERE w."orderNo" IN (SELECT value FROM json_each(?))`,
  selectOrders: 'SELECT * FROM main."WorkOrder" WHERE "id" IN (SELECT value FROM json_each(?))',
  insertAudit: `INSERT INTO main."AuditLog" (${AUDIT_COLUMNS.map(quote).join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
};

/** DateTime as Prisma's SQLite adapter writes it (ISO 8601, +00:00), so Prisma reads and compares it alike. */
export function timestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/**
 * The ORDER_COLUMNS values of an order, personal fields encrypted, coordinates rounded (storedCoordinate). The content
 * hash stays that of the file's values: a file imported again before and after rounding was introduced is unchanged.
 */
export function orderValues(cipher: FieldCipher | undefined, { order, contentHash }: OrderToWrite): unknown[] {
  const plain = { ...order, latitude: storedCoordinate(order.latitude), longitude: storedCoordinate(order.longitude) } as Record<string, unknown>;
  const stored = cipher ? protectRow(cipher, 'WorkOrder', plain) : plain; // protectRow returns a copy
  const values: unknown[] = IMPORT_FIELDS.map((f) => stored[f]);
  values.push(stored.customerNumberIndex ?? null, stored.addressIndex ?? null, order.town, order.extra ? JSON.stringify(order.extra) : null, contentHash);
  return values;
}

export interface ExistingRow {
  id: number | bigint;
  orderNo: string;
  contentHash: string;
  status: string;
  hasResult: number | bigint;
}

export function toExisting(r: ExistingRow): ExistingOrder {
  return { id: Number(r.id), orderNo: r.orderNo, contentHash: r.contentHash, status: r.status, hasResult: Number(r.hasResult) === 1 };
}

export type StoredOrder = Record<string, unknown> & { extra: string | null; kind: string; meterWork: string | null };

/** The imported fields of a stored (or staged) row, personal fields decrypted. */
export function toImported(cipher: FieldCipher | undefined, stored: StoredOrder): ImportedWorkOrder {
  const row = (cipher ? revealTree(cipher, stored) : stored) as StoredOrder;
  const fields = Object.fromEntries([...IMPORT_FIELDS, 'town'].map((f) => [f, row[f] ?? null]));
  return {
    ...(fields as Omit<ImportedWorkOrder, 'kind' | 'meterWork' | 'extra'>),
    kind: row.kind as TaskKind,
    meterWork: row.meterWork as MeterWork | null,
    extra: row.extra ? (JSON.parse(row.extra) as Record<string, string>) : null,
  };
}

/** Raw inserts bypass the sealing extension: each row is linked and sealed here, inside the caller's transaction. */
export function insertAudits(raw: BetterSqlite3.Database, sealer: AuditSealer, entries: readonly AuditEntry[], at: Date): void {
  if (entries.length === 0) return;
  const insert = raw.prepare(IMPORT_SQL.insertAudit);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  let head = headOf(raw.prepare(HEAD_SQL).get() as HeadRow, sealer);
  for (const e of entries) {
    const input = { at, actorId: e.actorId, channel: e.channel, action: e.action, entity: e.entity, entityId: e.entityId ?? null, before: json(e.before), after: json(e.after) };
    const row = sealNext(sealer, head, input);
    insert.run(row.id, timestamp(row.at), row.actorId, row.channel, row.action, row.entity, row.entityId, row.before, row.after, row.prevHash, row.hash, row.keyId, row.seal);
    head = { nextId: row.id + 1, hash: row.hash };
  }
  raw.prepare(UPSERT_HEAD_SQL).run(...headValues(sealer, head.nextId - 1, head.hash));
}
