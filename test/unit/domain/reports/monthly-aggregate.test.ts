import { describe, expect, it } from 'vitest';
import { tokyoInstant } from '../../../../src/domain/calendar/local-time.ts';
import { SPEC_CALENDAR, WorkCalendar } from '../../../../src/domain/calendar/work-calendar.ts';
import { aggregateMonthly } from '../../../../src/domain/reports/monthly-aggregate.ts';
import type { MonthlyRows, ResultRow } from '../../../../src/domain/reports/monthly-rows.ts';

const calendar = new WorkCalendar(SPEC_CALENDAR);
const options = { isBusinessTime: (at: Date) => calendar.isBusinessTime(at) };

function result(orderNo: string, kind: ResultRow['kind'], outcome: ResultRow['outcome'], date: string, time = '10:00'): ResultRow {
  return { orderNo, kind, town: '諸江町', outcome, recordedAt: tokyoInstant(date, time), notDoneReason: null, afterHours: false, flags: [] };
}

function rows(partial: Partial<MonthlyRows>): MonthlyRows {
  return { results: [], meterMovements: [], doubts: [], incidents: [], complaints: [], parkingFees: [], consumables: [], ...partial };
}

describe('monthly aggregate', () => {
  it('counts done and absent results per day and kind; その他 apart; not_done listed, not processed', () => {
    const f = aggregateMonthly(
      '2026-03',
      rows({
        results: [
          result('A1', 'open', 'done', '2026-03-02'),
          result('A2', 'open', 'absent', '2026-03-02'),
          result('A3', 'close', 'done', '2026-03-02'),
          result('A4', 'transfer', 'done', '2026-03-31'),
          result('A5', 'other', 'done', '2026-03-05'),
          { ...result('A6', 'close', 'not_done', '2026-03-05'), notDoneReason: '門扉施錠' },
        ],
      }),
      options,
    );
    expect(f.totals).toEqual({ open: 2, close: 1, transfer: 1, subtotal: 4, other: 1, notDone: 1 });
    expect(f.days).toHaveLength(31);
    expect(f.days[1]).toMatchObject({ date: '2026-03-02', weekday: '月', open: 2, close: 1, subtotal: 3 });
    expect(f.notDoneOrders).toEqual([{ orderNo: 'A6', date: '2026-03-05', kind: 'close', town: '諸江町', reason: '門扉施錠' }]);
    expect(f.hasData).toBe(true);
  });

  it('places a result by its Tokyo calendar day, not the UTC one', () => {
    const f = aggregateMonthly(
      '2026-03',
      rows({
        results: [
          result('B1', 'open', 'done', '2026-03-01', '00:10'), // 2026-02-28T15:10Z
          result('B2', 'open', 'done', '2026-04-01', '00:10'), // 2026-03-31T15:10Z: April
          result('B3', 'open', 'done', '2026-02-28', '23:50'), // February
        ],
      }),
      options,
    );
    expect(f.totals.open).toBe(1);
    expect(f.days[0]!.open).toBe(1);
  });

  it('counts meters by diameter and kind, flags, cases with times, fees and consumables', () => {
    const f = aggregateMonthly(
      '2026-03',
      rows({
        results: [{ ...result('C1', 'close', 'done', '2026-03-03'), flags: ['readingLowerThanPrevious', 'leakSuspected'] }],
        meterMovements: [
          { date: '2026-03-03', kind: 'install', diameterMm: 13 },
          { date: '2026-03-04', kind: 'install', diameterMm: 13 },
          { date: '2026-03-04', kind: 'remove', diameterMm: 40 },
          { date: '2026-04-01', kind: 'remove', diameterMm: 40 },
        ],
        doubts: [{ raisedAt: tokyoInstant('2026-03-03', '10:05'), orderNo: 'C1', text: '指針が前回より小さい', state: 'resolved', resolvedAt: tokyoInstant('2026-03-03', '10:40') }],
        complaints: [
          { receivedAt: tokyoInstant('2026-03-03', '19:30'), kind: 'noWater', description: '水が出ない', state: 'resolved', acknowledgedAt: tokyoInstant('2026-03-03', '19:34'), resolvedAt: tokyoInstant('2026-03-03', '20:30'), pageCount: 2 },
          { receivedAt: tokyoInstant('2026-03-04', '11:00'), kind: 'other', description: '問合せ', state: 'open', acknowledgedAt: null, resolvedAt: null, pageCount: 0 },
        ],
        parkingFees: [{ date: '2026-03-03', amountYen: 300 }, { date: '2026-03-09', amountYen: 200 }, { date: '2026-02-28', amountYen: 999 }],
        consumables: [{ date: '2026-03-03', item: 'valvePin', quantity: 2 }, { date: '2026-03-04', item: 'valvePin', quantity: 1 }],
      }),
      options,
    );
    expect(f.meters.find((m) => m.diameterMm === 13)).toEqual({ diameterMm: 13, install: 2, replace: 0, remove: 0, total: 2 });
    expect(f.meterTotals).toMatchObject({ install: 2, remove: 1, total: 3 });
    expect(f.flagCounts).toMatchObject({ readingLowerThanPrevious: 1, leakSuspected: 1, improperUse: 0 });
    expect(f.flaggedOrders[0]).toMatchObject({ orderNo: 'C1', flags: ['readingLowerThanPrevious', 'leakSuspected'] });
    expect(f.doubts.items[0]).toMatchObject({ at: '2026-03-03 10:05', closedAt: '2026-03-03 10:40' });
    expect(f.complaints).toMatchObject({ count: 2, afterHours: 1, unresolved: 1 });
    expect(f.complaints.items[0]).toMatchObject({ at: '2026-03-03 19:30', afterHours: true, pageCount: 2 });
    expect(f.parking).toEqual({ count: 2, totalYen: 500 });
    expect(f.consumables).toEqual([
      { item: 'valvePin', quantity: 3 },
      { item: 'copperWire', quantity: 0 },
      { item: 'seal', quantity: 0 },
    ]);
  });

  it('says a month without rows has no data, with every day at zero', () => {
    const f = aggregateMonthly('2026-02', rows({}), options);
    expect(f.hasData).toBe(false);
    expect(f.days).toHaveLength(28);
    expect(f.totals.subtotal).toBe(0);
    expect(f.meters.map((m) => m.diameterMm)).toEqual([13, 20, 25, 30, 40]);
  });
});
