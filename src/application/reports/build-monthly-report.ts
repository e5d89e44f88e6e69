import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { unapprovedDays } from '../../domain/reports/daily-approval.ts';
import { isMonth, lastDayOfMonth } from '../../domain/reports/japanese-era.ts';
import { addDays } from '../../domain/calendar/local-time.ts';
import { aggregateMonthly } from '../../domain/reports/monthly-aggregate.ts';
import type { ReportDocument } from '../../domain/reports/report-document.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { Clock } from '../ports.ts';
import { monthlyReportCsv } from './monthly-report-csv.ts';
import { monthlyReportSection } from './monthly-report-document.ts';
import { monthlyReportView, type MonthlyReportView } from './monthly-report-view.ts';
import type { MonthlyReportSource, PdfRenderer, ReportRepository, ContractorSource } from './ports.ts';
import { reportHeader } from './report-header.ts';
import { resultReportSection } from './result-report-document.ts';

export interface BuildMonthlyReportDeps {
  source: MonthlyReportSource;
  reports: ReportRepository;
  renderer: PdfRenderer;
  clock: Clock;
  /** WorkCalendar.isBusinessTime: tells after-hours complaints apart. */
  isBusinessTime: (at: Date) => boolean;
  /** WorkCalendar.isWorkDay: the days that have a 日報 to approve. */
  isWorkDay: (date: string) => boolean;
  /** The staff file's `contractor:` section: the header of the document. */
  contractor: ContractorSource;
}

export interface BuildMonthlyReportInput {
  month: string; // YYYY-MM
  actorId?: string | null;
  channel?: string;
}

export interface MonthlyReportResult {
  reportId: number;
  view: MonthlyReportView;
  pdf: Uint8Array;
  pageCount: number;
  csv: string;
}

export const MONTHLY_REPORT_KIND = 'monthly';

/**
 * 委託業務結果報告書 + 開閉栓作業月報 of one month, as one PDF (cover first, then the monthly
 * report) and one CSV; the PDF and the view model are stored in Report (kind 'monthly', period YYYY-MM).
 */
export async function buildMonthlyReport(deps: BuildMonthlyReportDeps, input: BuildMonthlyReportInput): Promise<MonthlyReportResult> {
  if (!isMonth(input.month)) {
    throw new AppError(ErrorCode.InvalidInput, t('reports.cli.badMonth', { value: input.month }));
  }
  const rows = await deps.source.loadMonthlyRows(input.month);
  const figures = aggregateMonthly(input.month, rows, { isBusinessTime: deps.isBusinessTime });
  const today = tokyoDate(deps.clock.now());
  const counted = new Set(figures.days.filter((d) => d.subtotal + d.other + d.notDone > 0).map((d) => d.date));
  const states = await deps.source.dailyReportStates(input.month);
  const unapproved = unapprovedDays(daysOfMonth(input.month).filter(deps.isWorkDay), counted, states, today);
  const view = monthlyReportView(figures, reportHeader(await deps.contractor.contractor()), today, unapproved);
  const rendered = await deps.renderer.render(monthlyReportDocument(view));
  const { id } = await deps.reports.saveReport({
    kind: MONTHLY_REPORT_KIND,
    period: input.month,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
  });
  return { reportId: id, view, pdf: rendered.bytes, pageCount: rendered.pageCount, csv: monthlyReportCsv(view) };
}

export function monthlyReportDocument(view: MonthlyReportView): ReportDocument {
  return {
    title: t('reports.result.documentTitle', { period: view.periodLabel }),
    author: view.header.contractorName,
    sections: [resultReportSection(view), monthlyReportSection(view)],
  };
}

/** YYYY-MM-DD of every day of the month. */
function daysOfMonth(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d <= lastDayOfMonth(month); d = addDays(d, 1)) days.push(d);
  return days;
}
