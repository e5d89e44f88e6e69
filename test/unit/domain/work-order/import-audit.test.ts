import { describe, expect, it } from 'vitest';
import { CHANGED_MARKER, importAuditChange } from '../../../../src/domain/work-order/import-audit.ts';
import { importedOrder } from '../../../support/imported-order.ts';

describe('importAuditChange', () => {
  it('lists only the fields that changed, before and after', () => {
    const change = importAuditChange(importedOrder(), importedOrder({ remarks: '犬あり注意', diameterMm: 25 }));
    expect(change).toEqual({ before: { diameterMm: 20, remarks: null }, after: { diameterMm: 25, remarks: '犬あり注意' } });
  });

  it('never puts customer name, kana, phone or customer number into the audit trail', () => {
    const before = importedOrder({ customerName: '試験 太郎', customerNameKana: 'ｼｹﾝ', phone: '090-0000-0000', customerNumber: '111' });
    const after = importedOrder({ customerName: '試験 花子', customerNameKana: 'ｼｹﾝﾊﾅｺ', phone: '090-0000-9999', customerNumber: '222' });
    const change = importAuditChange(before, after);
    const text = JSON.stringify(change);
    for (const value of ['試験', 'ｼｹﾝ', '090-0000', '111', '222']) expect(text).not.toContain(value);
    expect(change.before).toEqual({ customerNumber: CHANGED_MARKER, customerName: CHANGED_MARKER, customerNameKana: CHANGED_MARKER, phone: CHANGED_MARKER });
    expect(change.after).toEqual(change.before);
  });

  it('puts a changed address in as a marker, its town as it is', () => {
    const change = importAuditChange(importedOrder({ address: '石川県金沢市広坂1丁目1-1', town: '広坂' }), importedOrder({ address: '石川県金沢市寺町2丁目2-2', town: '寺町' }));
    expect(change).toEqual({ before: { address: CHANGED_MARKER, town: '広坂' }, after: { address: CHANGED_MARKER, town: '寺町' } });
  });

  it('shows a personal value that appears or disappears as null on the empty side', () => {
    const change = importAuditChange(importedOrder({ phone: null }), importedOrder({ phone: '090-0000-1234' }));
    expect(change).toEqual({ before: { phone: null }, after: { phone: CHANGED_MARKER } });
  });

  it('compares unknown columns by header, not by their order', () => {
    expect(importAuditChange(importedOrder({ extra: { a: '1', b: '2' } }), importedOrder({ extra: { b: '2', a: '1' } }))).toEqual({ before: {}, after: {} });
    expect(importAuditChange(importedOrder({ extra: { a: '1' } }), importedOrder({ extra: { a: '2' } }))).toEqual({
      before: { extra: { a: '1' } },
      after: { extra: { a: '2' } },
    });
  });
});
