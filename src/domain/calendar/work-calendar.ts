import { addDays, minutesOf, tokyoDate, tokyoMinutes, weekdayOf } from './local-time.ts';

/** 業務実施日 and 業務時間. Defaults follow the spec: closed 12/31–1/3, open 9:00–17:45 every other day. */
export interface CalendarRules {
  businessStart: string; // HH:MM
  businessEnd: string; // HH:MM, exclusive: 17:45:00 is after hours
  closedAnnualDates: string[]; // MM-DD
  closedWeekdays: string[]; // sun … sat
  closedOnNationalHolidays: boolean;
  extraClosedDates: string[]; // YYYY-MM-DD
}

export const SPEC_CALENDAR: CalendarRules = {
  businessStart: '09:00',
  businessEnd: '17:45',
  closedAnnualDates: ['12-31', '01-01', '01-02', '01-03'],
  closedWeekdays: [],
  closedOnNationalHolidays: false,
  extraClosedDates: [],
};

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** National-holiday lookup is injected: the domain does not load holiday data itself. */
export type HolidayLookup = (date: string) => boolean;

export class WorkCalendar {
  constructor(
    private readonly rules: CalendarRules,
    private readonly isNationalHoliday: HolidayLookup = () => false,
  ) {}

  isWorkDay(date: string): boolean {
    if (this.rules.closedAnnualDates.includes(date.slice(5))) return false;
    if (this.rules.extraClosedDates.includes(date)) return false;
    if (this.rules.closedWeekdays.includes(WEEKDAY_NAMES[weekdayOf(date)]!)) return false;
    if (this.rules.closedOnNationalHolidays && this.isNationalHoliday(date)) return false;
    return true;
  }

  /** Inside business hours of a work day (start inclusive, end exclusive). */
  isBusinessTime(at: Date): boolean {
    if (!this.isWorkDay(tokyoDate(at))) return false;
    const minutes = tokyoMinutes(at);
    return minutes >= minutesOf(this.rules.businessStart) && minutes < minutesOf(this.rules.businessEnd);
  }

  nextWorkDay(date: string, includeToday = false): string {
    let d = includeToday ? date : addDays(date, 1);
    for (let i = 0; i < 366; i++, d = addDays(d, 1)) if (this.isWorkDay(d)) return d;
    throw new Error('no work day within a year: check the calendar settings');
  }

  /** The last work day before `date` within a year, if any. */
  previousWorkDay(date: string): string | undefined {
    let d = addDays(date, -1);
    for (let i = 0; i < 366; i++, d = addDays(d, -1)) if (this.isWorkDay(d)) return d;
    return undefined;
  }

  get businessStart(): string {
    return this.rules.businessStart;
  }

  get businessEnd(): string {
    return this.rules.businessEnd;
  }
}
