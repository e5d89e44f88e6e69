import { isIsoDate } from '../calendar/local-time.ts';

/**
 * Cell values as people type them in a Japanese spreadsheet: full-width digits and letters
 * (１１８６, Ｍ６６), the ideographic space, minus signs of several kinds, thousands separators.
 */

const WIDE = /[\uFF01-\uFF5E\u3000\u2212]/;
const WIDE_ALL = /[\uFF01-\uFF5E\u3000\u2212]/g;

/** Full-width ASCII (！ to ～) and the ideographic space become their half-width forms. */
export function toHalfWidthAscii(text: string): string {
  if (!WIDE.test(text)) return text; // the common case: nothing to convert
  return text.replace(WIDE_ALL, (c) => {
    if (c === '\u3000') return ' ';
    if (c === '\u2212') return '-'; // MINUS SIGN, common in pasted numbers
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** The largest count the database column holds (Prisma Int is a signed 32-bit integer). */
export const MAX_COUNT = 2_147_483_647;

export type ParsedCount = { ok: true; value: number } | { ok: false; tooLarge: boolean };

/** A non-negative integer: 1186, １１８６ or 1,186. */
export function parseCount(raw: string): ParsedCount {
  const text = toHalfWidthAscii(raw).trim();
  if (!/^\d+$/.test(text) && !/^\d{1,3}(,\d{3})+$/.test(text)) return { ok: false, tooLarge: false };
  const value = Number(text.replaceAll(',', ''));
  if (value > MAX_COUNT) return { ok: false, tooLarge: true };
  return { ok: true, value };
}

/** A decimal number such as 36.587925 or -12.5 (no exponent, no thousands separator). */
export function parseDecimal(raw: string): number | undefined {
  const text = toHalfWidthAscii(raw).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

export type ParsedDate = { ok: true; date: string } | { ok: false; notReal: boolean };

/**
 * A calendar date written YYYY-MM-DD or YYYY/MM/DD (month and day may have one digit, as
 * spreadsheets write 2026/3/27); returned as YYYY-MM-DD. 2026-02-30 is not a real date.
 */
export function parseCalendarDate(raw: string): ParsedDate {
  let parsed = dateCache.get(raw);
  if (parsed) return parsed;
  const m = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/.exec(toHalfWidthAscii(raw).trim());
  const date = m ? `${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}` : '';
  parsed = !m ? { ok: false, notReal: false } : isIsoDate(date) ? { ok: true, date } : { ok: false, notReal: true };
  if (dateCache.size >= DATE_CACHE_SIZE) dateCache.clear();
  dateCache.set(raw, parsed);
  return parsed;
}

/** A file holds a few distinct dates over thousands of rows: each is parsed once. */
const DATE_CACHE_SIZE = 1_000;
const dateCache = new Map<string, ParsedDate>();

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Control characters other than tab and line breaks (line breaks are legal in quoted cells). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/** Trimmed text, or null when nothing is left. */
export function textOrNull(raw: string | undefined): string | null {
  const text = raw?.trim() ?? '';
  return text === '' ? null : text;
}
