import type { AuditEntry } from '../../application/ports.ts';
import type { OrderToWrite } from '../../application/import/ports.ts';
import { IMPORT_FIELDS, type ImportedWorkOrder } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import { storedCoordinate } from '../../domain/work-order/work-order.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { BLIND_INDEXES, blindIndexOf, ENCRYPTED_FIELDS, encryptValue, revealTree } from './field-encryption.ts';
import { ADVANCE_AUDIT_SEQUENCE_SQL, headOf, headSql, headValues, sealNext, UPSERT_HEAD_SQL, type AuditSealer, type HeadRow } from './audit-chain.ts';
import type { Dialect, Sql } from './database.ts';

/**
 * Plain SQL of the import (work-order-store.ts, import-staging-store.ts). Raw SQL bypasses the field-encryption
 * extension, so personal fields are encrypted (and the customer-number and address blind indexes set) here by
 * orderValues, as protectRow does, and decrypted with revealTree.
 */
/** Written by orderValues(), in this order. */
export const ORDER_COLUMNS = [...IMPORT_FIELDS, 'customerNumberIndex', 'addressIndex', 'town', 'extra', 'contentHash'] as const;
const AUDIT_COLUMNS = ['id', 'at', 'actorId', 'channel', 'action', 'entity', 'entityId', 'before', 'after', 'prevHash', 'hash', 'keyId', 'seal'] as const;

export const quote = (column: string): string => `"${column}"`;

const INSERT_AUDIT = `INSERT INTO "AuditLog" (${AUDIT_COLUMNS.map(quote).join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`;

const INSERT_AUDITS_JSON = `INSERT INTO "AuditLog" (${AUDIT_COLUMNS.map(quote).join(', ')})
  SELECT ${AUDIT_COLUMNS.map(quote).join(', ')} FROM json_populate_recordset(NULL::"AuditLog", ?::json)`;

const findExisting = (inList: string) => `SELECT w."id", w."orderNo", w."contentHash", w."status",
      EXISTS (SELECT 1 FROM "TaskResult" r WHERE r."workOrderId" = w."id") AS "hasResult"
    FROM "WorkOrder" w WHERE w."orderNo" IN ${inList}`;

/** The statements of each dialect; lists are passed as one JSON array text (`?` placeholders). */
export const IMPORT_SQL = {
  sqlite: {
    findExisting: findExisting('(SELECT value FROM json_each(?))'),
    selectOrders: 'SELECT * FROM "WorkOrder" WHERE "id" IN (SELECT value FROM json_each(?))',
    insertAudit: INSERT_AUDIT,
    head: headSql('sqlite'),
  },
  postgres: {
    findExisting: findExisting('(SELECT json_array_elements_text(?::json))'),
    selectOrders: 'SELECT * FROM "WorkOrder" WHERE "id" IN (SELECT json_array_elements_text(?::json)::int)',
    insertAudit: INSERT_AUDIT,
    head: headSql('postgres'),
  },
} satisfies Record<Dialect, Record<string, string>>;

/** DateTime as Prisma's SQLite adapter writes it (ISO 8601, +00:00), so Prisma reads and compares it alike. */
export function timestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

const ENCRYPTED = new Set(ENCRYPTED_FIELDS.WorkOrder);
const INDEXED: Readonly<Record<string, string>> = BLIND_INDEXES.WorkOrder ?? {};
const COLUMN_AT = new Map<string, number>(ORDER_COLUMNS.map((c, i) => [c, i]));
const [TOWN, EXTRA, HASH] = ['town', 'extra', 'contentHash'].map((c) => COLUMN_AT.get(c)!) as [number, number, number];

/**
 * The ORDER_COLUMNS values of an order, personal fields encrypted and their blind indexes set as protectRow would,
 * coordinates rounded (storedCoordinate); built straight into one array (an import calls it for every row). The
 * content hash stays that of the file's values: a file imported again before and after rounding was introduced is
 * unchanged.
 */
export function orderValues(cipher: FieldCipher | undefined, { order, contentHash }: OrderToWrite): unknown[] {
  const values: unknown[] = new Array(ORDER_COLUMNS.length).fill(null);
  const fields = order as unknown as Record<string, unknown>;
  for (let i = 0; i < IMPORT_FIELDS.length; i++) {
    const field = IMPORT_FIELDS[i]!;
    const value = field === 'latitude' || field === 'longitude' ? storedCoordinate(order[field]) : fields[field];
    if (!cipher || !ENCRYPTED.has(field)) {
      values[i] = value;
      continue;
    }
    const index = INDEXED[field];
    if (index) values[COLUMN_AT.get(index)!] = typeof value === 'string' ? blindIndexOf(cipher, 'WorkOrder', field, value) : null;
    values[i] = encryptValue(cipher, value);
  }
  values[TOWN] = order.town;
  values[EXTRA] = order.extra ? JSON.stringify(order.extra) : null;
  values[HASH] = contentHash;
  return values;
}

export interface ExistingRow {
  id: number | bigint;
  orderNo: string;
  contentHash: string;
  status: string;
  hasResult: number | bigint | boolean; // PostgreSQL: a boolean
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
export async function insertAudits(sql: Sql, sealer: AuditSealer, entries: readonly AuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  const statements = IMPORT_SQL[sql.dialect];
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  let head = headOf((await sql.get<HeadRow>(statements.head))!, sealer);
  const rows = entries.map((e) => {
    const input = { at, actorId: e.actorId, channel: e.channel, action: e.action, entity: e.entity, entityId: e.entityId ?? null, before: json(e.before), after: json(e.after) };
    const row = sealNext(sealer, head, input);
    head = { nextId: row.id + 1, hash: row.hash };
    return { ...row, at: timestamp(row.at) };
  });
  if (sql.dialect === 'postgres') {
    await sql.run(INSERT_AUDITS_JSON, JSON.stringify(rows)); // one round trip for a step's entries
    await sql.run(ADVANCE_AUDIT_SEQUENCE_SQL, head.nextId - 1); // the ids were given: the sequence is told
  } else {
    for (const row of rows) await sql.run(statements.insertAudit, ...AUDIT_COLUMNS.map((c) => row[c]));
  }
  await sql.run(UPSERT_HEAD_SQL, ...headValues(sealer, head.nextId - 1, head.hash));
}
