import { describe, expect, it } from 'vitest';
import { SPEC_CALENDAR } from '../../../../src/domain/calendar/work-calendar.ts';
import { createWorkCalendar } from '../../../../src/adapters/calendar/create-work-calendar.ts';
import { isNationalHoliday, nationalHolidayName } from '../../../../src/adapters/calendar/national-holidays.ts';

/** Another utility's calendar: closed on weekends and national holidays, plus its own dates. */
const officeCalendar = createWorkCalendar({
  ...SPEC_CALENDAR,
  closedWeekdays: ['sat', 'sun'],
  closedOnNationalHolidays: true,
  extraClosedDates: ['2026-08-13', '2026-08-14'],
});

describe('national holidays from @holiday-jp/holiday_jp', () => {
  it('knows Golden Week, the September holidays and Coming of Age Day', () => {
    for (const d of ['2026-05-04', '2026-05-05', '2026-05-06', '2026-09-21', '2026-09-22', '2026-09-23', '2027-01-11']) {
      expect(isNationalHoliday(d), d).toBe(true);
    }
    expect(nationalHolidayName('2026-05-06')).toContain('振替休日');
    expect(nationalHolidayName('2026-09-22')).toBe('休日'); // 国民の休日 between two holidays
    expect(isNationalHoliday('2026-05-07')).toBe(false);
    expect(isNationalHoliday('2026-09-24')).toBe(false);
    expect(nationalHolidayName('2026-09-24')).toBeUndefined();
  });

  it('closes them only when the calendar asks for it', () => {
    expect(createWorkCalendar(SPEC_CALENDAR).isWorkDay('2026-05-04')).toBe(true);
    expect(officeCalendar.isWorkDay('2026-05-04')).toBe(false);
    expect(officeCalendar.isWorkDay('2026-05-05')).toBe(false);
    expect(officeCalendar.isWorkDay('2026-05-06')).toBe(false);
    expect(officeCalendar.isWorkDay('2026-05-07')).toBe(true);
  });

  it('skips weekends and holidays together when looking for the next work day', () => {
    expect(officeCalendar.nextWorkDay('2026-05-01')).toBe('2026-05-07'); // Sat, Sun, then 3 holidays
    expect(officeCalendar.nextWorkDay('2026-09-18')).toBe('2026-09-24'); // Sat, Sun, Mon–Wed holidays
    expect(officeCalendar.nextWorkDay('2027-01-08')).toBe('2027-01-12'); // Sat, Sun, 成人の日
    expect(officeCalendar.isWorkDay('2027-01-11')).toBe(false);
  });

  it('adds the utility’s own closed dates and keeps the year-end closing', () => {
    expect(officeCalendar.isWorkDay('2026-08-13')).toBe(false);
    expect(officeCalendar.isWorkDay('2026-08-14')).toBe(false);
    expect(officeCalendar.nextWorkDay('2026-08-12')).toBe('2026-08-17');
    expect(officeCalendar.nextWorkDay('2026-12-30')).toBe('2027-01-04');
  });

  it('never matches object property names', () => {
    expect(isNationalHoliday('constructor')).toBe(false);
    expect(isNationalHoliday('__proto__')).toBe(false);
  });
});
