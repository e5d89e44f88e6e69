import type { Actor } from '../../domain/access/actor.ts';
import type { DailyReportRepository, DailyReportState, ReportTimers, StoredDailyReport } from '../../application/reports/daily-report-ports.ts';
import { DAILY_REPORT_KIND } from '../../application/reports/build-daily-report.ts';
import type { DailyReportView } from '../../application/reports/daily-report-view.ts';
import { headOf, headSql, type HeadRow } from './audit-chain.ts';
import { cancelInTx, scheduleInTx } from './case-effects.ts';
import type { Database, Tx } from './database.ts';

/** Report rows of kind 'daily': every state change is a conditional update with its AuditLog row in one transaction. */
type Row = { id: number; period: string; state: string; content: string; pdf?: Uint8Array | null };

const STATES: readonly DailyReportState[] = ['draft', 'approved', 'sent'];
const stateOf = (s: string): DailyReportState => ((STATES as readonly string[]).includes(s) ? (s as DailyReportState) : 'draft');
const key = (date: string) => ({ kind_period: { kind: DAILY_REPORT_KIND, period: date } });

function toStored(row: Row): StoredDailyReport {
  return { id: row.id, date: row.period, state: stateOf(row.state), view: JSON.parse(row.content) as DailyReportView, pdf: row.pdf ? new Uint8Array(row.pdf) : null };
}

async function audit(tx: Tx, at: Date, actor: Actor, action: string, id: number, before: unknown, after: unknown): Promise<void> {
  await tx.auditLog.create({
    data: { at, actorId: actor.actorId, channel: actor.channel, action, entity: 'Report', entityId: String(id), before: JSON.stringify(before), after: JSON.stringify(after) },
  });
}

/** The report's timers, in its change's transaction (cancel first). */
async function applyTimers(tx: Tx, timers: ReportTimers | undefined): Promise<void> {
  for (const prefix of timers?.cancelPrefixes ?? []) await cancelInTx(tx, prefix);
  for (const spec of timers?.schedule ?? []) await scheduleInTx(tx, spec);
}

export function createDailyReportStore(db: Database, now: () => Date): DailyReportRepository {
  return {
    async auditHead() {
      const [head] = await db.read.$queryRawUnsafe<HeadRow[]>(headSql(db.dialect));
      return headOf(head!).hash;
    },

    async getDaily(date) {
      const row = await db.read.report.findUnique({ where: key(date), select: { id: true, period: true, state: true, content: true, pdf: true } });
      return row ? toStored(row) : undefined;
    },

    saveDailyDraft(date, view, pdf, actor, timers) {
      return db.write(async (tx) => {
        const before = await tx.report.findUnique({ where: key(date), select: { id: true, state: true } });
        if (before && before.state !== 'draft') return undefined;
        const data = { content: JSON.stringify(view), pdf: Buffer.from(pdf), state: 'draft', approvedById: null, approvedAt: null };
        const saved = await tx.report.upsert({
          where: key(date),
          create: { kind: DAILY_REPORT_KIND, period: date, ...data },
          update: data,
          select: { id: true },
        });
        const after = { kind: DAILY_REPORT_KIND, period: date, state: 'draft', source: view.source, pdfBytes: pdf.length };
        await audit(tx, now(), actor, before ? 'report.regenerated' : 'report.generated', saved.id, before ? { state: before.state } : null, after);
        await applyTimers(tx, timers);
        return saved;
      });
    },

    approveDaily(date, view, pdf, actor, at, timers) {
      return db.write(async (tx) => {
        const changed = await tx.report.updateMany({
          where: { kind: DAILY_REPORT_KIND, period: date, state: 'draft' },
          data: { state: 'approved', content: JSON.stringify(view), pdf: Buffer.from(pdf), approvedById: actor.actorId, approvedAt: at },
        });
        if (changed.count === 0) return false;
        const row = await tx.report.findUniqueOrThrow({ where: key(date), select: { id: true } });
        await audit(tx, at, actor, 'report.approved', row.id, { state: 'draft' }, { state: 'approved', period: date, pdfBytes: pdf.length, auditHead: view.approval?.auditHead ?? null });
        await applyTimers(tx, timers);
        return true;
      });
    },

    markDailySent(date, actor, at, detail) {
      return db.write(async (tx) => {
        const changed = await tx.report.updateMany({ where: { kind: DAILY_REPORT_KIND, period: date, state: 'approved' }, data: { state: 'sent' } });
        if (changed.count === 0) return false;
        const row = await tx.report.findUniqueOrThrow({ where: key(date), select: { id: true } });
        await audit(tx, at, actor, 'report.sent', row.id, { state: 'approved' }, { state: 'sent', period: date, delivery: detail });
        return true;
      });
    },

    reissueDaily(date, view, pdf, actor, at) {
      return db.write(async (tx) => {
        const row = await tx.report.findUnique({ where: key(date), select: { id: true, state: true } });
        if (!row || row.state === 'draft') return false;
        await tx.report.update({ where: { id: row.id }, data: { content: JSON.stringify(view), pdf: Buffer.from(pdf) } });
        const amendments = view.amendments?.map((a) => a.correctionId) ?? [];
        await audit(tx, at, actor, 'report.reissued', row.id, { state: row.state }, { state: row.state, period: date, amendments, pdfBytes: pdf.length });
        return true;
      });
    },
  };
}
