import type pg from 'pg';
import type { AuditEntry } from '../../../application/ports.ts';
import type { ImportPublisher, ImportStaging, OrderToWrite, StagedDay, StagedOrder, StepStats, UndoOutcome } from '../../../application/import/ports.ts';
import type { ImportedWorkOrder } from '../../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../../domain/work-order/import-plan.ts';
import { AppError, ErrorCode } from '../../../errors.ts';
import { collectGarbage } from '../collect-garbage.ts';
import type { Database, Sql } from '../database.ts';
import { COLLECT_EVERY_ROWS, type StagingOptions, type Step, StepPacer, undoSteps } from '../import-step-pacing.ts';
import { type ExistingRow, IMPORT_SQL, insertAudits, ORDER_COLUMNS, orderValues, quote, type StoredOrder, timestamp, toExisting, toImported } from '../import-sql.ts';
import { PostgresDatabase, postgresSql, WRITE_LOCK } from './postgres-database.ts';

/** Below this, the planner's guess for a never-analysed table does as well as statistics. */
const ANALYZE_FROM_ROWS = 2_000;
const COLUMNS = ORDER_COLUMNS.map(quote).join(', ');
const FROM_STAGED = ORDER_COLUMNS.map((c) => `s.${quote(c)}`).join(', ');
const FROM_BEFORE = ORDER_COLUMNS.map((c) => `b.${quote(c)}`).join(', ');
const lines = 'IN (SELECT json_array_elements_text(?::json)::int)';
/** [id, line] pairs as rows: one statement per step, not one round trip per order. */
const PAIRS = 'json_to_recordset(?::json) AS u("id" int, "line" int)';
const UNTOUCHED = 'w."contentHash" = s."contentHash" AND NOT EXISTS (SELECT 1 FROM "TaskResult" r WHERE r."workOrderId" = w."id")';

const SQL = {
  // The staged table takes WorkOrder's column types (and collations); `line` is the file's line.
  create: [
    `CREATE TEMP TABLE import_staged AS SELECT 0 AS "line", ${COLUMNS} FROM "WorkOrder" WITH NO DATA`,
    'ALTER TABLE import_staged ADD PRIMARY KEY ("line")',
    'CREATE INDEX ON import_staged ("scheduledDate")',
    'CREATE UNIQUE INDEX ON import_staged ("orderNo")',
    'CREATE TEMP TABLE import_before (LIKE "WorkOrder")',
    'CREATE INDEX ON import_before ("id")',
  ],
  stage: 'INSERT INTO import_staged SELECT * FROM json_populate_recordset(NULL::import_staged, ?::json)',
  // Temp tables are never analysed by autovacuum: once a large file is staged, the planner is told its size.
  analyze: 'ANALYZE import_staged',
  drop: 'DISCARD TEMP',
  days: 'SELECT "scheduledDate" AS "date", count(*) AS "count" FROM import_staged GROUP BY "scheduledDate" ORDER BY "scheduledDate"',
  stagedOn: `SELECT "line", "orderNo", "scheduledDate", "contentHash" FROM import_staged
    WHERE "scheduledDate" IN (SELECT json_array_elements_text(?::json)) ORDER BY "line"`,
  stagedRows: `SELECT * FROM import_staged WHERE "line" ${lines}`,
  publishInserts: `WITH inserted AS (
      INSERT INTO "WorkOrder" (${COLUMNS}, "status", "importedAt", "updatedAt")
      SELECT ${COLUMNS}, 'open', ?::timestamptz, ?::timestamptz FROM import_staged WHERE "line" ${lines} ORDER BY "line"
      RETURNING "id", "orderNo")
    SELECT i."id", s."line" FROM inserted i JOIN import_staged s ON s."orderNo" = i."orderNo" ORDER BY s."line"`,
  keepBefore: 'INSERT INTO import_before SELECT * FROM "WorkOrder" WHERE "id" IN (SELECT json_array_elements_text(?::json)::int)',
  publishUpdates: `UPDATE "WorkOrder" w SET (${COLUMNS}) = (${FROM_STAGED}), "updatedAt" = ?::timestamptz
    FROM ${PAIRS}, import_staged s WHERE w."id" = u."id" AND s."line" = u."line" RETURNING w."id"`,
  // Only while the order is as this import left it (same content, no result since).
  removeInserted: `DELETE FROM "WorkOrder" w USING ${PAIRS}, import_staged s
    WHERE w."id" = u."id" AND s."line" = u."line" AND ${UNTOUCHED}`,
  restoreUpdated: `UPDATE "WorkOrder" w SET (${COLUMNS}, "updatedAt") = (${FROM_BEFORE}, b."updatedAt")
    FROM ${PAIRS}, import_before b, import_staged s
    WHERE w."id" = u."id" AND b."id" = u."id" AND s."line" = u."line" AND ${UNTOUCHED} RETURNING w."id", s."orderNo"`,
};

