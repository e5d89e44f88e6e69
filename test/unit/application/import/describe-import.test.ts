import { describe, expect, it } from 'vitest';
import { describeConflict, describeIssue, describeRejectedRow } from '../../../../src/application/import/describe-import.ts';
import { KANAZAWA_MAPPING } from '../../../../src/adapters/csv/column-mapping.ts';
import { ROW_ISSUE_CODES } from '../../../../src/domain/work-order/import-row.ts';
import { importedOrder } from '../../../support/imported-order.ts';

const headers = KANAZAWA_MAPPING.columns;

describe('describe-import', () => {
  it('words every rule in Japanese', () => {
    for (const code of ROW_ISSUE_CODES) {
      const text = describeIssue({ code, field: 'previousUsage', value: 'x', params: { lines: '3', count: 2, expected: 18, mm: 50 } }, headers);
      expect(text).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(text).not.toMatch(/[{}]/);
    }
  });

  it('names columns as the file does and joins the reasons of one row', () => {
    const entry = describeRejectedRow(
      { line: 7, issues: [{ code: 'required', field: 'address' }, { code: 'countInvalid', field: 'previousUsage', value: '-3' }] },
      { ...headers, address: '所在地' },
    );
    expect(entry).toEqual({ line: 7, reason: '所在地 が空欄です。前回使用量「-3」は 0 以上の整数ではありません' });
  });

  it('says why a changed order was left alone', () => {
    const conflict = { line: 4, order: importedOrder({ orderNo: 'A-9' }), contentHash: 'h', reason: 'notOpen' as const, status: 'carried_over' };
    expect(describeConflict(conflict).reason).toBe('作業番号 A-9 は状態が「繰越」のため、変わった内容を反映していません (発注者に確認してください)');
  });
});
