import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_LOW_STOCK, isLow, lowStockChanges, lowStockThresholds, stockKeyId, stockOnHand } from '../../../../src/domain/consumables/stock.ts';
import { consumablesOfMonth, type KindedUse } from '../../../../src/domain/reports/consumables-month.ts';
import type { StockMovement } from '../../../../src/domain/consumables/stock.ts';

const pin = (quantity: number, date = '2026-04-01'): StockMovement => ({ item: 'valvePin', diameterMm: 0, quantity, date });

describe('stock on hand', () => {
  it('is supplied minus used, every consumable listed, meters by bore', () => {
    const stock = stockOnHand([pin(100), { item: 'meter', diameterMm: 13, quantity: 10 }], [pin(3), { item: 'meter', diameterMm: 13, quantity: 2 }, { item: 'copperWire', diameterMm: 0, quantity: 2 }]);
    expect(stock.map((l) => [stockKeyId(l), l.onHand])).toEqual([['valvePin', 97], ['copperWire', -2], ['seal', 0], ['meter:13', 8]]);
  });

  it('changes the low state once per crossing', () => {
    const stock = stockOnHand([pin(25)], [pin(6)]);
    const first = lowStockChanges(stock, DEFAULT_LOW_STOCK, new Map());
    expect(first.map((c) => [stockKeyId(c.line), c.low])).toEqual([['valvePin', true], ['copperWire', true], ['seal', true]]);
    const kept = new Map(first.map((c) => [stockKeyId(c.line), c.low]));
    expect(lowStockChanges(stockOnHand([pin(25)], [pin(7)]), DEFAULT_LOW_STOCK, kept)).toEqual([]);
    const refilled = lowStockChanges(stockOnHand([pin(25), pin(100)], [pin(7)]), DEFAULT_LOW_STOCK, kept);
    expect(refilled.map((c) => [stockKeyId(c.line), c.low])).toEqual([['valvePin', false]]);
  });
});

const movement = fc.record({
  item: fc.constantFrom('valvePin' as const, 'copperWire' as const, 'seal' as const, 'meter' as const),
  diameterMm: fc.constantFrom(13, 20),
  quantity: fc.integer({ min: 1, max: 50 }),
  date: fc.constantFrom('2026-03-31', '2026-04-01', '2026-04-30', '2026-05-15', '2026-06-01'),
}).map((m) => ({ ...m, diameterMm: m.item === 'meter' ? m.diameterMm : 0 }));
const use = fc.tuple(movement, fc.constantFrom('open' as const, 'close' as const, 'transfer' as const, 'other' as const)).map(([m, kind]): KindedUse => ({ ...m, kind }));

describe('consumablesOfMonth', () => {
  it('on hand = carried + supplied − used, and a month carries what the month before had on hand', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 30 }), fc.array(use, { maxLength: 30 }), (supplied, used) => {
        const april = consumablesOfMonth('2026-04', supplied, used);
        const may = consumablesOfMonth('2026-05', supplied, used);
        for (const row of april) {
          expect(row.onHand).toBe(row.carried + row.supplied - row.usedTotal);
          expect(row.usedTotal).toBe(row.used.open + row.used.close + row.used.transfer + row.used.other);
          const next = may.find((r) => stockKeyId(r) === stockKeyId(row));
          expect(next?.carried).toBe(row.onHand);
        }
        const total = stockOnHand(supplied.filter((s) => s.date < '2026-05'), used.filter((u) => u.date < '2026-05'));
        for (const line of total) expect(april.find((r) => stockKeyId(r) === stockKeyId(line))?.onHand).toBe(line.onHand);
      }),
    );
  });

  it('splits the month’s uses by kind of work and leaves later months out', () => {
    const rows = consumablesOfMonth('2026-04', [pin(100, '2026-03-20'), pin(50, '2026-04-02')], [
      { ...pin(2, '2026-03-25'), kind: 'close' },
      { ...pin(3, '2026-04-10'), kind: 'close' },
      { ...pin(1, '2026-04-11'), kind: 'open' },
      { ...pin(9, '2026-05-01'), kind: 'close' },
    ]);
    expect(rows[0]).toMatchObject({ item: 'valvePin', carried: 98, supplied: 50, used: { open: 1, close: 3, transfer: 0, other: 0 }, usedTotal: 4, onHand: 144 });
    expect(rows.map((r) => r.item)).toEqual(['valvePin', 'copperWire', 'seal']);
  });
});

describe('low-stock thresholds from the staff file', () => {
  it('are the defaults without a setting; a key set replaces its default, 0 removes it, meters only when set', () => {
    expect(lowStockThresholds(null)).toEqual(DEFAULT_LOW_STOCK);
    const set = lowStockThresholds({ consumables: { copperWire: 3, seal: 0 }, meters: { 13: 5, 20: 0 } });
    expect(set).toEqual({ consumables: { valvePin: 20, copperWire: 3 }, meters: { 13: 5 } });
    const wire = (onHand: number) => ({ item: 'copperWire' as const, diameterMm: 0, onHand });
    expect([isLow(wire(2), set), isLow(wire(3), set), isLow(wire(9), set)]).toEqual([true, false, false]);
    expect(isLow({ item: 'seal', diameterMm: 0, onHand: -4 }, set)).toBe(false);
    expect(isLow({ item: 'meter', diameterMm: 13, onHand: 4 }, set)).toBe(true);
  });
});
