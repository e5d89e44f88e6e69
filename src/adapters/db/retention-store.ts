import BetterSqlite3 from 'better-sqlite3';
import type { DisposalWrite, PurgeCounts, PurgeCutoff, RetentionStore } from '../../application/retention/ports.ts';
import { sqliteOnly } from './sqlite/sqlite-database.ts';
import { numberedPlaceholders } from './placeholders.ts';
import { headOf, headSql, UPSERT_START_SQL, type HeadRow } from './audit-chain.ts';
import { timestamp, type Database, type Dialect, type Tx } from './database.ts';

/**
 * Deletes everything dated before the cut-off (`kaiheisen purge`), in one writer's transaction, then VACUUM.
 * SQLite: secure_delete makes it overwrite the freed content with zeros (annex art. 12(2)), and VACUUM and a WAL
 * checkpoint(TRUNCATE) on a connection of its own leave nothing in the file. PostgreSQL: VACUUM of the purged tables
 * makes the dead rows' space reusable, but nothing is overwritten at once (docs/data-retention.md says what remains).
 * Which date decides is documented there too; the statements run in this order (children first where nothing
 * cascades). `d` is the cut-off day (YYYY-MM-DD), `i` the instant of its Tokyo midnight as stored (ISO text).
 */
const PURGE_STATEMENTS: readonly string[] = [
  `DELETE FROM "WorkOrder" WHERE "scheduledDate" < :d
     AND NOT EXISTS (SELECT 1 FROM "Assignment" a WHERE a."workOrderId" = "WorkOrder"."id" AND a."date" >= :d)
     AND NOT EXISTS (SELECT 1 FROM "TaskResult" r WHERE r."workOrderId" = "WorkOrder"."id" AND r."recordedAt" >= :i)`,
  `DELETE FROM "MeterMovement" WHERE "date" < :d`,
  `DELETE FROM "ConsumableUse" WHERE "date" < :d`,
  `DELETE FROM "ParkingFee" WHERE "date" < :d`,
  `DELETE FROM "HandoverNote" WHERE "date" < :d`,
  `DELETE FROM "Doubt" WHERE "raisedAt" < :i`,
  `DELETE FROM "Incident" WHERE "occurredAt" < :i`,
  `DELETE FROM "Complaint" WHERE "receivedAt" < :i`,
  `DELETE FROM "OvertimeRequest" WHERE "date" < :d`,
  `DELETE FROM "CaseEvent" WHERE "at" < :i
     OR ("caseType" = 'doubt' AND "caseId" NOT IN (SELECT "id" FROM "Doubt"))
     OR ("caseType" = 'incident' AND "caseId" NOT IN (SELECT "id" FROM "Incident"))
     OR ("caseType" = 'complaint' AND "caseId" NOT IN (SELECT "id" FROM "Complaint"))
     OR ("caseType" = 'overtime' AND "caseId" NOT IN (SELECT "id" FROM "OvertimeRequest"))`,
  `DELETE FROM "DailyStaffing" WHERE "date" < :d`,
  `DELETE FROM "AfterHoursOverride" WHERE "date" < :d`,
  `DELETE FROM "AfterHoursRosterEntry" WHERE "validTo" IS NOT NULL AND "validTo" < :d`,
  `DELETE FROM "InboundEvent" WHERE "receivedAt" < :i`,
  `DELETE FROM "OutboundMessage" WHERE "updatedAt" < :i`,
  `DELETE FROM "Delivery" WHERE "createdAt" < :i`,
  `DELETE FROM "DurableTimer" WHERE "dueAt" < :i`,
  `DELETE FROM "PendingReply" WHERE "expiresAt" < :i`,
  `DELETE FROM "JobRun" WHERE "startedAt" < :i`,
  `DELETE FROM "Report" WHERE "kind" <> 'disposal'
     AND (CASE WHEN length("period") = 7 THEN "period" || '-31' ELSE "period" END) < :d`,
  `UPDATE "AuditPurgeGate" SET "before" = :i WHERE "id" = 1`,
  `DELETE FROM "AuditLog" WHERE "at" < :i`,
  `UPDATE "AuditPurgeGate" SET "before" = NULL WHERE "id" = 1`,
  `DELETE FROM "Person" WHERE "active" = FALSE AND "deactivatedAt" < :i
     AND NOT EXISTS (SELECT 1 FROM "DailyStaffing" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "AfterHoursRosterEntry" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "AfterHoursOverride" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "ContactChartLevel" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "Assignment" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "TaskResult" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "ConsumableUse" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "ParkingFee" x WHERE x."personId" = "Person"."id")
     AND NOT EXISTS (SELECT 1 FROM "HandoverNote" x WHERE x."personId" = "Person"."id")`,
];

/** Tables whose row counts make the disposal record (cascaded deletions included). */
export const PURGED_TABLES = [
  'WorkOrder', 'Assignment', 'TaskResult', 'Attachment', 'MeterMovement', 'ConsumableUse', 'ParkingFee', 'HandoverNote',
  'Doubt', 'Incident', 'IncidentAck', 'Complaint', 'Page', 'OvertimeRequest', 'CaseEvent',
  'DailyStaffing', 'AfterHoursOverride', 'AfterHoursRosterEntry', 'Person', 'ChatIdentity', 'DefaultStaffing',
  'InboundEvent', 'OutboundMessage', 'Delivery', 'DurableTimer', 'PendingReply', 'JobRun', 'Report', 'AuditLog',
] as const;

