import { tokyoDate, weekdayOf } from '../calendar/local-time.ts';
import { METER_DIAMETERS_MM, type MeterWork, type TaskKind } from '../work-order/task-kind.ts';
import { daysOfMonth, weekdayLabel } from './japanese-era.ts';
import { aggregateCases, type CaseFigures } from './monthly-cases.ts';
import { RESULT_FLAGS, type MonthlyRows, type ResultFlag, type ResultRow } from './monthly-rows.ts';

/**
 * 開閉栓作業月報 figures. Definition of "processed in the month": an order whose TaskResult has
 * outcome `done` or `absent` (customer absent, work carried out) and whose result was recorded on a
 * Tokyo calendar day of the month. `not_done` results are not processed: they are counted apart and
 * listed. 開栓 + 閉栓 + 名変 make the 合計 of the spec's table 1; その他 is shown separately.
 */
export interface KindCounts {
  open: number;
  close: number;
  transfer: number;
  subtotal: number; // open + close + transfer (table 1's 合計)
  other: number;
  notDone: number;
}

export interface DayFigures extends KindCounts {
  date: string;
  weekday: string; // 日 … 土
}

export interface NotDoneOrder {
  orderNo: string;
  date: string;
  kind: TaskKind;
  town: string;
  reason: string;
}

export interface FlaggedOrder {
  orderNo: string;
  date: string;
  kind: TaskKind;
  flags: ResultFlag[];
}

export interface MeterFigures {
  diameterMm: number;
  install: number;
  replace: number;
  remove: number;
  total: number;
}

export interface MonthlyFigures extends CaseFigures {
  month: string;
  hasData: boolean;
  days: DayFigures[];
  totals: KindCounts;
  processedAfterHours: number;
  notDoneOrders: NotDoneOrder[];
  meters: MeterFigures[];
  meterTotals: MeterFigures;
  flagCounts: Record<ResultFlag, number>;
  flaggedOrders: FlaggedOrder[];
}

export interface AggregateOptions {
  /** True inside business hours of a work day (WorkCalendar.isBusinessTime). */
  isBusinessTime: (at: Date) => boolean;
}

export function aggregateMonthly(month: string, rows: MonthlyRows, options: AggregateOptions): MonthlyFigures {
  const inMonth = (date: string) => date.startsWith(`${month}-`);
  const results = rows.results.filter((r) => inMonth(tokyoDate(r.recordedAt)));
  const days = countByDay(month, results);
  const cases = aggregateCases(month, rows, options.isBusinessTime);
  const meterRows = rows.meterMovements.filter((m) => inMonth(m.date));
  const meters = meterFigures(meterRows);
  const figures: MonthlyFigures = {
    month,
    hasData: false,
    days,
    totals: sumCounts(days),
    processedAfterHours: results.filter((r) => isProcessed(r) && r.afterHours).length,
    notDoneOrders: results.filter((r) => r.outcome === 'not_done').map(notDoneOrder).sort(byDateThenOrder),
    meters,
    meterTotals: sumMeters(meters),
    flagCounts: countFlags(results),
    flaggedOrders: results.filter((r) => r.flags.length > 0).map(flaggedOrder).sort(byDateThenOrder),
    ...cases,
  };
  figures.hasData = results.length > 0 || meterRows.length > 0 || cases.caseRowCount > 0;
  return figures;
}

export function isProcessed(row: Pick<ResultRow, 'outcome'>): boolean {
  return row.outcome === 'done' || row.outcome === 'absent';
}

function emptyCounts(): KindCounts {
  return { open: 0, close: 0, transfer: 0, subtotal: 0, other: 0, notDone: 0 };
}

function countByDay(month: string, results: ResultRow[]): DayFigures[] {
  const byDate = new Map(daysOfMonth(month).map((d) => [d, { date: d, weekday: weekdayLabel(weekdayOf(d)), ...emptyCounts() }]));
  for (const r of results) {
    const day = byDate.get(tokyoDate(r.recordedAt));
    if (!day) continue;
    if (!isProcessed(r)) day.notDone++;
    else if (r.kind === 'other') day.other++;
    else {
      day[r.kind]++;
      day.subtotal++;
    }
  }
  return [...byDate.values()];
}

function sumCounts(days: KindCounts[]): KindCounts {
  const total = emptyCounts();
  for (const d of days) for (const key of Object.keys(total) as (keyof KindCounts)[]) total[key] += d[key];
  return total;
}

function meterFigures(rows: MonthlyRows['meterMovements']): MeterFigures[] {
  const found = new Set(rows.map((r) => r.diameterMm));
  const diameters = [...new Set<number>([...METER_DIAMETERS_MM, ...found])].sort((a, b) => a - b);
  return diameters.map((mm) => {
    const count = (kind: MeterWork) => rows.filter((r) => r.diameterMm === mm && r.kind === kind).length;
    const f = { diameterMm: mm, install: count('install'), replace: count('replace'), remove: count('remove'), total: 0 };
    f.total = f.install + f.replace + f.remove;
    return f;
  });
}

function sumMeters(meters: MeterFigures[]): MeterFigures {
  const total = { diameterMm: 0, install: 0, replace: 0, remove: 0, total: 0 };
  for (const m of meters) {
    total.install += m.install;
    total.replace += m.replace;
    total.remove += m.remove;
    total.total += m.total;
  }
  return total;
}

function countFlags(results: ResultRow[]): Record<ResultFlag, number> {
  const counts = Object.fromEntries(RESULT_FLAGS.map((f) => [f, 0])) as Record<ResultFlag, number>;
  for (const r of results) for (const f of r.flags) counts[f]++;
  return counts;
}

function notDoneOrder(r: ResultRow): NotDoneOrder {
  return { orderNo: r.orderNo, date: tokyoDate(r.recordedAt), kind: r.kind, town: r.town, reason: r.notDoneReason ?? '' };
}

function flaggedOrder(r: ResultRow): FlaggedOrder {
  return { orderNo: r.orderNo, date: tokyoDate(r.recordedAt), kind: r.kind, flags: RESULT_FLAGS.filter((f) => r.flags.includes(f)) };
}

function byDateThenOrder(a: { date: string; orderNo: string }, b: { date: string; orderNo: string }): number {
  return a.date === b.date ? a.orderNo.localeCompare(b.orderNo) : a.date.localeCompare(b.date);
}
