import { describe, expect, it } from 'vitest';
import { isFirstWorkDayOfMonth, previousMonthOf } from '../../../../src/application/reports/send-monthly-report.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../../../src/domain/calendar/work-calendar.ts';

describe('when the monthly report goes out', () => {
  const calendar = new WorkCalendar(SPEC_CALENDAR);

  it('is the first work day of the month, after weekends and the closed new-year days', () => {
    expect(isFirstWorkDayOfMonth(calendar, '2026-04-01')).toBe(true); // Wednesday
    expect(isFirstWorkDayOfMonth(calendar, '2026-04-02')).toBe(false);
    expect(isFirstWorkDayOfMonth(calendar, '2026-02-01')).toBe(true); // Sunday, open by default (CLOSED_WEEKDAYS empty)
    const weekdaysOnly = new WorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['sat', 'sun'] });
    expect(isFirstWorkDayOfMonth(weekdaysOnly, '2026-02-01')).toBe(false);
    expect(isFirstWorkDayOfMonth(weekdaysOnly, '2026-02-02')).toBe(true); // Monday
    expect(isFirstWorkDayOfMonth(calendar, '2027-01-01')).toBe(false);
    expect(isFirstWorkDayOfMonth(calendar, '2027-01-04')).toBe(true);
    expect(isFirstWorkDayOfMonth(calendar, '2027-01-05')).toBe(false);
  });

  it('covers the month before, across the year', () => {
    expect(previousMonthOf('2026-04-01')).toBe('2026-03');
    expect(previousMonthOf('2027-01-04')).toBe('2026-12');
    expect(previousMonthOf('2026-11-02')).toBe('2026-10');
  });
});
