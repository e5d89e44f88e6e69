import { describe, expect, it } from 'vitest';
import { orderRefsText, promptCard } from '../../../../src/application/day-end/day-end-cards.ts';

describe('orderRefsText: open orders as a worker can type them back', () => {
  it('gives the short number, and the full number where two listed orders share it (a carried order and a new one)', () => {
    expect(orderRefsText(['20260327-0002', '20260327-0016'])).toBe('0002、0016');
    expect(orderRefsText(['20260326-0001', '20260327-0001', '20260327-0016'])).toBe('20260326-0001、20260327-0001、0016');
  });

  it('is what the 17:15 prompt card lists', () => {
    const card = promptCard({ date: '2026-03-27', label: '3月27日(金)', openOrderNos: ['20260326-0001', '20260327-0001'], confirmedAt: null });
    expect(JSON.stringify(card)).toContain('未完了の作業: 2 件 (20260326-0001、20260327-0001)');
  });
});
