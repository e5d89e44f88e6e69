import type { WorkCalendar } from '../../domain/calendar/work-calendar.ts';
import { t } from '../../templates.ts';
import { japaneseDay } from '../dispatch/japanese-date.ts';

/** Imported orders of one 作業予定日 that are not dispatched on it, and the work day they are dispatched on. */
export interface DeferredDate {
  date: string;
  count: number;
  /** A closed day (weekend, holiday, year-end closure); otherwise a work day already behind. */
  closed: boolean;
  dispatchOn: string;
}

export interface DispatchDayContext {
  calendar: Pick<WorkCalendar, 'isWorkDay' | 'nextWorkDay'>;
  today: string;
  /** Whether today's daily assignment (assign-day) has run: orders it did not see wait for the next work day. */
  assignedToday: boolean;
}

/**
 * Orders dated on a closed day, or on a day already behind (its assignment ran, or it is past), are not lost: the
 * daily assignment of the first work day after their date carries them to it (day-end/settle-previous-day.ts). That
 * day is the first work day on or after the date whose assignment has not run yet.
 */
export function deferredDates(byDate: readonly { date: string; count: number }[], c: DispatchDayContext): DeferredDate[] {
  const firstOpen = c.calendar.isWorkDay(c.today) && !c.assignedToday ? c.today : c.calendar.nextWorkDay(c.today);
  const out: DeferredDate[] = [];
  for (const { date, count } of byDate) {
    const closed = !c.calendar.isWorkDay(date);
    if (!closed && date >= c.today) continue; // dispatched on its own day (today's: placed by the running bot)
    const own = c.calendar.nextWorkDay(date, true);
    out.push({ date, count, closed, dispatchOn: own > firstOpen ? own : firstOpen });
  }
  return out;
}

/** The import summary's lines about them (none when every order is dispatched on its own date). */
export function deferredLines(deferred: readonly DeferredDate[]): string[] {
  if (deferred.length === 0) return [];
  const total = deferred.reduce((sum, d) => sum + d.count, 0);
  const closed = deferred.filter((d) => d.closed).reduce((sum, d) => sum + d.count, 0);
  return [
    t('import.deferred.header', { total, closed, past: total - closed }),
    ...deferred.map((d) =>
      t(d.closed ? 'import.deferred.closedLine' : 'import.deferred.pastLine', { date: japaneseDay(d.date), count: d.count, dispatchOn: japaneseDay(d.dispatchOn) }),
    ),
  ];
}
