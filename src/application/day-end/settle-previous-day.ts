import { openOrdersOf } from '../../domain/reports/daily-aggregate.ts';
import { compileAfterOvertime } from './after-overtime.ts';
import { compileClaimed } from './compile-daily-report.ts';
import { compileKey, type DayEndDeps } from './ports.ts';

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
