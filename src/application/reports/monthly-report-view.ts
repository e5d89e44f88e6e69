import { formatEraDate, formatEraPeriod, lastDayOfMonth } from '../../domain/reports/japanese-era.ts';
import type { MonthlyFigures } from '../../domain/reports/monthly-aggregate.ts';
import type { ReportHeader } from './report-header.ts';

/** Everything the monthly PDF and CSV show; stored as JSON in Report.content. */
export interface MonthlyReportView {
  kind: 'monthly';
  month: string; // YYYY-MM
  periodLabel: string; // 令和8年3月分
  periodRange: string; // 令和8年3月1日～令和8年3月31日
  submittedOn: string; // YYYY-MM-DD (Tokyo day the report was made)
  submittedLabel: string; // 令和8年4月1日
  header: ReportHeader;
  figures: MonthlyFigures;
}

export function monthlyReportView(figures: MonthlyFigures, header: ReportHeader, submittedOn: string): MonthlyReportView {
  const month = figures.month;
  return {
    kind: 'monthly',
    month,
    periodLabel: formatEraPeriod(month),
    periodRange: `${formatEraDate(`${month}-01`)}～${formatEraDate(lastDayOfMonth(month))}`,
    submittedOn,
    submittedLabel: formatEraDate(submittedOn),
    header,
    figures,
  };
}
