import BetterSqlite3 from 'better-sqlite3';
import type { AuditEntry } from '../../application/ports.ts';
import type {
  OrderToUpdate,
  OrderToWrite,
  WorkOrderImportStore,
  WorkOrderImportWriter,
} from '../../application/import/ports.ts';
import { IMPORT_FIELDS, type ImportedWorkOrder } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import type { MeterWork, TaskKind } from '../../domain/work-order/task-kind.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { Database } from './database.ts';
import { protectRow, revealTree } from './field-encryption.ts';

/**
 * The import store. Reads outside a transaction (--dry-run) go through Prisma. The write runs on
 * a connection of its own with plain prepared statements: a year of orders (60,000 rows) takes
 * ~20 s and over 500 MB with Prisma's createMany, and still 1.5-2.5 s with bulk raw SQL through
 * Prisma (see bench/import.bench.ts). It is queued behind every other write of this process
 * (Database.run): better-sqlite3 waits for a lock synchronously, so waiting here for a Prisma
 * transaction of the same process would block the event loop that transaction needs to finish.
 * Raw SQL bypasses the field-encryption extension, so personal fields are encrypted (and the
 * customer-number blind index set) here with protectRow, and decrypted with revealTree.
 */
/** Written by orderValues(), in this order. */
const ORDER_COLUMNS = [...IMPORT_FIELDS, 'customerNumberIndex', 'town', 'extra', 'contentHash'] as const;
const AUDIT_COLUMNS = ['at', 'actorId', 'channel', 'action', 'entity', 'entityId', 'before', 'after'] as const;
const BUSY_TIMEOUT_MS = 5_000;

const SQL = {
  findExisting: `SELECT w."id", w."orderNo", w."contentHash", w."status",
      EXISTS (SELECT 1 FROM "TaskResult" r WHERE r."workOrderId" = w."id") AS "hasResult"
    FROM "WorkOrder" w WHERE w."orderNo" IN (SELECT value FROM json_each(?))`,
  selectOrder: 'SELECT * FROM "WorkOrder" WHERE "id" = ?',
  insertOrder: `INSERT INTO "WorkOrder" (${[...ORDER_COLUMNS, 'status', 'importedAt', 'updatedAt'].map(quote).join(', ')})
    VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')}, 'open', ?, ?)`,
  updateOrder: `UPDATE "WorkOrder" SET ${[...ORDER_COLUMNS, 'updatedAt'].map((c) => `${quote(c)} = ?`).join(', ')} WHERE "id" = ?`,
  insertAudit: `INSERT INTO "AuditLog" (${AUDIT_COLUMNS.map(quote).join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
};

function quote(column: string): string {
  return `"${column}"`;
}

/** DateTime as Prisma's SQLite adapter writes it (ISO 8601, +00:00), so Prisma reads and compares it alike. */
function timestamp(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** The ORDER_COLUMNS values of an order, personal fields encrypted, then `more` (timestamps, id). */
function orderValues(cipher: FieldCipher | undefined, { order, contentHash }: OrderToWrite, ...more: unknown[]): unknown[] {
  const plain = order as unknown as Record<string, unknown>;
  const stored = cipher ? protectRow(cipher, 'WorkOrder', plain) : plain; // protectRow returns a copy
  const values: unknown[] = IMPORT_FIELDS.map((f) => stored[f]);
  values.push(stored.customerNumberIndex ?? null, order.town, order.extra ? JSON.stringify(order.extra) : null, contentHash, ...more);
  return values;
}

interface ExistingRow {
  id: number | bigint;
  orderNo: string;
  contentHash: string;
  status: string;
  hasResult: number | bigint;
}

function toExisting(r: ExistingRow): ExistingOrder {
  return { id: Number(r.id), orderNo: r.orderNo, contentHash: r.contentHash, status: r.status, hasResult: Number(r.hasResult) === 1 };
}

type StoredOrder = Record<string, unknown> & { extra: string | null; kind: string; meterWork: string | null };

function toImported(cipher: FieldCipher | undefined, stored: StoredOrder): ImportedWorkOrder {
  const row = (cipher ? revealTree(cipher, stored) : stored) as StoredOrder;
  const fields = Object.fromEntries([...IMPORT_FIELDS, 'town'].map((f) => [f, row[f] ?? null]));
  return {
    ...(fields as Omit<ImportedWorkOrder, 'kind' | 'meterWork' | 'extra'>),
    kind: row.kind as TaskKind,
    meterWork: row.meterWork as MeterWork | null,
    extra: row.extra ? (JSON.parse(row.extra) as Record<string, string>) : null,
  };
}

class SqliteImportWriter implements WorkOrderImportWriter {
  constructor(
    private readonly raw: BetterSqlite3.Database,
    private readonly cipher: FieldCipher | undefined,
  ) {}

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    const rows = this.raw.prepare(SQL.findExisting).all(JSON.stringify(orderNos)) as ExistingRow[];
    return rows.map(toExisting);
  }

  async importedFields(ids: readonly number[]): Promise<Map<number, ImportedWorkOrder>> {
    const select = this.raw.prepare(SQL.selectOrder);
    const found = new Map<number, ImportedWorkOrder>();
    for (const id of ids) {
      const row = select.get(id) as StoredOrder | undefined;
      if (row) found.set(id, toImported(this.cipher, row));
    }
    return found;
  }

  async insertOrders(orders: readonly OrderToWrite[], at: Date): Promise<void> {
    const insert = this.raw.prepare(SQL.insertOrder);
    const when = timestamp(at);
    for (const o of orders) insert.run(orderValues(this.cipher, o, when, when));
  }

  async updateOrders(orders: readonly OrderToUpdate[], at: Date): Promise<void> {
    const update = this.raw.prepare(SQL.updateOrder);
    const when = timestamp(at);
    for (const o of orders) update.run(orderValues(this.cipher, o, when, o.id));
  }

  async audit(entries: readonly AuditEntry[], at: Date): Promise<void> {
    const insert = this.raw.prepare(SQL.insertAudit);
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    const when = timestamp(at);
    for (const e of entries) insert.run(when, e.actorId, e.channel, e.action, e.entity, e.entityId ?? null, json(e.before), json(e.after));
  }
}

class SqliteImportStore implements WorkOrderImportStore {
  constructor(private readonly db: Database) {}

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    if (orderNos.length === 0) return [];
    const rows = await this.db.read.$queryRawUnsafe<ExistingRow[]>(SQL.findExisting, JSON.stringify(orderNos));
    return rows.map(toExisting);
  }

  /** One IMMEDIATE transaction on a connection of its own: committed when fn returns, rolled back when it throws. */
  write<T>(fn: (writer: WorkOrderImportWriter) => Promise<T>): Promise<T> {
    return this.db.run(async () => {
      const raw = new BetterSqlite3(this.db.path, { timeout: BUSY_TIMEOUT_MS });
      try {
        raw.exec('BEGIN IMMEDIATE');
        const result = await fn(new SqliteImportWriter(raw, this.db.cipher));
        raw.exec('COMMIT');
        return result;
      } finally {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        raw.close();
      }
    });
  }
}

export function createWorkOrderImportStore(db: Database): WorkOrderImportStore {
  return new SqliteImportStore(db);
}
