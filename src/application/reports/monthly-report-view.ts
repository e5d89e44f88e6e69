import type { UnapprovedDay } from '../../domain/reports/daily-approval.ts';
import { t } from '../../templates.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';
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
  /**
   * Work days whose 日報 was not approved when this was compiled (absent in reports stored before it was recorded):
   * the figures still count their recorded results.
   */
  unapprovedDays?: UnapprovedDay[];
}

export function monthlyReportView(figures: MonthlyFigures, header: ReportHeader, submittedOn: string, unapproved: UnapprovedDay[] = []): MonthlyReportView {
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
    unapprovedDays: unapproved,
  };
}

/** 12月24日(木)、12月25日(金) (日報未作成): the days whose 日報 was not approved when the report was compiled. */
export function unapprovedDaysText(view: MonthlyReportView): string | undefined {
  const days = view.unapprovedDays ?? [];
  if (days.length === 0) return undefined;
  return days.map((d) => t(`reports.monthly.unapproved.${d.state}`, { day: japaneseDay(d.date) })).join(t('reports.monthly.unapproved.separator'));
}
