import { addDays, minutesOf, tokyoDate, tokyoMinutes } from '../calendar/local-time.ts';

/**
 * The night an instant belongs to, named by the date it starts on: before the start of business hours it is still
 * the previous date's night (a complaint at 01:00 on 1/3 belongs to the night that started on 1/2). The after-hours
 * roster and its overrides are kept per such night.
 */
export function nightOf(at: Date, businessStart: string): string {
  const date = tokyoDate(at);
  return tokyoMinutes(at) < minutesOf(businessStart) ? addDays(date, -1) : date;
}
