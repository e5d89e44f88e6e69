import { toCsv, type CsvCell } from '../../domain/reports/csv.ts';
import type { KindCounts } from '../../domain/reports/monthly-aggregate.ts';
import { RESULT_FLAGS } from '../../domain/reports/monthly-rows.ts';
import { hasTemplate, t } from '../../templates.ts';
import type { MonthlyReportView } from './monthly-report-view.ts';
import { labelOr } from './report-header.ts';

/**
 * The monthly figures as CSV for the bureau's own sheets, in three blocks separated by a blank line:
 * the day table (header row first, 月計 last), meters by diameter, then 区分/項目/値 lines.
 * Numbers are plain (no thousands separator) so Excel reads them as numbers.
 */
export function monthlyReportCsv(view: MonthlyReportView): string {
  const f = view.figures;
  const rows: CsvCell[][] = [
    [
      t('reports.csv.colDate'),
      t('reports.csv.colWeekday'),
      t('reports.kind.open'),
      t('reports.kind.close'),
      t('reports.kind.transfer'),
      t('reports.monthly.colSubtotal'),
      t('reports.kind.other'),
      t('reports.monthly.colNotDone'),
    ],
    ...f.days.map((d) => [d.date, d.weekday, ...countCells(d)]),
    [t('reports.csv.monthTotal'), '', ...countCells(f.totals)],
    [],
    [t('reports.monthly.colDiameter'), t('reports.meterWork.install'), t('reports.meterWork.replace'), t('reports.meterWork.remove'), t('reports.common.total')],
    ...f.meters.map((m) => [`φ${m.diameterMm}`, m.install, m.replace, m.remove, m.total]),
    [t('reports.common.total'), f.meterTotals.install, f.meterTotals.replace, f.meterTotals.remove, f.meterTotals.total],
    [],
    [t('reports.csv.colSection'), t('reports.csv.colItem'), t('reports.csv.colValue')],
    ...summaryLines(view),
  ];
  if (!f.hasData) rows.push([], [t('reports.csv.noData')]);
  return toCsv(rows);
}

function countCells(c: KindCounts): number[] {
  return [c.open, c.close, c.transfer, c.subtotal, c.other, c.notDone];
}

function summaryLines(view: MonthlyReportView): CsvCell[][] {
  const f = view.figures;
  const flags = t('reports.csv.sectionFlags');
  const cases = t('reports.csv.sectionCases');
  const expenses = t('reports.csv.sectionExpenses');
  return [
    ...RESULT_FLAGS.map((flag) => [flags, t(`reports.flag.${flag}`), f.flagCounts[flag]]),
    [cases, t('reports.result.itemDoubts'), f.doubts.count],
    [cases, t('reports.result.itemIncidents'), f.incidents.count],
    ...(['terminalDamaged', 'terminalLost'] as const).map((kind) => [
      cases,
      t('terminal.report.itemTerminalLoss', { loss: t(`terminal.loss.${kind}`) }),
      f.incidents.items.filter((i) => i.kind === kind).length,
    ]),
    [cases, t('reports.csv.complaints'), f.complaints.count],
    [cases, t('reports.csv.afterHoursCallouts'), f.complaints.afterHours],
    [expenses, t('reports.csv.parkingCount'), f.parking.count],
    [expenses, t('reports.csv.parkingYen'), f.parking.totalYen],
    ...f.consumables.map((c) => [expenses, labelOr('reports.consumable', c.item, hasTemplate), c.quantity]),
  ];
}
