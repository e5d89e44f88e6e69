import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice, taxOf, type InvoiceCounts } from '../../../../src/domain/reports/invoice.ts';
import { invoiceCountsOf } from '../../../../src/domain/reports/invoice-counts.ts';

const counts = (c: Partial<InvoiceCounts> = {}): InvoiceCounts => ({ open: 0, close: 0, transfer: 0, meterInstall: 0, meterReplace: 0, meterRemove: 0, ...c });
const PRICES = { open: 1200, close: 1100, transfer: 800 };

describe('computeInvoice', () => {
  it('bills count × unit price per kind, the tax rounded down to the yen, and the total', () => {
    const out = computeInvoice(counts({ open: 3, close: 2, transfer: 1, meterInstall: 1 }), { ...PRICES, meterInstall: 2555 }, 10);
    expect(out).toEqual({
      ok: true,
      figures: {
        lines: [
          { kind: 'open', count: 3, unitPriceYen: 1200, amountYen: 3600 },
          { kind: 'close', count: 2, unitPriceYen: 1100, amountYen: 2200 },
          { kind: 'transfer', count: 1, unitPriceYen: 800, amountYen: 800 },
          { kind: 'meterInstall', count: 1, unitPriceYen: 2555, amountYen: 2555 },
        ],
        subtotalYen: 9155,
        taxRatePercent: 10,
        taxYen: 915, // 915.5 cut down
        totalYen: 10070,
      },
    });
  });

  it('refuses, naming every kind without a price: 開栓・閉栓・名変 always, meter work only when it was done', () => {
    expect(computeInvoice(counts({ meterRemove: 2 }), { close: 1 }, 10)).toEqual({ ok: false, missingPrices: ['open', 'transfer', 'meterRemove'] });
    expect(computeInvoice(counts({ meterReplace: 0 }), PRICES, 10).ok).toBe(true);
  });

  it('keeps a priced meter line with no work at 0, so the bureau sees the price', () => {
    const out = computeInvoice(counts({ open: 1 }), { ...PRICES, meterReplace: 3000 }, 10);
    expect(out.ok && out.figures.lines.map((l) => [l.kind, l.amountYen])).toEqual([['open', 1200], ['close', 0], ['transfer', 0], ['meterReplace', 0]]);
  });

  it('total = subtotal + tax and tax = floor(subtotal × rate), for any counts, prices and rate', () => {
    const n = fc.integer({ min: 0, max: 5000 });
    const yen = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(fc.tuple(n, n, n, n, n, n), fc.tuple(yen, yen, yen, yen, yen, yen), fc.integer({ min: 0, max: 100 }), ([o, c, t, mi, mr, mx], [po, pc, pt, pmi, pmr, pmx], rate) => {
        const prices = { open: po, close: pc, transfer: pt, meterInstall: pmi, meterReplace: pmr, meterRemove: pmx };
        const out = computeInvoice(counts({ open: o, close: c, transfer: t, meterInstall: mi, meterReplace: mr, meterRemove: mx }), prices, rate);
        if (!out.ok) return false;
        const f = out.figures;
        const subtotal = o * po + c * pc + t * pt + mi * pmi + mr * pmr + mx * pmx;
        // The rate as an exact fraction: floor(subtotal × rate / 100) by BigInt division.
        const exactTax = Number((BigInt(subtotal) * BigInt(rate)) / 100n);
        return f.subtotalYen === subtotal && f.taxYen === exactTax && f.totalYen === f.subtotalYen + f.taxYen && f.taxYen <= f.subtotalYen;
      }),
    );
  });
});

describe('taxOf', () => {
  it('cuts fractions of a yen off and refuses what is not a yen amount or a rate', () => {
    expect(taxOf(999, 10)).toBe(99);
    expect(taxOf(1000, 8)).toBe(80);
    expect(taxOf(0, 10)).toBe(0);
    expect(() => taxOf(-1, 10)).toThrow(RangeError);
    expect(() => taxOf(1.5, 10)).toThrow(RangeError);
    expect(() => taxOf(100, 101)).toThrow(RangeError);
  });
});

describe('invoiceCountsOf', () => {
  it('reads the 月報 totals and the meter totals over every diameter', () => {
    const totals = { open: 5, close: 4, transfer: 3, subtotal: 12, other: 9, notDone: 7 };
    const meterTotals = { diameterMm: 0, install: 2, replace: 1, remove: 6, total: 9 };
    expect(invoiceCountsOf({ totals, meterTotals })).toEqual({ open: 5, close: 4, transfer: 3, meterInstall: 2, meterReplace: 1, meterRemove: 6 });
  });
});
