import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../../../src/domain/work-order/import-row.ts';
import { validateRows } from '../../../../src/domain/work-order/validate-rows.ts';

function row(line: number, orderNo: string, kind = '開栓'): SourceRow {
  return { line, values: { orderNo, kind, scheduledDate: '2026-03-27', address: '石川県金沢市寺町5丁目3-4' }, extra: null, issues: [] };
}

describe('validateRows', () => {
  it('splits the rows into valid orders and rejected lines', () => {
    const result = validateRows([row(2, 'A-1'), row(3, 'A-2', '不明'), row(4, 'A-3')]);
    expect(result.valid.map((v) => [v.line, v.order.orderNo])).toEqual([[2, 'A-1'], [4, 'A-3']]);
    expect(result.rejected).toEqual([{ line: 3, issues: [{ code: 'kindUnknown', field: 'kind', value: '不明' }] }]);
  });

  it('rejects every row that shares a work order number, naming the other lines', () => {
    const result = validateRows([row(2, 'A-1'), row(3, 'A-2'), row(5, 'Ａ－１'), row(6, 'A-1', '不明')]);
    expect(result.valid.map((v) => v.line)).toEqual([3]);
    expect(result.rejected).toEqual([
      { line: 2, issues: [{ code: 'orderNoDuplicate', field: 'orderNo', value: 'A-1', params: { lines: '5, 6' } }] },
      { line: 5, issues: [{ code: 'orderNoDuplicate', field: 'orderNo', value: 'A-1', params: { lines: '2, 6' } }] },
      {
        line: 6,
        issues: [
          { code: 'orderNoDuplicate', field: 'orderNo', value: 'A-1', params: { lines: '2, 5' } },
          { code: 'kindUnknown', field: 'kind', value: '不明' },
        ],
      },
    ]);
  });

  it('does not count empty order numbers as duplicates', () => {
    const result = validateRows([row(2, ''), row(3, ' ')]);
    expect(result.rejected.map((r) => r.issues)).toEqual([[{ code: 'required', field: 'orderNo' }], [{ code: 'required', field: 'orderNo' }]]);
  });
});
