import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { columnMappingFrom, importLabelsOf, KANAZAWA_MAPPING } from '../../../../src/adapters/csv/column-mapping.ts';
import { parseCsv } from '../../../../src/adapters/csv/csv-parser.ts';
import { mapColumns } from '../../../../src/adapters/csv/map-columns.ts';
import { loadColumnMapping, readWorkOrderFile } from '../../../../src/adapters/csv/work-order-file.ts';
import { ErrorCode } from '../../../../src/errors.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/import/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KANAZAWA_HEADER = Object.values(KANAZAWA_MAPPING.columns).join(',');

describe('mapColumns', () => {
  it('finds the columns by header in any order, headers trimmed, and keeps unknown columns as extra', () => {
    const headers = [...Object.values(KANAZAWA_MAPPING.columns)].reverse();
    const cells = headers.map((h) => (h === '作業番号' ? 'A-1' : h === '住所' ? '石川県金沢市寺町1丁目1-1' : ''));
    const header = headers.map((h) => (h === '作業番号' ? ' 作業番号　' : h)).join(',');
    const table = mapColumns(parseCsv(`担当,${header}\n北班,${cells.join(',')}\n`), KANAZAWA_MAPPING, 'f.csv');
    expect(table.rows[0]).toMatchObject({ line: 2, values: { orderNo: 'A-1', address: '石川県金沢市寺町1丁目1-1', kind: '' }, issues: [] });
    expect(table.rows[0]?.extra).toEqual({ 担当: '北班' });
    expect(table.headers.orderNo).toBe('作業番号');
  });

  it('names every missing column of the mapping', () => {
    const header = KANAZAWA_HEADER.replace('口径,', '').replace(',住所', '');
    expect(() => mapColumns(parseCsv(`${header}\n`), KANAZAWA_MAPPING, 'f.csv')).toThrow(
      expect.objectContaining({ code: ErrorCode.ColumnMissing, message: expect.stringMatching(/「住所」、「口径」/) }),
    );
  });

  it('refuses a mapped header that appears twice', () => {
    expect(() => mapColumns(parseCsv(`${KANAZAWA_HEADER},住所\n`), KANAZAWA_MAPPING, 'f.csv')).toThrow(/住所/);
  });

  it('flags a record whose cell count differs from the header and a broken record', () => {
    const table = mapColumns(parseCsv(`${KANAZAWA_HEADER},担当\n1,2\n"x\n`), KANAZAWA_MAPPING, 'f.csv');
    expect(table.rows.map((r) => r.issues)).toEqual([
      [{ code: 'cellCount', params: { count: 2, expected: 19 } }],
      [{ code: 'unclosedQuote' }],
    ]);
  });

  it('keeps non-empty unknown cells by header, unnamed and repeated headers made unique', () => {
    const empty = Object.values(KANAZAWA_MAPPING.columns).map(() => '');
    const table = mapColumns(parseCsv(`${KANAZAWA_HEADER},メモ,メモ,\n${empty.join(',')},a,b,c\n`), KANAZAWA_MAPPING, 'f.csv');
    expect(table.rows[0]?.extra).toEqual({ メモ: 'a', 'メモ (2)': 'b', '(列21)': 'c' });
  });
});

describe('column mapping files', () => {
  it('reads a YAML mapping of another layout with its own labels', () => {
    const mapping = loadColumnMapping(fixture('other-utility-mapping.yaml'));
    const file = readWorkOrderFile(fixture('other-utility.csv'), mapping);
    expect(file.rows.map((r) => r.values.orderNo)).toEqual(['K-0001', 'K-0002']);
    expect(file.rows[0]?.extra).toEqual({ 担当班: 'A班' });
    const labels = importLabelsOf(mapping);
    expect([labels.kindFromLabel('使用中止'), labels.kindFromLabel('開栓'), labels.meterWorkFromLabel('撤去')]).toEqual(['close', 'open', 'remove']);
  });

  it('reads the same mapping written as JSON', () => {
    const path = join(dir, 'mapping.json');
    writeFileSync(path, JSON.stringify({ columns: { orderNo: 'No', kind: '種別', scheduledDate: '日', address: '住所' } }));
    expect(loadColumnMapping(path)).toEqual({
      columns: { orderNo: 'No', kind: '種別', scheduledDate: '日', address: '住所' },
      kindLabels: {},
      meterWorkLabels: {},
    });
  });

  it('uses the Kanazawa layout when no file is given', () => {
    expect(loadColumnMapping(undefined)).toBe(KANAZAWA_MAPPING);
  });

  it('explains what is wrong with a mapping', () => {
    const bad = (doc: unknown) => () => columnMappingFrom(doc, 'm.yaml');
    expect(bad({ columns: { orderNo: 'No', kind: '種別' } })).toThrow(/scheduledDate, address/);
    expect(bad({ columns: { orderNo: 'No', kind: 'No', scheduledDate: '日', address: '住所' } })).toThrow(/No/);
    expect(bad({ columns: { orderNo: 'No', kind: '種別', scheduledDate: '日', address: '住所', colour: '色' } })).toThrow(/m\.yaml/);
    expect(bad({ columns: { orderNo: 'No', kind: '種別', scheduledDate: '日', address: '住所' }, kindLabels: { 開始: 'start' } })).toThrow(
      expect.objectContaining({ code: ErrorCode.ConfigInvalid }),
    );
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'columns: [unclosed');
    expect(() => loadColumnMapping(path)).toThrow(/broken\.yaml/);
    expect(() => loadColumnMapping(join(dir, 'none.yaml'))).toThrow(expect.objectContaining({ code: ErrorCode.FileUnreadable }));
  });
});
