import { describe, expect, it } from 'vitest';
import {
  addDays,
  isIsoDate,
  minutesOf,
  parseHhmm,
  tokyoDate,
  tokyoInstant,
  tokyoMinutes,
  weekdayOf,
} from '../../../../src/domain/calendar/local-time.ts';

describe('local time in Asia/Tokyo', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-27')).toBe(false);
    expect(isIsoDate('2026/03/27')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('turns the day at 15:00 UTC', () => {
    expect(tokyoDate(new Date('2026-03-26T14:59:59Z'))).toBe('2026-03-26');
    expect(tokyoDate(new Date('2026-03-26T15:00:00Z'))).toBe('2026-03-27');
    expect(tokyoDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });

  it('converts between Tokyo wall-clock times and instants', () => {
    expect(tokyoInstant('2026-03-27', '09:00').toISOString()).toBe('2026-03-27T00:00:00.000Z');
    expect(tokyoInstant('2026-03-27').toISOString()).toBe('2026-03-26T15:00:00.000Z');
    expect(tokyoMinutes(new Date('2026-03-27T08:45:00Z'))).toBe(17 * 60 + 45);
    expect(() => tokyoInstant('2026-02-30')).toThrow(RangeError);
  });

  it('parses HH:MM and refuses impossible times', () => {
    expect(parseHhmm('9:05')).toEqual([9, 5]);
    expect(minutesOf('17:45')).toBe(1065);
    expect(() => parseHhmm('24:00')).toThrow(RangeError);
    expect(() => parseHhmm('09:60')).toThrow(RangeError);
    expect(() => parseHhmm('0900')).toThrow(RangeError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives the weekday of a date (0 = Sunday)', () => {
    expect(weekdayOf('2026-03-27')).toBe(5);
    expect(weekdayOf('2026-03-29')).toBe(0);
    expect(() => weekdayOf('2026-02-30')).toThrow(RangeError);
  });
});
