import BetterSqlite3 from 'better-sqlite3';
import type { AuditEntry } from '../../application/ports.ts';
import { sqliteOnly, sqliteSql } from './sqlite/sqlite-database.ts';
import { openPostgresImportStaging } from './postgres/postgres-import-staging.ts';
import type {
  ImportPublisher,
  ImportStaging,
  OrderToWrite,
  StagedDay,
  StagedOrder,
  StepStats,
  UndoOutcome,
} from '../../application/import/ports.ts';
import type { ImportedWorkOrder } from '../../domain/work-order/import-row.ts';
import type { ExistingOrder } from '../../domain/work-order/import-plan.ts';
import { lastBotHeartbeat } from './bot-presence.ts';
import { collectGarbage } from './collect-garbage.ts';
import type { Database, Sql } from './database.ts';
import { COLLECT_EVERY_ROWS, type StagingOptions, type Step, StepPacer, undoSteps, WalCheckpoints } from './import-step-pacing.ts';
import {
  type ExistingRow,
  IMPORT_SQL,
  insertAudits,
  ORDER_COLUMNS,
  orderValues,
  quote,
  type StoredOrder,
  timestamp,
  toExisting,
  toImported,
} from './import-sql.ts';

export type { StagingOptions } from './import-step-pacing.ts';

const BUSY_TIMEOUT_MS = 5_000;
const COLUMNS = ORDER_COLUMNS.map(quote).join(', ');
const inJson = 'IN (SELECT value FROM json_each(?))';

const SQL = {
  createStaged: `CREATE TEMP TABLE import_staged ("line" INTEGER PRIMARY KEY, ${COLUMNS})`,
  indexStaged: 'CREATE INDEX temp.import_staged_day ON import_staged ("scheduledDate")',
  indexStagedNo: 'CREATE INDEX temp.import_staged_no ON import_staged ("orderNo")',
  createBefore: 'CREATE TEMP TABLE import_before AS SELECT * FROM main."WorkOrder" WHERE 0',
  indexBefore: 'CREATE INDEX temp.import_before_id ON import_before ("id")',
  stage: `INSERT INTO temp.import_staged ("line", ${COLUMNS}) VALUES (?, ${ORDER_COLUMNS.map(() => '?').join(', ')})`,
  days: 'SELECT "scheduledDate" AS "date", count(*) AS "count" FROM temp.import_staged GROUP BY "scheduledDate" ORDER BY "scheduledDate"',
  stagedOn: `SELECT "line", "orderNo", "scheduledDate", "contentHash" FROM temp.import_staged WHERE "scheduledDate" ${inJson} ORDER BY "line"`,
  stagedRows: `SELECT * FROM temp.import_staged WHERE "line" ${inJson}`,
  publishInserts: `INSERT INTO main."WorkOrder" (${COLUMNS}, "status", "importedAt", "updatedAt")
    SELECT ${COLUMNS}, 'open', ?, ? FROM temp.import_staged WHERE "line" ${inJson} ORDER BY "line" RETURNING "id", "orderNo"`,
  lineOf: 'SELECT "line" FROM temp.import_staged WHERE "orderNo" = ?',
  orderNoOf: 'SELECT "orderNo" FROM temp.import_staged WHERE "line" = ?',
  keepBefore: `INSERT INTO temp.import_before SELECT * FROM main."WorkOrder" WHERE "id" ${inJson}`,
  publishUpdate: `UPDATE main."WorkOrder" SET (${COLUMNS}) = (SELECT ${COLUMNS} FROM temp.import_staged WHERE "line" = ?), "updatedAt" = ?
    WHERE "id" = ?`,
  // Only while the order is as this import left it (same content, no result since).
  removeInserted: `DELETE FROM main."WorkOrder" WHERE "id" = @id
    AND "contentHash" = (SELECT "contentHash" FROM temp.import_staged WHERE "line" = @line)
    AND NOT EXISTS (SELECT 1 FROM main."TaskResult" r WHERE r."workOrderId" = @id)`,
  restoreUpdated: `UPDATE main."WorkOrder" SET (${COLUMNS}, "updatedAt") = (SELECT ${COLUMNS}, "updatedAt" FROM temp.import_before b WHERE b."id" = @id)
    WHERE "id" = @id AND "contentHash" = (SELECT "contentHash" FROM temp.import_staged WHERE "line" = @line)
    AND NOT EXISTS (SELECT 1 FROM main."TaskResult" r WHERE r."workOrderId" = @id)`,
};

