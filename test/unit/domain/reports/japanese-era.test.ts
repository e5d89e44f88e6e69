import { describe, expect, it } from 'vitest';
import {
  daysOfMonth,
  eraYearOf,
  formatEraDate,
  formatEraDateTime,
  formatEraMonth,
  formatEraPeriod,
  lastDayOfMonth,
  nextMonth,
} from '../../../../src/domain/reports/japanese-era.ts';

describe('japanese era', () => {
  it('formats the report period and dates of the contract', () => {
    expect(formatEraPeriod('2026-03')).toBe('令和8年3月分');
    expect(formatEraDate('2026-03-27')).toBe('令和8年3月27日');
    expect(formatEraDate('2025-07-01')).toBe('令和7年7月1日');
  });

  it('writes a creation timestamp in the era, with its time (and seconds when given)', () => {
    expect(formatEraDateTime('2026-12-07 14:05')).toBe('令和8年12月7日 14:05');
    expect(formatEraDateTime('2026-03-28 09:00:00')).toBe('令和8年3月28日 09:00:00');
    expect(formatEraDateTime('2019-05-01 00:00')).toBe('令和元年5月1日 00:00');
    expect(() => formatEraDateTime('2026-12-07')).toThrow(RangeError);
  });

  it('switches from 平成 to 令和 on 2019-05-01, whose first year is 元年', () => {
    expect(formatEraDate('2019-04-30')).toBe('平成31年4月30日');
    expect(formatEraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatEraDate('2019-12-31')).toBe('令和元年12月31日');
    expect(formatEraDate('2020-01-01')).toBe('令和2年1月1日');
    expect(eraYearOf('2019-05-01')).toEqual({ era: '令和', year: 1 });
  });

  it('names a month by the era of its last day', () => {
    expect(formatEraMonth('2019-04')).toBe('平成31年4月');
    expect(formatEraMonth('2019-05')).toBe('令和元年5月');
    expect(formatEraPeriod('2024-02')).toBe('令和6年2月分');
  });

  it('starts 平成 on 1989-01-08 and rejects earlier dates and bad input', () => {
    expect(formatEraDate('1989-01-08')).toBe('平成元年1月8日');
    expect(() => formatEraDate('1989-01-07')).toThrow(RangeError);
    expect(() => formatEraDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatEraMonth('2026-13')).toThrow(RangeError);
  });

  it('lists the days of a month, leap years included', () => {
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(lastDayOfMonth('2026-03')).toBe('2026-03-31');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });
});
