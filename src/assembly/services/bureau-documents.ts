import type { AppContext } from '../context.ts';
import { PrismaReportStore } from '../../adapters/db/report-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { BuildContactChartDeps } from '../../application/reports/build-contact-chart.ts';
import { reportSettingsOf } from './reports.ts';
import { staffDepsOf } from './staff.ts';

/** What `report contact-chart` builds the 連絡系統図 with. */
export function contactChartDepsOf(ctx: AppContext): BuildContactChartDeps {
  const { staff, calendar } = staffDepsOf(ctx);
  return { staff, calendar, reports: new PrismaReportStore(ctx.db), renderer: new ReportPdfRenderer(), clock: ctx.clock, settings: reportSettingsOf(ctx) };
}
