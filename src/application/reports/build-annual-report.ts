import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { annualRow, fiscalYearStart, isTableMonth, isTableYear, tableMonths } from '../../domain/reports/annual-table.ts';
import { aggregateMonthly } from '../../domain/reports/monthly-aggregate.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { annualReportCsv, annualReportDocument } from './annual-report-document.ts';
import { annualReportView, type AnnualReportView } from './annual-report-view.ts';
import type { BuildMonthlyReportDeps } from './build-monthly-report.ts';
import { reportHeader } from './report-header.ts';

/** The annual table is built from the monthly report's own source and aggregate. */
export type BuildAnnualReportDeps = BuildMonthlyReportDeps;

export interface BuildAnnualReportInput {
  fiscalYear?: string; // YYYY: April YYYY … March YYYY+1
  from?: string; // YYYY-MM: any twelve months (the spec's table runs March → February)
  actorId?: string | null;
  channel?: string;
}

export interface AnnualReportResult {
  reportId: number;
  view: AnnualReportView;
  pdf: Uint8Array;
  pageCount: number;
  csv: string;
}

export const ANNUAL_REPORT_KIND = 'annual';

/**
 * 別表1 over twelve months (PDF and CSV), stored in Report (kind 'annual', period = first month). Each month's
 * counts are aggregateMonthly's totals of that month, as in the 開閉栓作業月報.
 */
export async function buildAnnualReport(deps: BuildAnnualReportDeps, input: BuildAnnualReportInput): Promise<AnnualReportResult> {
  const { first, fiscalYear } = firstMonthOf(input);
  const rows = [];
  for (const month of tableMonths(first)) {
    const figures = aggregateMonthly(month, await deps.source.loadMonthlyRows(month), { isBusinessTime: deps.isBusinessTime });
    rows.push(annualRow(month, figures.totals));
  }
  const view = annualReportView(rows, fiscalYear, reportHeader(await deps.contractor.contractor()), tokyoDate(deps.clock.now()));
  const rendered = await deps.renderer.render(annualReportDocument(view));
  const { id } = await deps.reports.saveReport({
    kind: ANNUAL_REPORT_KIND,
    period: first,
    content: JSON.stringify(view),
    pdf: rendered.bytes,
    actorId: input.actorId ?? null,
    channel: input.channel ?? 'system',
  });
  return { reportId: id, view, pdf: rendered.bytes, pageCount: rendered.pageCount, csv: annualReportCsv(view) };
}

function firstMonthOf(input: BuildAnnualReportInput): { first: string; fiscalYear: number | null } {
  const { fiscalYear, from } = input;
  if ((fiscalYear === undefined) === (from === undefined)) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.annual.badOptions'));
  if (fiscalYear !== undefined) {
    if (!isTableYear(fiscalYear)) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.annual.badYear', { value: fiscalYear }));
    return { first: fiscalYearStart(Number(fiscalYear)), fiscalYear: Number(fiscalYear) };
  }
  if (!isTableMonth(from!)) throw new AppError(ErrorCode.InvalidInput, t('bureauDocs.annual.badFrom', { value: from! }));
  return { first: from!, fiscalYear: null };
}
