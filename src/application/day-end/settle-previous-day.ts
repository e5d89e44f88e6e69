import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { openOrdersOf } from '../../domain/reports/daily-aggregate.ts';
import { compileAfterOvertime } from './after-overtime.ts';
import { compileClaimed } from './compile-daily-report.ts';
import { compileKey, type DayEndDeps } from './ports.ts';

/**
 * Before a work day is assigned, nothing dated before it is left behind: the previous work day is settled, then
 * whatever no day-end carried (closed days, late imports) is carried to it.
 */
export async function settleEarlierDays(deps: DayEndDeps, date: string): Promise<void> {
  await settlePreviousDay(deps, date);
  await carryStrandedOrders(deps, date);
}

/**
 * Before a work day is assigned, the work day before it is closed when orders are still open on it: its report
 * compiled and those orders carried over, so they are this day's to assign. Normally the 17:45 job (or the end of its overtime) did it already; this
 * catches an evening the bot was down, or a clock moved past the overtime's end, before anyone is dispatched.
 */
export async function settlePreviousDay(deps: DayEndDeps, date: string): Promise<void> {
  const previous = deps.calendar.previousWorkDay(date);
  if (!previous) return;
  const stored = await deps.report.reports.getDaily(previous);
  if (stored?.view.source === 'bot') return;
  const rows = await deps.report.source.loadDay(previous);
  if (openOrdersOf(rows.orders, previous).length === 0) return; // nothing would be stranded: its own job reports it
  const now = deps.clock.now();
  if (!(await compileClaimed(deps, compileKey(previous), previous, now))) {
    await compileAfterOvertime(deps, previous, now); // the 17:45 run waited for overtime, which has ended by now
    return;
  }
  deps.logger.info('previous work day compiled before the assignment', { date: previous });
}

/**
 * Orders no day-end ever carried: dated on a closed day (a weekend, a holiday, the year-end closure), or imported for
 * a work day whose day-end had run. Every order still to do dated before `date` (today) is carried to it, the day it is
 * assigned on, keeping its first date (「…から繰越」). Never for a day after today: nothing is dispatched early.
 */
export async function carryStrandedOrders(deps: Pick<DayEndDeps, 'store' | 'clock' | 'logger'>, date: string): Promise<number> {
  const now = deps.clock.now();
  if (date > tokyoDate(now)) return 0;
  const carried = await deps.store.carryStranded(date, now);
  if (carried.length > 0) {
    const dates = [...new Set(carried.map((c) => c.from))].sort();
    deps.logger.info('orders dated before the day carried to it', { date, count: carried.length, from: dates.join(',') });
  }
  return carried.length;
}
