import { describe, expect, it } from 'vitest';
import type { ImportField, RowIssue, SourceRow } from '../../../../src/domain/work-order/import-row.ts';
import { validateRow } from '../../../../src/domain/work-order/validate-row.ts';

/** A good row of the Kanazawa layout (first order of the sample day), overridable per field. */
function row(values: Partial<Record<ImportField, string>> = {}, extra: Record<string, string> | null = null): SourceRow {
  return {
    line: 2,
    values: {
      orderNo: '20260327-0001', kind: '開栓', scheduledDate: '2026-03-27', customerNumber: '3503055453',
      customerName: '試験 太郎', customerNameKana: 'ｼｹﾝ', address: '石川県金沢市諸江町2丁目2-3', mapSheet: '北',
      tapNumber: '554710', meterNumber: 'M66126116', diameterMm: '20', previousReading: '1186', previousUsage: '52',
      meterWork: '', phone: '090-0000-1144', remarks: '犬あり注意', latitude: '36.587925', longitude: '136.646408',
      ...values,
    },
    extra,
    issues: [],
  };
}

function issuesOf(values: Partial<Record<ImportField, string>>): RowIssue[] {
  const result = validateRow(row(values));
  if (result.ok) throw new Error(`expected the row to be rejected: ${JSON.stringify(values)}`);
  return result.issues;
}

