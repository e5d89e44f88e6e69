import { annualTotals, formatFiscalYear, type AnnualRow, type AnnualTotals } from '../../domain/reports/annual-table.ts';
import { formatEraDate, formatEraMonth } from '../../domain/reports/japanese-era.ts';
import { t } from '../../templates.ts';
import type { ReportHeader } from './report-header.ts';

/** What the annual table (PDF and CSV) shows; stored as JSON in Report.content. */
export interface AnnualReportView {
  kind: 'annual';
  firstMonth: string; // YYYY-MM
  lastMonth: string;
  periodLabel: string; // 令和7年度（令和7年4月～令和8年3月） or 令和7年3月～令和8年2月
  submittedLabel: string;
  header: ReportHeader;
  rows: AnnualRow[];
  totals: AnnualTotals;
}

export function annualReportView(rows: AnnualRow[], fiscalYear: number | null, header: ReportHeader, submittedOn: string): AnnualReportView {
  const firstMonth = rows[0]!.month;
  const lastMonth = rows[rows.length - 1]!.month;
  const range = { from: formatEraMonth(firstMonth), to: formatEraMonth(lastMonth) };
  return {
    kind: 'annual',
    firstMonth,
    lastMonth,
    periodLabel: fiscalYear === null ? t('bureauDocs.annual.range', range) : t('bureauDocs.annual.fiscalYear', { year: formatFiscalYear(fiscalYear), ...range }),
    submittedLabel: formatEraDate(submittedOn),
    header,
    rows,
    totals: annualTotals(rows),
  };
}
