import { describe, expect, it } from 'vitest';
import {
  hasControlCharacter,
  parseCalendarDate,
  parseCount,
  parseDecimal,
  textOrNull,
  toHalfWidthAscii,
} from '../../../../src/domain/work-order/normalize-value.ts';

describe('normalize-value', () => {
  it('turns full-width ASCII, the ideographic space and the minus sign half-width', () => {
    expect(toHalfWidthAscii('Ｍ６６１２６１１６　－１２．５ −3')).toBe('M66126116 -12.5 -3');
    expect(toHalfWidthAscii('石川 ｲｼｶﾜ')).toBe('石川 ｲｼｶﾜ');
  });

  it('parses counts: digits, full-width digits, thousands separators; nothing negative or fractional', () => {
    expect(parseCount('１１８６')).toEqual({ ok: true, value: 1186 });
    expect(parseCount(' 1,234,567 ')).toEqual({ ok: true, value: 1234567 });
    expect(parseCount('0')).toEqual({ ok: true, value: 0 });
    for (const bad of ['-1', '1.0', '1e3', '12,34', ',123', '', 'x']) expect(parseCount(bad)).toEqual({ ok: false, tooLarge: false });
    expect(parseCount('2147483648')).toEqual({ ok: false, tooLarge: true });
    expect(parseCount('2147483647')).toEqual({ ok: true, value: 2147483647 });
  });

  it('parses decimals without exponent', () => {
    expect(parseDecimal('36.587925')).toBe(36.587925);
    expect(parseDecimal('+136')).toBe(136);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const bad of ['1e5', '', '36,5', 'NaN', 'Infinity', '1.2.3']) expect(parseDecimal(bad)).toBeUndefined();
  });

  it('parses calendar dates and tells a wrong format from a day that does not exist', () => {
    expect(parseCalendarDate('2026/3/27')).toEqual({ ok: true, date: '2026-03-27' });
    expect(parseCalendarDate('2000-02-29')).toEqual({ ok: true, date: '2000-02-29' });
    expect(parseCalendarDate('1900-02-29')).toEqual({ ok: false, notReal: true });
    expect(parseCalendarDate('2026-04-31')).toEqual({ ok: false, notReal: true });
    expect(parseCalendarDate('2026-00-10')).toEqual({ ok: false, notReal: true });
    expect(parseCalendarDate('26-03-27')).toEqual({ ok: false, notReal: false });
    expect(parseCalendarDate('2026/03-27')).toEqual({ ok: false, notReal: false });
  });

  it('finds control characters but allows tabs and line breaks', () => {
    expect(hasControlCharacter('a\tb\r\nc')).toBe(false);
    expect(['\u0000', '\u001f', '\u007f', '\u000b', '\u0080'].map(hasControlCharacter)).toEqual([true, true, true, true, true]);
  });

  it('trims text and makes empty text null', () => {
    expect(textOrNull('　 ')).toBeNull();
    expect(textOrNull(undefined)).toBeNull();
    expect(textOrNull(' 北 ')).toBe('北');
  });
});
