import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { buildDailyReport } from '../../src/application/reports/build-daily-report.ts';
import { buildMonthlyReport } from '../../src/application/reports/build-monthly-report.ts';
import { dailyReportDocument } from '../../src/application/reports/daily-report-document.ts';
import { monthlyReportSection } from '../../src/application/reports/monthly-report-document.ts';
import type { MonthlyReportView } from '../../src/application/reports/monthly-report-view.ts';
import { reportHeader } from '../../src/application/reports/report-header.ts';
import { resultReportSection } from '../../src/application/reports/result-report-document.ts';
import { staffingDocument } from '../../src/application/reports/staffing-documents.ts';
import { staffingView } from '../../src/application/reports/staffing-view.ts';
import { disposalDocument } from '../../src/application/retention/disposal-record.ts';
import { createAppContext } from '../../src/assembly/context.ts';
import { dailyReportDepsOf } from '../../src/assembly/services/day-end.ts';
import { loadConfig } from '../../src/config.ts';
import type { ReportDocument, ReportSection } from '../../src/domain/reports/report-document.ts';
import { at, DAY, seedCases, seedOrders, seedResults, seedTeam } from './day-end-world.ts';
import { monthlyReportDeps } from './monthly-report-deps.ts';
import { TEST_CONTRACTOR } from './contractor.ts';
import { invoiceDocument } from '../../src/application/reports/invoice-document.ts';
import { invoiceView } from '../../src/application/reports/invoice-view.ts';
import { aggregateMonthly } from '../../src/domain/reports/monthly-aggregate.ts';
import { PrismaReportStore } from '../../src/adapters/db/report-store.ts';
import { seedMonth } from './table1-year.ts';
import type { TempDatabase } from './temp-db.ts';
import { annualDocument, consumablesDocument, securityOfficersDocument } from './bureau-document-kinds.ts';

/**
 * Every kind of document the bot writes, each built the way its command builds it, from a fresh test database:
 * the rendering checks (pages to images, pdffonts, qpdf) run over this list. A new document is one more line.
 */
export interface DocumentKind {
  kind: string;
  build: (temp: TempDatabase) => Promise<ReportDocument>;
}

export const DOCUMENT_KINDS: DocumentKind[] = [
  { kind: 'daily report (日報)', build: dailyDocument },
  { kind: 'monthly report (月報)', build: async (temp) => monthlyDocument(temp, monthlyReportSection) },
  { kind: 'result report (委託業務結果報告書)', build: async (temp) => monthlyDocument(temp, resultReportSection) },
  { kind: 'staffing documents (選任届・配置表)', build: async () => staffingDocuments() },
  { kind: 'disposal record (消去・廃棄記録)', build: async () => disposalRecord() },
  { kind: 'invoice (請求書)', build: invoice },
  { kind: 'annual table (別表1)', build: annualDocument },
  { kind: 'consumables (材料受払簿)', build: consumablesDocument },
  { kind: 'security officers (管理責任者及び従事者選任届)', build: securityOfficersDocument },
];

async function dailyDocument(temp: TempDatabase): Promise<ReportDocument> {
  await seedTeam(temp.db);
  await seedOrders(temp.db, [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w03', kind: 'close', town: '野町' }, { n: '0003', to: null, kind: 'transfer' }]);
  await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'done' }, { n: '0002', by: 'w03', outcome: 'not_done', reason: '鍵がかかっていて入れない' }]);
  await seedCases(temp.db);
  const ctx = await createAppContext(loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent' }), { clock: new VirtualClock(at('17:50')) });
  try {
    const built = await buildDailyReport(dailyReportDepsOf(ctx), { date: DAY, actor: { actorId: null, channel: 'cli' }, source: 'cli' });
    return dailyReportDocument(built.view);
  } finally {
    await ctx.close();
  }
}

async function monthlyDocument(temp: TempDatabase, section: (view: MonthlyReportView) => ReportSection): Promise<ReportDocument> {
  await seedMonth(temp.db, '2026-03', { open: 40, close: 35, transfer: 20, other: 3, notDone: 4, flagged: 2 });
  const { view } = await buildMonthlyReport(monthlyReportDeps(temp.db, '2026-04-01T00:30:00Z', TEST_CONTRACTOR), { month: '2026-03' });
  return { title: view.periodLabel, author: view.header.contractorName, sections: [section(view)] };
}

function staffingDocuments(): ReportDocument {
  const person = (id: string, name: string, idCardNumber: string) => ({ id, name, phone: `090-0000-000${id.slice(-1)}`, idCardNumber, active: true, from: null, until: null });
  const snapshot = {
    date: '2026-03-27',
    explicit: [{ personId: 'w01', onDuty: true, isSupervisor: true }, { personId: 'w02', onDuty: true, isSupervisor: false }],
    defaults: [],
    rosterEntries: [{ validFrom: null, validTo: null, position: 1, personId: 'w02' }, { validFrom: null, validTo: null, position: 2, personId: 'w01' }],
    overrides: [],
    people: [person('w01', '試験 一郎', 'K-101'), person('w02', '試験 二郎', 'K-102')],
  };
  const view = staffingView(snapshot, true, reportHeader(TEST_CONTRACTOR), '2026-03-26');
  return staffingDocument(view, { start: '09:00', end: '17:45' });
}

function disposalRecord(): ReportDocument {
  return disposalDocument({
    before: '2026-03-01',
    at: '2026-03-28T00:00:00.000Z',
    atTokyo: '2026-03-28 09:00:00',
    operator: '管理 一郎 (a01)',
    actorId: 'a01',
    database: '/srv/kaiheisen/data/kaiheisen.db',
    host: 'kaiheisen-01',
    method: '削除の後 VACUUM',
    counts: { WorkOrder: 12, TaskResult: 10, AuditLog: 140 },
    total: 162,
    backups: { dir: '/srv/kaiheisen/data/backups', count: 1, files: [{ file: '/srv/kaiheisen/data/backups/kaiheisen-20260320-100000.db.enc', madeAt: '2026-03-20 10:00' }] },
  });
}

async function invoice(temp: TempDatabase): Promise<ReportDocument> {
  await seedMonth(temp.db, '2026-03', { open: 40, close: 35, transfer: 20, other: 3, notDone: 4, flagged: 2 });
  const rows = await new PrismaReportStore(temp.db).loadMonthlyRows('2026-03');
  const outcome = invoiceView(aggregateMonthly('2026-03', rows, { isBusinessTime: () => true }), TEST_CONTRACTOR, '2026-04-01');
  if (!outcome.ok) throw new Error(`invoice: missing ${outcome.missingKeys.join(', ')}`);
  return invoiceDocument(outcome.view);
}