/**
 * An import's staging area: TEMP tables of a connection of its own. Writing them takes no lock on the database
 * file (another process's INSERT never waits for them), no other connection sees them, they spill to a temporary
 * file rather than to memory, and they vanish with the connection, also when the process dies. Each publishing
 * step is one short IMMEDIATE transaction on the same connection, queued behind this process's other writes
 * (Database.run): better-sqlite3 waits for a lock synchronously, so waiting here for a Prisma transaction of the
 * same process would block the event loop that transaction needs to finish. Updated rows are copied aside before
 * they are overwritten (their stored, encrypted form), so that the whole import can be undone.
 */
class SqliteImportStaging implements ImportStaging {
  private readonly steps: Step[] = [];
  private readonly pacer: StepPacer;
  private readonly sql: Sql;
  private insertStaged: BetterSqlite3.Statement | undefined;
  private sinceCollected = 0;
  private readonly checkpoints = new WalCheckpoints();

  constructor(
    private readonly db: Database,
    private readonly raw: BetterSqlite3.Database,
    options: StagingOptions,
  ) {
    this.pacer = new StepPacer(options);
    this.sql = sqliteSql(raw);
    raw.pragma('synchronous = NORMAL');
    raw.pragma('wal_autocheckpoint = 0'); // breathe() checkpoints after each step, outside the lock
    raw.pragma('temp_store = FILE');
    raw.pragma('temp.cache_size = -4000'); // KiB: the staging area spills to its file rather than growing the process
    for (const sql of [SQL.createStaged, SQL.indexStaged, SQL.indexStagedNo, SQL.createBefore, SQL.indexBefore]) raw.exec(sql);
  }

  get stepRows(): number {
    return this.pacer.stepRows;
  }

  async findExisting(orderNos: readonly string[]): Promise<ExistingOrder[]> {
    if (orderNos.length === 0) return [];
    return (this.raw.prepare(IMPORT_SQL.sqlite.findExisting).all(JSON.stringify(orderNos)) as ExistingRow[]).map(toExisting);
  }

  /** Only the TEMP table is written: SQLite takes no lock on the database file for it. */
  async stage(orders: readonly OrderToWrite[]): Promise<void> {
    this.insertStaged ??= this.raw.prepare(SQL.stage);
    const insert = this.insertStaged;
    this.raw.transaction(() => {
      for (const o of orders) insert.run(o.line, ...orderValues(this.db.cipher, o));
    })();
    this.sinceCollected += orders.length;
    if (this.sinceCollected >= COLLECT_EVERY_ROWS) {
      this.sinceCollected = 0;
      collectGarbage(); // the encryption's garbage (collect-garbage.ts): memory stays within a few times the file
    }
  }

  /** Publishing starts: whether a bot runs decides the first step's size. */
  async days(): Promise<StagedDay[]> {
    await this.pacer.look();
    return (this.raw.prepare(SQL.days).all() as { date: string; count: number | bigint }[]).map((d) => ({ date: d.date, count: Number(d.count) }));
  }

  async stagedOn(dates: readonly string[]): Promise<StagedOrder[]> {
    return (this.raw.prepare(SQL.stagedOn).all(JSON.stringify(dates)) as (StagedOrder & { line: number | bigint })[]).map((r) => ({ ...r, line: Number(r.line) }));
  }

  async stagedFields(lines: readonly number[]): Promise<Map<number, ImportedWorkOrder>> {
    return this.fieldsOf(SQL.stagedRows, lines, 'line');
  }

  async importedFields(ids: readonly number[]): Promise<Map<number, ImportedWorkOrder>> {
    return this.fieldsOf(IMPORT_SQL.sqlite.selectOrders, ids, 'id');
  }

  private fieldsOf(sql: string, keys: readonly number[], key: 'line' | 'id'): Map<number, ImportedWorkOrder> {
    const found = new Map<number, ImportedWorkOrder>();
    if (keys.length === 0) return found;
    for (const row of this.raw.prepare(sql).all(JSON.stringify(keys)) as StoredOrder[]) found.set(Number(row[key]), toImported(this.db.cipher, row));
    return found;
  }

  publish<T>(fn: (publisher: ImportPublisher) => Promise<T>): Promise<T> {
    return this.inTransaction(async () => {
      const step: Step = { inserted: [], updated: [] };
      const result = await fn(this.publisher(step));
      return { result, step };
    }).then(({ result, step }) => {
      this.steps.push(step);
      this.pacer.adapt(step);
      return result;
    });
  }