/**
 * An import's staging area on PostgreSQL: session TEMP tables on one connection of the pool, held for the import.
 * As on SQLite (import-staging-store.ts), staging takes no lock any other writer waits for, no other session sees
 * the rows, they live on the server rather than in this process's memory (a year's file stays a few MB here), are
 * not WAL-logged, and vanish with the session, also when the process dies. Each publishing step is one short transaction on that connection that takes the
 * WRITE_LOCK advisory lock first, so it is one writer among the others, queued behind this process's own writes
 * (Database.run). Updated rows are copied aside (encrypted, as stored) before they are overwritten, for an undo.
 */
class PostgresImportStaging implements ImportStaging {
  private readonly steps: Step[] = [];
  private readonly pacer: StepPacer;
  private readonly sql: Sql;
  private sinceCollected = 0;
  private unanalyzedRows = 0;

  constructor(
    private readonly db: Database,
    private readonly client: pg.PoolClient,
    options: StagingOptions,
  ) {
    this.pacer = new StepPacer(options);
    this.sql = postgresSql(client);
  }

  get stepRows(): number {
    return this.pacer.stepRows;
  }

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    if (orderNos.length === 0) return [];
    return (await this.sql.all<ExistingRow>(IMPORT_SQL.postgres.findExisting, JSON.stringify(orderNos))).map(toExisting);
  }

  /** One statement per batch: the rows go as one JSON array, typed by the staged table. */
  async stage(orders: readonly OrderToWrite[]): Promise<void> {
    if (orders.length === 0) return;
    const rows = orders.map((o) => {
      const values = orderValues(this.db.cipher, o);
      return Object.fromEntries([['line', o.line], ...ORDER_COLUMNS.map((c, i) => [c, values[i]])]);
    });
    await this.sql.run(SQL.stage, JSON.stringify(rows));
    this.unanalyzedRows += orders.length;
    this.sinceCollected += orders.length;
    if (this.sinceCollected >= COLLECT_EVERY_ROWS) {
      this.sinceCollected = 0;
      collectGarbage(); // the encryption's garbage (collect-garbage.ts): memory stays within a few times the file
    }
  }

  /** Publishing starts: whether a bot runs decides the first step's size. */
  async days(): Promise<StagedDay[]> {
    await this.pacer.look();
    if (this.unanalyzedRows >= ANALYZE_FROM_ROWS) await this.sql.run(SQL.analyze);
    this.unanalyzedRows = 0;
    return (await this.sql.all<{ date: string; count: string | number }>(SQL.days)).map((d) => ({ date: d.date, count: Number(d.count) }));
  }

  async stagedOn(dates: readonly string[]): Promise<StagedOrder[]> {
    return (await this.sql.all<StagedOrder>(SQL.stagedOn, JSON.stringify(dates))).map((r) => ({ ...r, line: Number(r.line) }));
  }

  stagedFields(lines: readonly number[]): Promise<Map<number, ImportedWorkOrder>> {
    return this.fieldsOf(SQL.stagedRows, lines, 'line');
  }

  importedFields(ids: readonly number[]): Promise<Map<number, ImportedWorkOrder>> {
    return this.fieldsOf(IMPORT_SQL.postgres.selectOrders, ids, 'id');
  }

  private async fieldsOf(sql: string, keys: readonly number[], key: 'line' | 'id'): Promise<Map<number, ImportedWorkOrder>> {
    const found = new Map<number, ImportedWorkOrder>();
    if (keys.length === 0) return found;
    for (const row of await this.sql.all<StoredOrder>(sql, JSON.stringify(keys))) found.set(Number(row[key]), toImported(this.db.cipher, row));
    return found;
  }

  async publish<T>(fn: (publisher: ImportPublisher) => Promise<T>): Promise<T> {
    const { result, step } = await this.inTransaction(async () => {
      const step: Step = { inserted: [], updated: [] };
      return { result: await fn(this.publisher(step)), step };
    });
    this.steps.push(step);
    this.pacer.adapt(step);
    return result;
  }

  private publisher(step: Step): ImportPublisher {
    const { sql } = this;
    const sealer = this.db.auditSealer;
    return {
      findExisting: (orderNos) => this.findExisting(orderNos),
      async insertStaged(lines, at) {
        if (lines.length === 0) return;
        const when = timestamp(at);
        for (const r of await sql.all<{ id: number; line: number }>(SQL.publishInserts, when, when, JSON.stringify(lines))) {
          step.inserted.push(Number(r.id), Number(r.line));
        }
      },
      async updateStaged(updates, at) {
        if (updates.length === 0) return;
        await sql.run(SQL.keepBefore, JSON.stringify(updates.map((u) => u.id)));
        const updated = await sql.all<{ id: number }>(SQL.publishUpdates, timestamp(at), JSON.stringify(updates));
        const ids = new Set(updated.map((r) => Number(r.id)));
        for (const u of updates) if (ids.has(u.id)) step.updated.push(u.id, u.line);
      },
      audit: (entries, at) => insertAudits(sql, sealer, entries, at),
    };
  }

  breathe(): Promise<void> {
    return this.pacer.pause();
  }

  undo(reversal: (orderNo: string) => AuditEntry | undefined, last: (outcome: UndoOutcome) => AuditEntry, at: Date): Promise<UndoOutcome> {
    return undoSteps(this.steps.splice(0), {
      breathe: () => this.breathe(),
      inTransaction: (fn) => this.inTransaction(fn),
      undoStep: (step, outcome) => this.undoStep(step, outcome, reversal),
      audit: (entries) => insertAudits(this.sql, this.db.auditSealer, entries, at),
    }, last);
  }

  private async undoStep(step: Step, outcome: UndoOutcome, reversal: (orderNo: string) => AuditEntry | undefined): Promise<AuditEntry[]> {
    const inserted = pairs(step.inserted);
    const updated = pairs(step.updated);
    if (inserted.length > 0) {
      const { changes } = await this.sql.run(SQL.removeInserted, JSON.stringify(inserted));
      outcome.removed += changes;
      outcome.kept += inserted.length - changes;
    }
    if (updated.length === 0) return [];
    const restored = new Map((await this.sql.all<{ id: number; orderNo: string }>(SQL.restoreUpdated, JSON.stringify(updated))).map((r) => [Number(r.id), r.orderNo]));
    outcome.restored += restored.size;
    outcome.kept += updated.length - restored.size;
    const audits: AuditEntry[] = [];
    for (const { id } of updated) {
      const orderNo = restored.get(id);
      const entry = orderNo === undefined ? undefined : reversal(orderNo);
      if (entry) audits.push(entry); // in the order of the step, as on SQLite
    }
    return audits;
  }

  /**
   * One transaction on the staging connection, the write lock taken first: committed when fn returns, rolled back
   * (the TEMP tables' changes too) when it throws. Timed from the lock on.
   */
  private inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.run(async () => {
      let started = performance.now();
      await this.client.query('BEGIN');
      try {
        await this.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
        started = performance.now();
        const result = await fn();
        await this.client.query('COMMIT');
        return result;
      } catch (e) {
        await this.client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        this.pacer.timed(started);
      }
    });
  }

  stats(): StepStats {
    return this.pacer.stats();
  }

  /** The TEMP tables are dropped before the connection goes back to the pool; if that fails, it is closed. */
  async close(): Promise<void> {
    try {
      await this.client.query(SQL.drop);
      this.client.release();
    } catch {
      this.client.release(true);
    }
  }
}

const pairs = (flat: readonly number[]) => {
  const out: { id: number; line: number }[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ id: flat[i]!, line: flat[i + 1]! });
  return out;
};

export async function openPostgresImportStaging(db: Database, options: StagingOptions): Promise<ImportStaging> {
  if (!(db instanceof PostgresDatabase)) throw new AppError(ErrorCode.Internal, `not a PostgreSQL database: ${db.location}`);
  const client = await db.pool.connect();
  try {
    await client.query(SQL.create.join(';\n')); // one round trip, one transaction
  } catch (e) {
    client.release(true);
    throw e;
  }
  return new PostgresImportStaging(db, client, options);
}
