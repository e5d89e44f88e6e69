import type { AppContext } from '../context.ts';
import { PrismaReportStore } from '../../adapters/db/report-store.ts';
import { PrismaStaffingReportSource } from '../../adapters/db/report-staffing-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { BuildMonthlyReportDeps } from '../../application/reports/build-monthly-report.ts';
import type { BuildStaffingDocumentsDeps } from '../../application/reports/build-staffing-documents.ts';

export const reportSettingsOf = (ctx: AppContext) => ({ contractorName: ctx.config.reportContractorName || undefined });

/** What `report monthly` and the monthly job build the 月報 with. */
export function monthlyReportDepsOf(ctx: AppContext): BuildMonthlyReportDeps {
  const store = new PrismaReportStore(ctx.db);
  const calendar = ctx.calendar;
  return {
    source: store,
    reports: store,
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    isBusinessTime: (at) => calendar.isBusinessTime(at),
    settings: reportSettingsOf(ctx),
  };
}

/** What `report staffing` and the morning post build the staffing documents with. */
export function staffingDocumentsDepsOf(ctx: AppContext): BuildStaffingDocumentsDeps {
  const calendar = ctx.calendar;
  return {
    source: new PrismaStaffingReportSource(ctx.db),
    reports: new PrismaReportStore(ctx.db),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    isWorkDay: (date) => calendar.isWorkDay(date),
    businessHours: { start: calendar.businessStart, end: calendar.businessEnd },
    settings: reportSettingsOf(ctx),
  };
}
