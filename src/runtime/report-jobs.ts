import type { AppContext } from '../main.ts';
import { PrismaReportStore } from '../adapters/db/report-store.ts';
import { PrismaStaffingReportSource } from '../adapters/db/report-staffing-store.ts';
import { ReportPdfRenderer } from '../adapters/pdf/pdf-renderer.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { ChatDirectory, PlatformAdapter } from '../application/chat/ports.ts';
import type { BuildMonthlyReportDeps } from '../application/reports/build-monthly-report.ts';
import type { BuildStaffingDocumentsDeps } from '../application/reports/build-staffing-documents.ts';
import type { ReportFiles } from '../application/reports/report-delivery.ts';
import { isFirstWorkDayOfMonth, MONTHLY_REPORT_JOB, sendMonthlyReport } from '../application/reports/send-monthly-report.ts';
import { dayEndTeamOf } from './day-end.ts';
import { createReportFiles, reportDirOf } from './report-files.ts';

const reportSettingsOf = (ctx: AppContext) => ({ contractorName: ctx.config.reportContractorName || undefined });

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

/** Report files through the running bot's platform adapters (Slack upload, console file, Teams note). */
export function reportFilesOf(ctx: AppContext, chat: { adapters: PlatformAdapter[]; directory: ChatDirectory }): ReportFiles {
  return createReportFiles({ adapters: chat.adapters, directory: chat.directory, reportDir: reportDirOf(ctx.config), logger: ctx.logger });
}

/**
 * The monthly report as a daily job: at MONTHLY_REPORT_TIME on the first work day of a month (claimed once per
 * date across instances); a bot started later that day still sends it.
 */
export function monthlyReportJob(ctx: AppContext, files: ReportFiles, at = ctx.config.reportJobs.monthlyTime): DailyJob {
  const calendar = ctx.calendar;
  const deps = { build: monthlyReportDepsOf(ctx), team: dayEndTeamOf(ctx), files, logger: ctx.logger };
  return {
    name: MONTHLY_REPORT_JOB,
    at,
    catchUpUntil: '23:59',
    runsOn: (date) => isFirstWorkDayOfMonth(calendar, date),
    run: async (date) => void (await sendMonthlyReport(deps, date)),
  };
}
