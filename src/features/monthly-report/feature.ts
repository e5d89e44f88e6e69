import { isFirstWorkDayOfMonth, MONTHLY_REPORT_JOB, sendMonthlyReport } from '../../application/reports/send-monthly-report.ts';
import { invoiceWithMonthlyReport } from '../../application/reports/monthly-invoice.ts';
import { invoiceDepsOf, monthlyReportDepsOf } from '../../assembly/services/reports.ts';
import { annualWithMonthlyReport } from '../../application/reports/annual-with-monthly.ts';
import { consumablesFiles } from '../../application/reports/consumables-files.ts';
import { consumablesReportDepsOf } from '../../assembly/services/reports-consumables.ts';
import { activeAdminsOf, staffDirectoryOf } from '../../assembly/services/staff.ts';
import type { FeatureFactory } from '../feature.ts';

/**
 * The 月報 as a daily job: at MONTHLY_REPORT_TIME on the first work day of a month (claimed once per date across
 * instances), to the bureau channel and the supervisors; a bot started later that day still sends it.
 */
export const monthlyReportFeature: FeatureFactory = ({ ctx, chat }) => {
  const calendar = ctx.calendar;
  const extras = [
    invoiceWithMonthlyReport({ build: invoiceDepsOf(ctx), gateway: chat.gateway, admins: activeAdminsOf(ctx), logger: ctx.logger }),
    consumablesFiles(consumablesReportDepsOf(ctx)),
    annualWithMonthlyReport(monthlyReportDepsOf(ctx)),
  ];
  const deps = { build: monthlyReportDepsOf(ctx), team: staffDirectoryOf(ctx), files: chat.files, logger: ctx.logger, extras };
  return {
    name: 'monthly-report',
    dailyJobs: [
      {
        name: MONTHLY_REPORT_JOB,
        at: ctx.config.reportJobs.monthlyTime,
        catchUpUntil: '23:59',
        runsOn: (date) => isFirstWorkDayOfMonth(calendar, date),
        run: async (date) => void (await sendMonthlyReport(deps, date)),
      },
    ],
  };
};
