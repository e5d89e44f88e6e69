import { UNIT_PRICE_KINDS, type UnitPriceKind } from './contractor.ts';

/** What was done in the month, per priced kind (the monthly aggregate's totals and meter totals). */
export type InvoiceCounts = Record<UnitPriceKind, number>;

export interface InvoiceLine {
  kind: UnitPriceKind;
  count: number;
  unitPriceYen: number;
  amountYen: number;
}

export interface InvoiceFigures {
  lines: InvoiceLine[];
  subtotalYen: number;
  taxRatePercent: number;
  taxYen: number; // floor(subtotal × rate): fractions of a yen are cut off
  totalYen: number;
}

/** 開栓・閉栓・名変 are always billed; meter work only when it was done or has a price. */
const ALWAYS_BILLED: readonly UnitPriceKind[] = ['open', 'close', 'transfer'];

export type InvoiceOutcome = { ok: true; figures: InvoiceFigures } | { ok: false; missingPrices: UnitPriceKind[] };

/**
 * 請求書 figures: one line per kind (count × unit price), 小計, 消費税 rounded down to the yen, 合計.
 * A kind that must be billed and has no price makes the whole invoice refused, naming every such kind.
 */
export function computeInvoice(counts: InvoiceCounts, prices: Partial<Record<UnitPriceKind, number>>, taxRatePercent: number): InvoiceOutcome {
  const billed = UNIT_PRICE_KINDS.filter((k) => ALWAYS_BILLED.includes(k) || counts[k] > 0 || prices[k] !== undefined);
  const missingPrices = billed.filter((k) => prices[k] === undefined);
  if (missingPrices.length > 0) return { ok: false, missingPrices };
  const lines = billed.map((kind) => {
    const unitPriceYen = prices[kind]!;
    return { kind, count: counts[kind], unitPriceYen, amountYen: counts[kind] * unitPriceYen };
  });
  const subtotalYen = lines.reduce((sum, l) => sum + l.amountYen, 0);
  const taxYen = taxOf(subtotalYen, taxRatePercent);
  return { ok: true, figures: { lines, subtotalYen, taxRatePercent, taxYen, totalYen: subtotalYen + taxYen } };
}

/** floor(subtotal × percent / 100) in integers, so no floating-point rounding creeps in. */
export function taxOf(subtotalYen: number, taxRatePercent: number): number {
  if (!Number.isSafeInteger(subtotalYen) || subtotalYen < 0) throw new RangeError(`not a yen amount: ${subtotalYen}`);
  if (!Number.isInteger(taxRatePercent) || taxRatePercent < 0 || taxRatePercent > 100) throw new RangeError(`not a tax rate: ${taxRatePercent}`);
  return Math.floor((subtotalYen * taxRatePercent) / 100);
}