  private publisher(step: Step): ImportPublisher {
    const { raw, sql } = this;
    const sealer = this.db.auditSealer;
    return {
      findExisting: (orderNos) => this.findExisting(orderNos),
      async insertStaged(lines, at) {
        if (lines.length === 0) return;
        const when = timestamp(at);
        const rows = raw.prepare(SQL.publishInserts).raw().all(when, when, JSON.stringify(lines)) as [number | bigint, string][];
        const lineOf = raw.prepare(SQL.lineOf).pluck();
        for (const [id, orderNo] of rows) step.inserted.push(Number(id), lineOf.get(orderNo) as number);
      },
      async updateStaged(updates, at) {
        if (updates.length === 0) return;
        raw.prepare(SQL.keepBefore).run(JSON.stringify(updates.map((u) => u.id)));
        const update = raw.prepare(SQL.publishUpdate);
        const when = timestamp(at);
        for (const u of updates) if (update.run(u.line, when, u.id).changes === 1) step.updated.push(u.id, u.line);
      },
      audit: (entries, at) => insertAudits(sql, sealer, entries, at),
    };
  }

  /**
   * Checkpoints what the last steps wrote, then waits. SQLite checkpoints the WAL in whichever connection commits once
   * it holds 1,000 pages: without this, the bot's next one-row commit could be the one that copies import steps into
   * the database file and syncs it, on the bot's event loop. A passive checkpoint blocks no writer; once the WAL is
   * copied, the next write starts it from the beginning, so the bot's commits stay small. A checkpoint syncs the file,
   * so it runs every few steps, as many as keep the WAL well below those 1,000 pages (WalCheckpoints). With no bot
   * running (StepPacer), no pause and a larger WAL between checkpoints.
   */
  async breathe(): Promise<void> {
    const checkpoint = () => (this.raw.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? 0;
    await this.pacer.pause((alone) => this.checkpoints.afterStep(checkpoint, alone));
  }

  undo(reversal: (orderNo: string) => AuditEntry | undefined, last: (outcome: UndoOutcome) => AuditEntry, at: Date): Promise<UndoOutcome> {
    return undoSteps(this.steps.splice(0), {
      breathe: () => this.breathe(),
      inTransaction: (fn) => this.inTransaction(fn),
      undoStep: (step, outcome) => this.undoStep(step, outcome, reversal),
      audit: (entries) => insertAudits(this.sql, this.db.auditSealer, entries, at),
    }, last);
  }

  private undoStep(step: Step, outcome: UndoOutcome, reversal: (orderNo: string) => AuditEntry | undefined): AuditEntry[] {
    const remove = this.raw.prepare(SQL.removeInserted);
    const restore = this.raw.prepare(SQL.restoreUpdated);
    const audits: AuditEntry[] = [];
    const orderNoOf = this.raw.prepare(SQL.orderNoOf).pluck();
    for (let i = 0; i < step.inserted.length; i += 2) {
      if (remove.run({ id: step.inserted[i], line: step.inserted[i + 1] }).changes === 1) outcome.removed++;
      else outcome.kept++;
    }
    for (let i = 0; i < step.updated.length; i += 2) {
      if (restore.run({ id: step.updated[i], line: step.updated[i + 1] }).changes !== 1) {
        outcome.kept++;
        continue;
      }
      outcome.restored++;
      const entry = reversal(orderNoOf.get(step.updated[i + 1]) as string);
      if (entry) audits.push(entry);
    }
    return audits;
  }

  /** One IMMEDIATE transaction: committed when fn returns, rolled back when it throws. Timed from the lock on. */
  private inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.run(async () => {
      let started = performance.now();
      try {
        this.raw.exec('BEGIN IMMEDIATE');
        started = performance.now();
        const result = await fn();
        this.raw.exec('COMMIT');
        return result;
      } finally {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        this.pacer.timed(started);
      }
    });
  }

  stats(): StepStats {
    return this.pacer.stats();
  }

  async close(): Promise<void> {
    try {
      if (this.steps.length > 0) this.raw.pragma('wal_checkpoint(PASSIVE)'); // the last step's pages (see breathe)
    } finally {
      this.raw.close();
    }
  }
}

/** The staging area of the database's dialect (PostgreSQL: postgres/postgres-import-staging.ts). */
export async function createImportStaging(db: Database, given: StagingOptions): Promise<ImportStaging> {
  const options = { lastHeartbeat: () => lastBotHeartbeat(db), ...given };
  if (db.dialect === 'postgres') return openPostgresImportStaging(db, options);
  return new SqliteImportStaging(db, new BetterSqlite3(sqliteOnly(db, 'この処理').path, { timeout: BUSY_TIMEOUT_MS }), options);
}
