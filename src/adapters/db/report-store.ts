import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import type { MonthlyReportSource, ReportRepository, SavedReport } from '../../application/reports/ports.ts';
import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import { nextMonth } from '../../domain/reports/japanese-era.ts';
import type { DailyReportStanding } from '../../domain/reports/daily-approval.ts';
import { RESULT_FLAGS, type MonthlyRows, type ResultFlag, type ResultOutcome, type ResultRow } from '../../domain/reports/monthly-rows.ts';
import { METER_WORKS, TASK_KINDS, type MeterWork, type TaskKind } from '../../domain/work-order/task-kind.ts';
import type { Database } from './database.ts';
import { revealTree } from './field-encryption.ts';
import { CUSTOMER_SELECT, reportMasker } from './free-text-masking.ts';
import { auditPersonalDataDisplay } from '../../application/audit/personal-data-display.ts';

/** Loads the rows of a monthly report and stores generated reports (Report table). */
export class PrismaReportStore implements MonthlyReportSource, ReportRepository {
  constructor(private readonly db: Database) {}

  async dailyReportStates(month: string): Promise<Map<string, DailyReportStanding>> {
    const rows = await this.db.read.report.findMany({ where: { kind: 'daily', period: { gte: `${month}-01`, lt: `${nextMonth(month)}-01` } }, select: { period: true, state: true } });
    return new Map(rows.map((r) => [r.period, r.state as DailyReportStanding]));
  }

  /** Free text is masked of phone numbers, customer numbers and its own order's customer (see free-text-masking.ts). */
  async loadMonthlyRows(month: string): Promise<MonthlyRows> {
    const days = { gte: `${month}-01`, lt: `${nextMonth(month)}-01` };
    const instants = { gte: tokyoInstant(days.gte), lt: tokyoInstant(days.lt) };
    const read = this.db.read;
    const [results, meterMovements, doubts, incidents, complaints, parkingFees, consumables] = await Promise.all([
      this.loadResults(instants),
      read.meterMovement.findMany({ where: { date: days }, select: { date: true, kind: true, diameterMm: true } }),
      read.doubt.findMany({
        where: { raisedAt: instants },
        select: { raisedAt: true, text: true, state: true, resolvedAt: true, workOrder: { select: { orderNo: true, ...CUSTOMER_SELECT } } },
      }),
      read.incident.findMany({
        where: { occurredAt: instants },
        select: { occurredAt: true, kind: true, terminal: true, description: true, state: true, resolvedAt: true, workOrderId: true },
      }),
      read.complaint.findMany({
        where: { receivedAt: instants },
        select: {
          receivedAt: true,
          kind: true,
          description: true,
          customerNumber: true,
          state: true,
          acknowledgedAt: true,
          resolvedAt: true,
          _count: { select: { pages: true } },
        },
      }),
      read.parkingFee.findMany({ where: { date: days }, select: { date: true, amountYen: true } }),
      read.consumableUse.findMany({ where: { date: days }, select: { date: true, item: true, quantity: true } }),
    ]);
    const mask = reportMasker([]);
    const incidentOrders = await this.customersById(incidents.map((i) => i.workOrderId));
    return {
      results,
      meterMovements: meterMovements.filter((m) => isMeterWork(m.kind)).map((m) => ({ ...m, kind: m.kind as MeterWork })),
      doubts: doubts.map(({ workOrder, ...d }) => ({ ...d, text: mask(d.text, workOrder), orderNo: workOrder?.orderNo ?? null })),
      incidents: incidents.map(({ workOrderId, ...i }) => ({ ...i, description: mask(i.description, workOrderId === null ? null : incidentOrders.get(workOrderId)) })),
      complaints: complaints.map(({ _count, customerNumber, ...c }) => ({ ...c, description: mask(c.description, { customerNumber }), pageCount: _count.pages })),
      parkingFees,
      consumables,
    };
  }

  private async customersById(ids: (number | null)[]): Promise<Map<number, KnownCustomer>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.read.workOrder.findMany({ where: { id: { in: wanted } }, select: { id: true, ...CUSTOMER_SELECT } });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** One SQL join instead of Prisma's include: ten thousand results load several times faster. */
  private async loadResults(recordedAt: { gte: Date; lt: Date }): Promise<ResultRow[]> {
    const flags = RESULT_FLAGS.map((f) => `r."${f}" AS "${f}"`).join(', ');
    const rows = await this.db.read.$queryRawUnsafe<RawResult[]>(
      `SELECT w."orderNo", w."kind", w."town", w."customerName", w."customerNameKana", w."customerNumber", r."outcome", r."recordedAt", r."notDoneReason", r."afterHours", ${flags}
         FROM "TaskResult" r JOIN "WorkOrder" w ON w."id" = r."workOrderId"
        WHERE r."recordedAt" >= ${this.db.dialect === 'postgres' ? '$1 AND r."recordedAt" < $2' : '? AND r."recordedAt" < ?'}`,
      recordedAt.gte,
      recordedAt.lt,
    );
    // Raw SQL bypasses the encryption extension: the stored values are revealed here, then the reason is masked.
    const plain = (this.db.cipher ? revealTree(this.db.cipher, rows) : rows) as RawResult[];
    const mask = reportMasker([]);
    return plain.map((r) => ({
      orderNo: r.orderNo,
      kind: toTaskKind(r.kind),
      town: r.town,
      outcome: r.outcome as ResultOutcome,
      recordedAt: new Date(r.recordedAt),
      notDoneReason: mask(r.notDoneReason, r),
      afterHours: isTrue(r.afterHours),
      flags: RESULT_FLAGS.filter((f) => isTrue(r[f])),
    }));
  }

  async saveReport(report: SavedReport): Promise<{ id: number }> {
    return this.db.write(async (tx) => {
      const key = { kind: report.kind, period: report.period };
      const before = await tx.report.findUnique({ where: { kind_period: key }, select: { id: true, state: true } });
      const data = { content: report.content, pdf: Buffer.from(report.pdf), state: 'draft', approvedById: null, approvedAt: null };
      const saved = await tx.report.upsert({ where: { kind_period: key }, create: { ...key, ...data }, update: data, select: { id: true } });
      await tx.auditLog.create({
        data: {
          actorId: report.actorId,
          channel: report.channel,
          action: before ? 'report.regenerated' : 'report.generated',
          entity: 'Report',
          entityId: String(saved.id),
          before: before ? JSON.stringify({ state: before.state }) : null,
          after: JSON.stringify({ ...key, state: 'draft', pdfBytes: report.pdf.length }),
        },
      });
      if (report.personalData) {
        const { entity, fields, count } = report.personalData;
        await auditPersonalDataDisplay(tx, { actorId: report.actorId, channel: report.channel, entity, entityId: `Report:${saved.id}`, fields, count });
      }
      return saved;
    });
  }
}

type RawResult = {
  orderNo: string;
  customerName: string | null;
  customerNameKana: string | null;
  customerNumber: string | null;
  kind: string;
  town: string;
  outcome: string;
  recordedAt: Date | string;
  notDoneReason: string | null;
  afterHours: boolean | number;
} & Record<ResultFlag, boolean | number>;

/** SQLite booleans may come back as 0/1 from a raw query. */
const isTrue = (v: boolean | number) => v === true || v === 1;

function toTaskKind(kind: string): TaskKind {
  return (TASK_KINDS as readonly string[]).includes(kind) ? (kind as TaskKind) : 'other';
}

function isMeterWork(kind: string): boolean {
  return (METER_WORKS as readonly string[]).includes(kind);
}
