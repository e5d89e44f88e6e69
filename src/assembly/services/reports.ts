import type { AppContext } from '../context.ts';
import { createStaffStore } from '../../adapters/db/staff-store.ts';
import type { ContractorSource } from '../../application/reports/ports.ts';
import { PrismaReportStore } from '../../adapters/db/report-store.ts';
import { PrismaStaffingReportSource } from '../../adapters/db/report-staffing-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { BuildMonthlyReportDeps } from '../../application/reports/build-monthly-report.ts';
import type { BuildInvoiceDeps } from '../../application/reports/build-invoice.ts';
import type { BuildStaffingDocumentsDeps } from '../../application/reports/build-staffing-documents.ts';

/** The staff file's `contractor:` section as stored by `staff load`: every document's header. */
export const contractorSourceOf = (ctx: AppContext): ContractorSource => createStaffStore(ctx.db, ctx.clock);

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
    isWorkDay: (date) => calendar.isWorkDay(date),
    contractor: contractorSourceOf(ctx),
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
    contractor: contractorSourceOf(ctx),
  };
}

/** What `report invoice` and the monthly job build the 請求書 with: the 月報's source and the contractor's prices. */
export function invoiceDepsOf(ctx: AppContext): BuildInvoiceDeps {
  const { source, reports, renderer, clock, isBusinessTime, contractor } = monthlyReportDepsOf(ctx);
  return { source, reports, renderer, clock, isBusinessTime, contractor };
}
