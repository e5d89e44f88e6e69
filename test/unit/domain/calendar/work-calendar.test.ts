import { describe, expect, it } from 'vitest';
import { SPEC_CALENDAR, WorkCalendar } from '../../../../src/domain/calendar/work-calendar.ts';
import { createWorkCalendar } from '../../../../src/adapters/calendar/create-work-calendar.ts';

const spec = createWorkCalendar(SPEC_CALENDAR);
const at = (iso: string) => new Date(iso);

describe('work calendar with the spec defaults (spec 2)', () => {
  it('works on 12/30, closes 12/31 to 1/3 and opens again on 1/4', () => {
    expect(spec.isWorkDay('2026-12-30')).toBe(true);
    for (const d of ['2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) expect(spec.isWorkDay(d)).toBe(false);
    expect(spec.isWorkDay('2027-01-04')).toBe(true);
  });

  it('treats weekends and national holidays as work days', () => {
    expect(spec.isWorkDay('2026-03-28')).toBe(true); // Saturday
    expect(spec.isWorkDay('2026-03-29')).toBe(true); // Sunday
    expect(spec.isWorkDay('2026-05-04')).toBe(true); // みどりの日
    expect(spec.isWorkDay('2027-01-11')).toBe(true); // 成人の日
  });

  it('counts 9:00 to 17:44:59 in Asia/Tokyo as business hours, from UTC instants', () => {
    expect(spec.isBusinessTime(at('2026-03-26T23:59:59Z'))).toBe(false); // 08:59:59 JST
    expect(spec.isBusinessTime(at('2026-03-27T00:00:00Z'))).toBe(true); // 09:00:00 JST
    expect(spec.isBusinessTime(at('2026-03-27T08:44:59Z'))).toBe(true); // 17:44:59 JST
    expect(spec.isBusinessTime(at('2026-03-27T08:45:00Z'))).toBe(false); // 17:45:00 JST
    expect(spec.isBusinessTime(at('2026-03-27T03:00:00Z'))).toBe(true); // noon
  });

  it('never counts a closed day as business time, whatever the hour', () => {
    expect(spec.isBusinessTime(at('2026-12-31T03:00:00Z'))).toBe(false); // 12:00 JST on 12/31
    expect(spec.isBusinessTime(at('2027-01-03T01:00:00Z'))).toBe(false); // 10:00 JST on 1/3
    expect(spec.isBusinessTime(at('2026-12-30T08:00:00Z'))).toBe(true); // 17:00 JST on 12/30
    expect(spec.isBusinessTime(at('2027-01-04T00:00:00Z'))).toBe(true); // 09:00 JST on 1/4
  });

  it('uses the Tokyo time of the instant, not the UTC time', () => {
    // 2027-01-03T15:00Z is 2027-01-04 00:00 JST: a work day, but outside hours.
    expect(spec.isBusinessTime(at('2027-01-03T15:00:00Z'))).toBe(false);
    // 2026-03-27T10:00Z is 19:00 JST: inside 9–17:45 in UTC terms, after hours in Tokyo.
    expect(spec.isBusinessTime(at('2026-03-27T10:00:00Z'))).toBe(false);
  });

  it('finds the next work day across the new year', () => {
    expect(spec.nextWorkDay('2026-12-30')).toBe('2027-01-04');
    expect(spec.nextWorkDay('2026-12-31', true)).toBe('2027-01-04');
    expect(spec.nextWorkDay('2026-12-30', true)).toBe('2026-12-30');
    expect(spec.previousWorkDay('2027-01-04')).toBe('2026-12-30');
    expect(spec.previousWorkDay('2026-03-28')).toBe('2026-03-27');
    expect(spec.nextWorkDay('2026-12-29')).toBe('2026-12-30');
  });
});

describe('work calendar with other rules', () => {
  const weekdaysOnly = createWorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['sat', 'sun'] });

  it('closes Saturdays and Sundays when configured', () => {
    expect(weekdaysOnly.isWorkDay('2026-03-27')).toBe(true); // Friday
    expect(weekdaysOnly.isWorkDay('2026-03-28')).toBe(false);
    expect(weekdaysOnly.isWorkDay('2026-03-29')).toBe(false);
    expect(weekdaysOnly.nextWorkDay('2026-03-27')).toBe('2026-03-30');
    expect(weekdaysOnly.isBusinessTime(at('2026-03-28T01:00:00Z'))).toBe(false);
  });

  it('accepts weekday names in any case', () => {
    const upper = createWorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['Sat', 'SUN'] });
    expect(upper.isWorkDay('2026-03-28')).toBe(false);
    expect(upper.isWorkDay('2026-03-29')).toBe(false);
  });

  it('closes extra dates given by the deployment', () => {
    const cal = createWorkCalendar({ ...SPEC_CALENDAR, extraClosedDates: ['2026-08-14', '2026-08-15'] });
    expect(cal.isWorkDay('2026-08-14')).toBe(false);
    expect(cal.isWorkDay('2027-08-14')).toBe(true); // one date, not every year
    expect(cal.nextWorkDay('2026-08-13')).toBe('2026-08-16');
  });

  it('uses configured business hours', () => {
    const cal = new WorkCalendar({ ...SPEC_CALENDAR, businessStart: '08:30', businessEnd: '17:15' });
    expect(cal.isBusinessTime(at('2026-03-26T23:30:00Z'))).toBe(true); // 08:30 JST
    expect(cal.isBusinessTime(at('2026-03-27T08:15:00Z'))).toBe(false); // 17:15 JST
    expect(cal.businessStart).toBe('08:30');
    expect(cal.businessEnd).toBe('17:15');
  });

  it('reports a calendar without any work day instead of looping', () => {
    const never = new WorkCalendar({ ...SPEC_CALENDAR, closedWeekdays: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] });
    expect(() => never.nextWorkDay('2026-03-27')).toThrow(/no work day/);
  });
});
