import { describe, expect, it } from 'vitest';
import { importedOrder } from '../../../support/imported-order.ts';
import { contentOf, type ExistingOrder, type IncomingOrder, planImport } from '../../../../src/domain/work-order/import-plan.ts';

const incoming = (line: number, orderNo: string, hash: string): IncomingOrder => ({ line, order: importedOrder({ orderNo }), contentHash: hash });
const existing = (id: number, orderNo: string, hash: string, status = 'open', hasResult = false): ExistingOrder => ({
  id, orderNo, contentHash: hash, status, hasResult,
});

describe('planImport', () => {
  it('inserts new orders, updates changed open ones and leaves equal ones', () => {
    const plan = planImport([incoming(2, 'A-1', 'h1'), incoming(3, 'A-2', 'h2'), incoming(4, 'A-3', 'new')], [
      existing(10, 'A-2', 'h2'),
      existing(11, 'A-3', 'old'),
      existing(12, 'A-9', 'x'),
    ]);
    expect(plan.inserts.map((i) => i.line)).toEqual([2]);
    expect(plan.unchanged.map((i) => i.line)).toEqual([3]);
    expect(plan.updates.map((u) => [u.line, u.id])).toEqual([[4, 11]]);
    expect(plan.conflicts).toEqual([]);
  });

  it('never updates an order with a result or that is no longer open: a conflict', () => {
    const plan = planImport([incoming(2, 'A-1', 'new'), incoming(3, 'A-2', 'new'), incoming(4, 'A-3', 'new')], [
      existing(1, 'A-1', 'old', 'open', true),
      existing(2, 'A-2', 'old', 'cancelled'),
      existing(3, 'A-3', 'old', 'done', true),
    ]);
    expect(plan.conflicts.map((c) => [c.line, c.reason, c.status])).toEqual([
      [2, 'hasResult', 'open'],
      [3, 'notOpen', 'cancelled'],
      [4, 'hasResult', 'done'],
    ]);
    expect(plan.updates).toEqual([]);
  });

  it('counts an unchanged order as unchanged whatever its state', () => {
    const plan = planImport([incoming(2, 'A-1', 'same')], [existing(1, 'A-1', 'same', 'done', true)]);
    expect(plan.unchanged.map((u) => u.line)).toEqual([2]);
    expect(plan.conflicts).toEqual([]);
  });
});

describe('contentOf', () => {
  it('changes with any imported field and with the unknown columns, not with their order or the town', () => {
    const base = contentOf(importedOrder({ extra: { a: '1', b: '2' } }));
    expect(contentOf(importedOrder({ extra: { b: '2', a: '1' } }))).toBe(base);
    expect(contentOf(importedOrder({ extra: { a: '1', b: '2' }, town: '別の町' }))).toBe(base);
    expect(contentOf(importedOrder({ extra: { a: '1', b: '3' } }))).not.toBe(base);
    expect(contentOf(importedOrder({ extra: null }))).not.toBe(base);
    expect(contentOf(importedOrder({ extra: { a: '1', b: '2' }, remarks: '犬' }))).not.toBe(base);
    expect(contentOf(importedOrder({ extra: { a: '1', b: '2' }, previousUsage: 0 }))).not.toBe(base);
    expect(contentOf(importedOrder({ extra: { a: '1', b: '2' }, previousUsage: null }))).not.toBe(base);
  });

  it('keeps empty and zero apart, and neighbouring fields apart', () => {
    expect(contentOf(importedOrder({ previousUsage: null }))).not.toBe(contentOf(importedOrder({ previousUsage: 0 })));
    const a = contentOf(importedOrder({ customerName: 'ab', customerNameKana: null }));
    const b = contentOf(importedOrder({ customerName: 'a', customerNameKana: 'b' }));
    expect(a).not.toBe(b);
  });
});
