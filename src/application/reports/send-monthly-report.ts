import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import { t } from '../../templates.ts';
import type { DayEndTeam } from '../day-end/ports.ts';
import type { Logger } from '../ports.ts';
import { buildMonthlyReport, type BuildMonthlyReportDeps, type MonthlyReportResult } from './build-monthly-report.ts';
import { unapprovedDaysText } from './monthly-report-view.ts';
import { deliverToAll, type FileDeliveryOutcome, type FileRecipient, type OutgoingFile, type ReportFiles } from './report-delivery.ts';

export const MONTHLY_REPORT_JOB = 'monthly-report';
export const DEFAULT_MONTHLY_REPORT_AT = '09:00';

export interface SendMonthlyReportDeps {
  build: BuildMonthlyReportDeps;
  team: DayEndTeam;
  files: ReportFiles;
  logger: Logger;
  /** Documents sent with the 月報, after its PDF and CSV, in this order (the invoice, …). */
  extras?: MonthlyExtra[];
}

/** A document that goes with the 月報: made from the same report, its files (none when it cannot be made). */
export type MonthlyExtra = (report: MonthlyReportResult, about: { month: string; date: string; supervisors: string[] }) => Promise<OutgoingFile[]>;

/** Whether `date` is the month's first work day (2027-01-04 when 1/1–1/3 are closed). */
export function isFirstWorkDayOfMonth(calendar: Pick<WorkCalendar, 'isWorkDay' | 'nextWorkDay'>, date: string): boolean {
  return calendar.isWorkDay(date) && calendar.nextWorkDay(`${date.slice(0, 7)}-01`, true) === date;
}

/** YYYY-MM of the month before the date's month. */
export function previousMonthOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * The monthly job (spec: 月報 on the first work day of the next month): builds the previous month's
 * 委託業務結果報告書 + 開閉栓作業月報 (stored in Report like `report monthly`) and hands the PDF and the CSV to
 * the date's 業務責任者 and to the bureau channel.
 */
export async function sendMonthlyReport(
  deps: SendMonthlyReportDeps,
  date: string,
): Promise<{ report: MonthlyReportResult; deliveries: FileDeliveryOutcome[] }> {
  const month = previousMonthOf(date);
  const report = await buildMonthlyReport(deps.build, { month, actorId: null, channel: 'system' });
  const { supervisors } = await deps.team.approversOn(date);
  if (supervisors.length === 0) deps.logger.warn('monthly report has no supervisor to go to', { month, date });
  const recipients: FileRecipient[] = [...supervisors.map((personId) => ({ personId })), { channel: 'bureau' }];
  const extras = await extraFiles(deps, report, { month, date, supervisors });
  const deliveries = await deliverToAll(deps, recipients, [...monthlyFiles(report, month), ...extras]);
  deps.logger.info('monthly report sent', { month, reportId: report.reportId, recipients: recipients.length });
  return { report, deliveries };
}

/** Each extra document's files; one that fails is logged and left out, so the 月報 itself still goes out. */
async function extraFiles(deps: SendMonthlyReportDeps, report: MonthlyReportResult, about: Parameters<MonthlyExtra>[1]): Promise<OutgoingFile[]> {
  const files: OutgoingFile[] = [];
  for (const extra of deps.extras ?? []) {
    try {
      files.push(...(await extra(report, about)));
    } catch (e) {
      deps.logger.error('document of the monthly report not made', { month: about.month, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return files;
}

/** The PDF's message says which days' 日報 were not approved yet (its figures count their results all the same). */
function monthlyFiles(report: MonthlyReportResult, month: string): OutgoingFile[] {
  const period = report.view.periodLabel;
  const commandNote = t('reports.posted.monthlyTeams', { period, month });
  const days = unapprovedDaysText(report.view);
  const note = days ? `\n${t('reports.posted.monthlyUnapproved', { count: report.view.unapprovedDays!.length, days })}` : '';
  return [
    {
      bytes: report.pdf,
      filename: `monthly-${month}.pdf`,
      title: `${t('reports.posted.monthlyPdfTitle', { period })}${note}`,
      savedNote: (path) => `${t('reports.posted.monthlyPdfSaved', { period, path })}${note}`,
      commandNote: `${commandNote}${note}`,
    },
    {
      bytes: new TextEncoder().encode(report.csv),
      filename: `monthly-${month}.csv`,
      title: t('reports.posted.monthlyCsvTitle', { period }),
      savedNote: (path) => t('reports.posted.monthlyCsvSaved', { period, path }),
      commandNote,
    },
  ];
}
