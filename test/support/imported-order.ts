import type { ImportedWorkOrder } from '../../src/domain/work-order/import-row.ts';

/** A valid imported work order (synthetic), fields overridable. */
export function importedOrder(fields: Partial<ImportedWorkOrder> = {}): ImportedWorkOrder {
  return {
    orderNo: 'A-1', kind: 'open', scheduledDate: '2026-03-27', customerNumber: '1', customerName: '試験 太郎',
    customerNameKana: 'ｼｹﾝ', address: '石川県金沢市寺町5丁目3-4', town: '寺町', mapSheet: '南', tapNumber: '1',
    meterNumber: 'M1', diameterMm: 20, previousReading: 10, previousUsage: 2, meterWork: null, phone: '090-0000-0000',
    remarks: null, latitude: 36.5, longitude: 136.6, extra: null, ...fields,
  };
}
