import { eraYearOf, formatEraMonth, isMonth, nextMonth } from './japanese-era.ts';
import type { KindCounts } from './monthly-aggregate.ts';

/**
 * 別表1 as a year: twelve months × 開栓 / 閉栓 / 名変 / 合計. Each month's figures are the monthly report's
 * (aggregateMonthly's totals), so the two documents can never disagree.
 */
export interface AnnualRow {
  month: string; // YYYY-MM
  label: string; // 令和7年3月
  open: number;
  close: number;
  transfer: number;
  total: number; // open + close + transfer
}

export type AnnualTotals = Omit<AnnualRow, 'month' | 'label'>;

export const MONTHS_IN_TABLE = 12;
/** Years the 和暦 labels can name (平成 starts in 1989); outside them the request is a typo. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2200;

/** A fiscal year (年度) starts in April: 2025 → 2025-04 … 2026-03. */
export function fiscalYearStart(year: number): string {
  return `${year}-04`;
}

export function isTableYear(text: string): boolean {
  if (!/^\d{4}$/.test(text)) return false;
  const year = Number(text);
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

export function isTableMonth(text: string): boolean {
  return isMonth(text) && isTableYear(text.slice(0, 4));
}

/** The twelve months from `first`, in order. */
export function tableMonths(first: string): string[] {
  const months = [first];
  while (months.length < MONTHS_IN_TABLE) months.push(nextMonth(months[months.length - 1]!));
  return months;
}

/** 2025 → 令和7年度 (named by the era of its first day, 1 April). */
export function formatFiscalYear(year: number): string {
  const { era, year: n } = eraYearOf(`${year}-04-01`);
  return `${era}${n === 1 ? '元' : String(n)}年度`;
}

export function annualRow(month: string, counts: Pick<KindCounts, 'open' | 'close' | 'transfer' | 'subtotal'>): AnnualRow {
  return { month, label: formatEraMonth(month), open: counts.open, close: counts.close, transfer: counts.transfer, total: counts.subtotal };
}

export function annualTotals(rows: readonly AnnualRow[]): AnnualTotals {
  const sum = (pick: (r: AnnualRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return { open: sum((r) => r.open), close: sum((r) => r.close), transfer: sum((r) => r.transfer), total: sum((r) => r.total) };
}
