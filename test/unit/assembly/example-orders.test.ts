import { describe, expect, it } from 'vitest';
import { KANAZAWA_MAPPING } from '../../../src/adapters/csv/column-mapping.ts';
import { parseCsv } from '../../../src/adapters/csv/csv-parser.ts';
import { moveRecordsToDate } from '../../../src/assembly/examples/example-orders.ts';

const csv = [
  '作業番号,作業種別,作業予定日,住所,備考',
  '20260327-0001,開栓,2026-03-27,石川県金沢市諸江町2丁目2-3,2026-03-27 に電話',
  '20260327-0002,閉栓,2026-03-27,石川県金沢市鞍月5丁目28-5,',
  'X-9,閉栓,2026-03-28,石川県金沢市寺町2丁目16-18,',
].join('\n');

describe('moveRecordsToDate', () => {
  it('moves 作業予定日 and the date part of 作業番号, and touches no other cell', () => {
    const moved = moveRecordsToDate(parseCsv(csv), KANAZAWA_MAPPING, '2026-11-25');
    expect(moved.map((r) => r.cells)).toEqual([
      ['作業番号', '作業種別', '作業予定日', '住所', '備考'],
      ['20261125-0001', '開栓', '2026-11-25', '石川県金沢市諸江町2丁目2-3', '2026-03-27 に電話'],
      ['20261125-0002', '閉栓', '2026-11-25', '石川県金沢市鞍月5丁目28-5', ''],
      ['X-9', '閉栓', '2026-11-26', '石川県金沢市寺町2丁目16-18', ''],
    ]);
  });

  it('keeps line numbers and leaves a file without the date column as it is', () => {
    const records = parseCsv(csv);
    expect(moveRecordsToDate(records, KANAZAWA_MAPPING, '2026-11-25').map((r) => r.line)).toEqual(records.map((r) => r.line));
    const other = parseCsv('番号,日付\n1,2026-03-27');
    expect(moveRecordsToDate(other, KANAZAWA_MAPPING, '2026-11-25')).toEqual(other);
  });
});