function orderOf(values: Partial<Record<ImportField, string>>) {
  const result = validateRow(row(values));
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.issues)}`);
  return result.order;
}

describe('validateRow', () => {
  it('turns a good row into a normalised order, town from the address', () => {
    const order = orderOf({});
    expect(order).toMatchObject({
      orderNo: '20260327-0001', kind: 'open', scheduledDate: '2026-03-27', town: '諸江町', diameterMm: 20,
      previousReading: 1186, previousUsage: 52, meterWork: null, latitude: 36.587925, longitude: 136.646408, extra: null,
    });
  });

  it('requires the order number, the kind, the date and the address', () => {
    for (const field of ['orderNo', 'kind', 'scheduledDate', 'address'] as const) {
      expect(issuesOf({ [field]: '  ' })).toEqual([{ code: 'required', field }]);
    }
  });

  it('accepts the four kinds and rejects any other label', () => {
    expect(['開栓', '閉栓', '名変', 'その他'].map((kind) => orderOf({ kind }).kind)).toEqual(['open', 'close', 'transfer', 'other']);
    expect(issuesOf({ kind: '開通' })).toEqual([{ code: 'kindUnknown', field: 'kind', value: '開通' }]);
  });

  it('reads YYYY-MM-DD and YYYY/M/D dates and rejects dates that do not exist', () => {
    expect(orderOf({ scheduledDate: '2026/3/7' }).scheduledDate).toBe('2026-03-07');
    expect(orderOf({ scheduledDate: '２０２６－０３－２７' }).scheduledDate).toBe('2026-03-27');
    expect(orderOf({ scheduledDate: '2028-02-29' }).scheduledDate).toBe('2028-02-29');
    expect(issuesOf({ scheduledDate: '2026-02-29' })).toEqual([{ code: 'dateNotReal', field: 'scheduledDate', value: '2026-02-29' }]);
    expect(issuesOf({ scheduledDate: '2026-13-01' })[0]?.code).toBe('dateNotReal');
    expect(issuesOf({ scheduledDate: '2026-03/27' })[0]?.code).toBe('dateInvalid');
    expect(issuesOf({ scheduledDate: '令和8年3月27日' })[0]?.code).toBe('dateInvalid');
  });

  it('accepts the contract diameters φ13 to φ40, written 20, φ20 or 20mm', () => {
    expect(['13', 'φ20', '25mm', '３０', '40'].map((d) => orderOf({ diameterMm: d }).diameterMm)).toEqual([13, 20, 25, 30, 40]);
    expect(orderOf({ diameterMm: '' }).diameterMm).toBeNull();
  });

  it('says that a diameter above φ40 is outside the contract, and rejects sizes that do not exist', () => {
    expect(issuesOf({ diameterMm: '50' })).toEqual([{ code: 'diameterOutsideContract', field: 'diameterMm', value: '50', params: { mm: 50 } }]);
    expect(issuesOf({ diameterMm: '15' })).toEqual([{ code: 'diameterInvalid', field: 'diameterMm', value: '15' }]);
    expect(issuesOf({ diameterMm: '大' })[0]?.code).toBe('diameterInvalid');
  });

  it('needs a diameter when there is meter work', () => {
    expect(issuesOf({ meterWork: '取替', diameterMm: '' })).toEqual([{ code: 'diameterRequired', field: 'diameterMm', value: '取替' }]);
  });

  it('reads readings and usage as non-negative integers, full-width digits and separators included', () => {
    expect(orderOf({ previousReading: '１１８６', previousUsage: '0' })).toMatchObject({ previousReading: 1186, previousUsage: 0 });
    expect(orderOf({ previousReading: '12,345', previousUsage: '' })).toMatchObject({ previousReading: 12345, previousUsage: null });
    expect(issuesOf({ previousReading: '-1' })).toEqual([{ code: 'countInvalid', field: 'previousReading', value: '-1' }]);
    expect(issuesOf({ previousUsage: '1.5' })).toEqual([{ code: 'countInvalid', field: 'previousUsage', value: '1.5' }]);
    expect(issuesOf({ previousUsage: '1,23' })[0]?.code).toBe('countInvalid');
    expect(issuesOf({ previousReading: '99999999999' })[0]?.code).toBe('countTooLarge');
  });

  it('takes coordinates as optional, both or neither, within range', () => {
    expect(orderOf({ latitude: '', longitude: '' })).toMatchObject({ latitude: null, longitude: null });
    expect(orderOf({ latitude: '－３６．５', longitude: '136' })).toMatchObject({ latitude: -36.5, longitude: 136 });
    expect(issuesOf({ longitude: '' })).toEqual([{ code: 'coordinatePair', field: 'longitude' }]);
    expect(issuesOf({ latitude: '' })).toEqual([{ code: 'coordinatePair', field: 'latitude' }]);
    expect(issuesOf({ latitude: '90.5' })).toEqual([{ code: 'latitudeRange', field: 'latitude', value: '90.5' }]);
    expect(issuesOf({ longitude: '-180.01' })).toEqual([{ code: 'longitudeRange', field: 'longitude', value: '-180.01' }]);
    expect(issuesOf({ latitude: '北緯36' })).toEqual([{ code: 'coordinateInvalid', field: 'latitude', value: '北緯36' }]);
    expect(orderOf({ latitude: '-90', longitude: '180' })).toMatchObject({ latitude: -90, longitude: 180 });
  });

  it('accepts 取付, 取替, 引上 or nothing as meter work', () => {
    expect(['取付', '取替', '引上', ''].map((w) => orderOf({ meterWork: w }).meterWork)).toEqual(['install', 'replace', 'remove', null]);
    expect(issuesOf({ meterWork: '交換' })).toEqual([{ code: 'meterWorkUnknown', field: 'meterWork', value: '交換' }]);
  });

  it('keeps codes half-width and text as written, empty cells as null', () => {
    const order = orderOf({ orderNo: '２０２６０３２７－０００１', phone: '０９０－００００－１１４４', customerName: '　髙橋　美咲　', remarks: '' });
    expect(order).toMatchObject({ orderNo: '20260327-0001', phone: '090-0000-1144', customerName: '髙橋　美咲', remarks: null });
  });

  it('reports every broken rule of a row at once', () => {
    expect(issuesOf({ kind: '?', diameterMm: '75', previousUsage: 'x' }).map((i) => i.code)).toEqual([
      'kindUnknown', 'diameterOutsideContract', 'countInvalid',
    ]);
  });

  it('rejects control characters in any cell, unknown columns included', () => {
    expect(issuesOf({ remarks: 'a\u0007b' })).toEqual([{ code: 'controlCharacter', field: 'remarks' }]);
    const result = validateRow(row({}, { 備考2: 'x\u0000' }));
    expect(result.ok ? [] : result.issues).toEqual([{ code: 'controlCharacter', params: { column: '備考2' } }]);
    expect(orderOf({ remarks: '1行目\n2行目\tタブ' }).remarks).toBe('1行目\n2行目\tタブ');
  });

  it('keeps unknown columns and passes on problems found while reading the record', () => {
    const withExtra = validateRow(row({}, { 担当: '北' }));
    expect(withExtra.ok && withExtra.order.extra).toEqual({ 担当: '北' });
    const broken = validateRow({ ...row(), issues: [{ code: 'unclosedQuote' }] });
    expect(broken).toEqual({ ok: false, issues: [{ code: 'unclosedQuote' }] });
  });

  it('uses the labels it is given for another utility', () => {
    const labels = { kindFromLabel: (l: string) => (l === '使用開始' ? ('open' as const) : undefined), meterWorkFromLabel: () => undefined };
    const result = validateRow(row({ kind: '使用開始' }), labels);
    expect(result.ok && result.order.kind).toBe('open');
  });
});
