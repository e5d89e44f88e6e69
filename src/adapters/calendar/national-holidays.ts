import holidayJp from '@holiday-jp/holiday_jp';
import type { HolidayLookup } from '../../domain/calendar/work-calendar.ts';

/**
 * Japanese national holidays (国民の祝日, 振替休日 and 国民の休日) from the maintained data set of
 * @holiday-jp/holiday_jp, keyed by YYYY-MM-DD. A direct key lookup: no Date objects, so the
 * process time zone never shifts a day. The data set covers 1970–2050.
 */
const HOLIDAYS: Readonly<Record<string, unknown>> = holidayJp.holidays;

export const isNationalHoliday: HolidayLookup = (date) => Object.hasOwn(HOLIDAYS, date);

/** Name of the holiday on that date (e.g. 敬老の日), or undefined. */
export function nationalHolidayName(date: string): string | undefined {
  if (!Object.hasOwn(HOLIDAYS, date)) return undefined;
  return (HOLIDAYS[date] as { name: string }).name;
}

/** Last date the bundled data set knows about; later dates are never reported as holidays. */
export function holidayDataEndsOn(): string {
  const dates = Object.keys(HOLIDAYS).sort();
  return `${dates[dates.length - 1]!.slice(0, 4)}-12-31`;
}