/** DateTime as Prisma's SQLite adapter stores it: ISO 8601 text with +00:00. */
function stored(at: Date): string {
  return at.toISOString().replace('Z', '+00:00');
}

/** Named parameters (:d, :i) become positional ones, in order of appearance (PostgreSQL: $n, the instant typed). */
function bind(sql: string, cutoff: PurgeCutoff, dialect: Dialect): [string, string[]] {
  const values: string[] = [];
  const text = sql.replace(/:([di])\b/g, (_, name: string) => {
    values.push(name === 'd' ? cutoff.date : stored(cutoff.instant));
    if (dialect === 'sqlite') return '?';
    return name === 'd' ? `$${values.length}` : `CAST($${values.length} AS timestamptz)`;
  });
  return [text, values];
}

/** A statement written with `?` placeholders, on the transaction's client. */
const execute = (tx: Tx, dialect: Dialect, sql: string, ...values: unknown[]) =>
  tx.$executeRawUnsafe(dialect === 'sqlite' ? sql : numberedPlaceholders(sql), ...values);

async function tableCounts(tx: Tx): Promise<Record<string, number>> {
  const sql = PURGED_TABLES.map((name) => `SELECT '${name}' AS "name", count(*) AS "n" FROM "${name}"`).join(' UNION ALL ');
  const rows = await tx.$queryRawUnsafe<{ name: string; n: number | bigint }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

async function deleteAll(tx: Tx, cutoff: PurgeCutoff, dialect: Dialect): Promise<PurgeCounts> {
  if (dialect === 'sqlite') await tx.$queryRawUnsafe('PRAGMA secure_delete = ON');
  const before = await tableCounts(tx);
  for (const sql of PURGE_STATEMENTS) {
    const [text, values] = bind(sql, cutoff, dialect);
    await tx.$executeRawUnsafe(text, ...values);
  }
  const after = await tableCounts(tx);
  return Object.fromEntries(PURGED_TABLES.map((name) => [name, (before[name] ?? 0) - (after[name] ?? 0)]));
}

/**
 * The hash the first remaining audit row links to (the head before the purge when none is left), sealed into the
 * one-row AuditChainStart table; the purge's own audit row records it too (audit-verify.ts checks both).
 */
async function recordChainStart(tx: Tx, db: Database, headBefore: string, at: Date): Promise<string> {
  const [first] = await tx.$queryRawUnsafe<{ prevHash: string | null }[]>('SELECT "prevHash" FROM "AuditLog" ORDER BY "id" LIMIT 1');
  const start = first ? (first.prevHash ?? '') : headBefore;
  const { keyId, seal } = db.auditSealer.sealStart(start, at);
  await execute(tx, db.dialect, UPSERT_START_SQL, start, db.dialect === 'sqlite' ? timestamp(at) : at, keyId ?? '', seal ?? '');
  return start;
}

class DryRun extends Error {
  constructor(readonly counts: PurgeCounts) {
    super('dry run');
  }
}

export function createRetentionStore(db: Database): RetentionStore {
  return {
    erasure: db.dialect === 'sqlite' ? 'overwritten' : 'reusable',
    /** The exact counts: the deletions run and are rolled back. */
    async count(cutoff) {
      try {
        await db.write(async (tx) => {
          throw new DryRun(await deleteAll(tx, cutoff, db.dialect));
        });
      } catch (e) {
        if (e instanceof DryRun) return e.counts;
        throw e;
      }
      throw new Error('unreachable');
    },
    async purge(cutoff, record) {
      return db.write(async (tx) => {
        const [head] = await tx.$queryRawUnsafe<HeadRow[]>(headSql(db.dialect));
        const counts = await deleteAll(tx, cutoff, db.dialect);
        const disposal = record(counts);
        const chainStart = await recordChainStart(tx, db, headOf(head!, db.auditSealer).hash, disposal.at);
        const report = await tx.report.create({ data: { kind: 'disposal', period: disposal.period, content: disposal.content, state: 'approved' }, select: { id: true } });
        const after = JSON.stringify({ ...(JSON.parse(disposal.audit.after) as object), auditChainStart: chainStart });
        await tx.auditLog.create({ data: { ...disposal.audit, after, at: disposal.at, entity: 'Report', entityId: String(report.id) } });
        return { counts, reportId: report.id };
      }, { timeoutMs: 10 * 60_000 });
    },
    async attachPdf(reportId, pdf) {
      await db.write((tx) => tx.report.update({ where: { id: reportId }, data: { pdf: Buffer.from(pdf) } }));
    },
    async compact() {
      if (db.dialect === 'postgres') return vacuumPurgedTables(db);
      const raw = new BetterSqlite3(sqliteOnly(db, 'この処理').path, { timeout: 30_000 });
      try {
        raw.pragma('secure_delete = ON');
        raw.exec('VACUUM');
        const [result] = raw.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        return { checkpointed: result?.busy === 0 };
      } finally {
        raw.close();
      }
    },
  };
}

export type { DisposalWrite };

/**
 * VACUUM cannot run in a transaction: it runs on its own, after the purge committed. It marks the dead rows' space
 * free for reuse; the bytes stay until new rows overwrite them (VACUUM FULL would rewrite the tables, but under a
 * lock that stops every instance, and the old files' blocks are only unlinked, not overwritten, either).
 */
async function vacuumPurgedTables(db: Database): Promise<{ checkpointed: boolean }> {
  await db.statements((sql) => sql.run(`VACUUM (ANALYZE) ${PURGED_TABLES.map((name) => `"${name}"`).join(', ')}`));
  return { checkpointed: true };
}
