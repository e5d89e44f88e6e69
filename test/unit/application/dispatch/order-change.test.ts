import { describe, expect, it } from 'vitest';
import { changeLines, classifyChange } from '../../../../src/application/dispatch/order-change.ts';
import { mergeByOrder } from '../../../../src/application/dispatch/order-watch.ts';
import type { ImportChange, WatchedOrder } from '../../../../src/application/dispatch/supervision-ports.ts';

const DAY = '2026-03-27';

function watched(fields: Partial<WatchedOrder> = {}): WatchedOrder {
  return {
    workOrderId: 1,
    orderNo: '20260327-0005',
    kind: 'close',
    meterWork: null,
    diameterMm: 20,
    address: '石川県金沢市広坂3丁目16-3',
    town: '広坂',
    status: 'open',
    scheduledDate: DAY,
    hasResult: false,
    assignment: { personId: 'w04', date: DAY, visitOrder: 5 },
    ...fields,
  };
}

function change(fields: Partial<ImportChange> = {}): ImportChange {
  return { orderNo: '20260327-0005', version: 'update:7', at: new Date('2026-03-27T01:00:00Z'), source: 'update', changed: { remarks: 'x' }, ...fields };
}

describe('classifyChange (what an import means for today)', () => {
  it('an update of an order assigned today is a change for its worker', () => {
    expect(classifyChange(change(), watched(), DAY)).toEqual({ kind: 'changed', personId: 'w04' });
  });

  it('an order assigned today that was cancelled or moved to another date leaves the day', () => {
    expect(classifyChange(change({ source: 'cancel' }), watched({ status: 'cancelled' }), DAY)).toEqual({ kind: 'removed', personId: 'w04', reason: 'cancelled', newDate: DAY });
    expect(classifyChange(change(), watched({ scheduledDate: '2026-03-28' }), DAY)).toEqual({ kind: 'removed', personId: 'w04', reason: 'moved', newDate: '2026-03-28' });
  });

  it('an open order of today that nobody holds is to be placed (new, or moved into today)', () => {
    expect(classifyChange(change({ source: 'insert', version: 'added' }), watched({ assignment: null }), DAY)).toEqual({ kind: 'added' });
    expect(classifyChange(change(), watched({ assignment: null }), DAY)).toEqual({ kind: 'added' });
  });

  it('leaves alone other days, finished orders, and orders with a result', () => {
    expect(classifyChange(change(), watched({ assignment: null, scheduledDate: '2026-03-28' }), DAY)).toEqual({ kind: 'ignored' });
    expect(classifyChange(change(), watched({ assignment: { personId: 'w04', date: '2026-03-26', visitOrder: 1 } }), DAY)).toEqual({ kind: 'ignored' });
    expect(classifyChange(change(), watched({ hasResult: true, status: 'done' }), DAY)).toEqual({ kind: 'ignored' });
    expect(classifyChange(change({ source: 'insert' }), watched(), DAY)).toEqual({ kind: 'ignored' });
  });
});

describe('changeLines (what the assignee is told)', () => {
  it('names each changed field with its new value, in a fixed order', () => {
    const lines = changeLines({ remarks: '午後から在宅', diameterMm: 25, kind: 'open', meterWork: 'replace', scheduledDate: DAY, previousReading: null }, true);
    expect(lines).toEqual(['・作業予定日: 3月27日(金)', '・作業種別: 開栓', '・メーター作業: 取替', '・口径: φ25', '・前回指針: (なし)', '・備考: 午後から在宅']);
  });

  it('never shows a personal value, positions or unknown columns; the address only when allowed', () => {
    const changed = { customerName: '(changed)', phone: '(changed)', latitude: 36.5, longitude: 136.6, extra: { 列: '値' }, address: '石川県金沢市広坂2丁目1-1', town: '広坂' };
    expect(changeLines(changed, true)).toEqual([
      '・住所: 石川県金沢市広坂2丁目1-1',
      '・その他の列 が変わりました',
      '・位置 (緯度・経度) が変わりました',
      '・お客さま情報が変わりました (チャットには表示しません。端末で確認してください)',
    ]);
    expect(changeLines(changed, false)[0]).toBe('・住所 が変わりました');
  });
});

describe('mergeByOrder', () => {
  it('makes one change of several updates (fields merged, the latest claimed) and keeps an addition apart', () => {
    const merged = mergeByOrder([
      change({ version: 'update:3', changed: { remarks: 'a', diameterMm: 20 } }),
      change({ orderNo: '20260327-0041', source: 'insert', version: 'added', changed: {} }),
      change({ version: 'update:9', at: new Date('2026-03-27T02:00:00Z'), changed: { remarks: 'b' } }),
      change({ orderNo: '20260327-0041', version: 'update:10', changed: { remarks: 'c' } }),
    ]);
    expect(merged).toEqual([
      change({ version: 'update:9', at: new Date('2026-03-27T02:00:00Z'), changed: { remarks: 'b', diameterMm: 20 } }),
      change({ orderNo: '20260327-0041', source: 'insert', version: 'added', changed: {} }),
      change({ orderNo: '20260327-0041', version: 'update:10', changed: { remarks: 'c' } }),
    ]);
  });
});
