import { describe, expect, it } from 'vitest';
import { tokyoInstant } from '../../../../src/domain/calendar/local-time.ts';
import { aggregateDaily, dayEndWorkers, dayOutcomeOf, openOrdersOf } from '../../../../src/domain/reports/daily-aggregate.ts';
import { emptyDailyRows, type DailyOrderRow, type DailyRows } from '../../../../src/domain/reports/daily-rows.ts';

const DAY = '2026-03-27';
const at = (time: string, date = DAY) => tokyoInstant(date, time);

function order(n: string, over: Partial<DailyOrderRow> = {}): DailyOrderRow {
  return { orderNo: `20260327-${n}`, kind: 'open', town: '片町', status: 'open', scheduledDate: DAY, assigneeId: 'w02', result: null, ...over };
}

function result(outcome: 'done' | 'absent' | 'not_done', by = 'w02', time = '11:00', date = DAY) {
  return { personId: by, outcome, notDoneReason: outcome === 'not_done' ? '鍵がかかっていて入れない' : null, recordedAt: at(time, date), afterHours: false, flags: [] };
}

function rows(over: Partial<DailyRows> = {}): DailyRows {
  return { ...emptyDailyRows(), onDuty: ['w01', 'w02', 'w03'], supervisors: ['w01'], ...over };
}

describe('dayOutcomeOf', () => {
  it('takes the outcome of a result recorded on or before the day, and calls one recorded later carried over', () => {
    expect(dayOutcomeOf(order('0001', { status: 'done', result: result('done') }), DAY)).toBe('done');
    expect(dayOutcomeOf(order('0002', { status: 'absent', result: result('absent') }), DAY)).toBe('absent');
    expect(dayOutcomeOf(order('0003', { status: 'done', scheduledDate: '2026-03-28', result: result('done', 'w02', '10:00', '2026-03-28') }), DAY)).toBe('carriedOver');

  });

  it('leaves out a result recorded before the day: done in overtime on the day it was carried from, it counts there', () => {
    const doneInOvertime = order('0008', { status: 'done', scheduledDate: '2026-03-28', assigneeId: null, result: result('done', 'w02', '18:10') });
    expect(dayOutcomeOf(doneInOvertime, '2026-03-28')).toBe('doneEarlier');
    expect(dayOutcomeOf(doneInOvertime, DAY)).toBe('done');
    const next = aggregateDaily('2026-03-28', rows({ orders: [doneInOvertime, order('0009', { status: 'carried_over', scheduledDate: '2026-03-28' })] }));
    expect(next.totals).toMatchObject({ orders: 1, done: 0, open: 1, carriedOver: 0 });
  });

  it('calls an order moved past the day carried over, one still on or before it open, and drops cancelled ones', () => {
    expect(dayOutcomeOf(order('0004', { status: 'carried_over', scheduledDate: '2026-03-28' }), DAY)).toBe('carriedOver');
    expect(dayOutcomeOf(order('0005'), DAY)).toBe('open');
    // Carried here from the day before: still to do today.
    expect(dayOutcomeOf(order('0006', { status: 'carried_over', scheduledDate: DAY }), DAY)).toBe('open');
    expect(dayOutcomeOf(order('0007', { status: 'cancelled' }), DAY)).toBe('cancelled');
    expect(openOrdersOf([order('0005'), order('0006', { status: 'carried_over' }), order('0007', { status: 'done', result: result('done') })], DAY)).toEqual([
      '20260327-0005',
      '20260327-0006',
    ]);
  });
});

describe('dayEndWorkers', () => {
  it('asks the workers on duty except supervisors without orders, plus anyone given orders', () => {
    expect(dayEndWorkers(['w01', 'w02', 'w03'], ['w01'], ['w02', null])).toEqual(['w02', 'w03']);
    expect(dayEndWorkers(['w01', 'w02'], ['w01'], ['w01', 'w09'])).toEqual(['w01', 'w02', 'w09']);
    expect(dayEndWorkers([], [], [])).toEqual([]);
  });
});

describe('aggregateDaily', () => {
  const day = rows({
    orders: [
      order('0001', { status: 'done', result: { ...result('done'), flags: ['readingLowerThanPrevious', 'leakSuspected'] } }),
      order('0002', { status: 'absent', result: result('absent') }),
      order('0003', { status: 'not_done', result: result('not_done') }),
      order('0004', { status: 'carried_over', scheduledDate: '2026-03-28' }),
      order('0005', { assigneeId: 'w03', kind: 'close', status: 'done', result: result('done', 'w03') }),
      order('0006', { assigneeId: null, kind: 'transfer' }),
      order('0007', { status: 'cancelled' }),
    ],
    meterMovements: [
      { kind: 'install', diameterMm: 13 },
      { kind: 'install', diameterMm: 13 },
      { kind: 'remove', diameterMm: 20 },
      { kind: 'replace', diameterMm: 50 },
    ],
    confirmations: [{ personId: 'w02', confirmedAt: at('17:20') }],
    parkingFees: [
      { personId: 'w03', orderNo: '20260327-0005', amountYen: 500, note: null },
      { personId: 'w03', orderNo: null, amountYen: 1200, note: 'コインパーキング' },
    ],
    handoverNotes: [
      { personId: 'w03', orderNo: null, text: '二件目', createdAt: at('16:55') },
      { personId: 'w02', orderNo: '20260327-0001', text: '犬がいるので注意', createdAt: at('16:10') },
    ],
  });
  const f = aggregateDaily(DAY, day);

  it('counts per worker done, absent, not done, carried over and open; unassigned orders apart; cancelled left out', () => {
    expect(f.workers.map((w) => [w.personId, w.orders, w.done, w.absent, w.notDone, w.carriedOver, w.open])).toEqual([
      ['w01', 0, 0, 0, 0, 0, 0],
      ['w02', 4, 1, 1, 1, 1, 0],
      ['w03', 1, 1, 0, 0, 0, 0],
      [null, 1, 0, 0, 0, 0, 1],
    ]);
    expect(f.totals).toEqual({ orders: 6, done: 2, absent: 1, notDone: 1, carriedOver: 1, open: 1 });
    expect(f.kinds.find((k) => k.kind === 'close')).toMatchObject({ orders: 1, done: 1 });
    expect(f.kinds.find((k) => k.kind === 'transfer')).toMatchObject({ orders: 1, open: 1 });
  });

  it('lists not done with the reason, carried over and open orders, and flagged readings', () => {
    expect(f.notDone).toEqual([{ orderNo: '20260327-0003', kind: 'open', town: '片町', personId: 'w02', reason: '鍵がかかっていて入れない' }]);
    expect(f.carriedOver.map((o) => o.orderNo)).toEqual(['20260327-0004']);
    expect(f.open.map((o) => [o.orderNo, o.personId])).toEqual([['20260327-0006', null]]);
    expect(f.flagged).toEqual([{ orderNo: '20260327-0001', kind: 'open', personId: 'w02', flags: ['readingLowerThanPrevious', 'leakSuspected'], findings: null }]);
  });

  it('counts meter work by kind and diameter, a bore outside the contract too', () => {
    expect(f.meters.find((m) => m.diameterMm === 13)).toEqual({ diameterMm: 13, install: 2, replace: 0, remove: 0, total: 2 });
    expect(f.meters.find((m) => m.diameterMm === 50)?.replace).toBe(1);
    expect(f.meterTotals).toMatchObject({ install: 2, replace: 1, remove: 1, total: 4 });
  });

  it('keeps notes in time order, totals parking fees per worker and overall, and names who has not confirmed', () => {
    expect(f.handoverNotes.map((n) => n.text)).toEqual(['犬がいるので注意', '二件目']);
    expect(f.parking.totalYen).toBe(1700);
    expect(f.workers.find((w) => w.personId === 'w03')?.parkingYen).toBe(1700);
    expect(f.workers.find((w) => w.personId === 'w02')?.confirmedAt).toEqual(at('17:20'));
    expect(f.unconfirmed).toEqual(['w03']);
    expect(f.workers.map((w) => [w.personId, w.asked])).toEqual([['w01', false], ['w02', true], ['w03', true], [null, false]]);
    expect(f.hasData).toBe(true);
  });

  it('gives doubts, incidents and complaints their outcome', () => {
    const cases = aggregateDaily(
      DAY,
      rows({
        doubts: [{ raisedAt: at('10:12'), raisedById: 'w02', orderNo: null, text: '番号違い', state: 'answered', answer: '現地の番号で入力', resolvedAt: null }],
        incidents: [{ occurredAt: at('14:03'), kind: 'accident', terminal: null, reportedById: 'w03', orderNo: null, description: '接触', state: 'open', resolution: null, resolvedAt: null }],
        complaints: [{ receivedAt: at('09:40'), kind: 'noWater', description: '水が出ない', state: 'resolved', findings: 'バルブ半開', actionTaken: '全開にした', resolvedAt: at('10:30') }],
      }),
    );
    expect(cases.doubts[0]).toMatchObject({ text: '番号違い', outcome: '現地の番号で入力', state: 'answered' });
    expect(cases.incidents[0]).toMatchObject({ outcome: '', state: 'open' });
    expect(cases.complaints[0]).toMatchObject({ outcome: 'バルブ半開 / 全開にした', closedAt: at('10:30') });
  });

  it('says there is no data on an empty day, still listing who was on duty', () => {
    const empty = aggregateDaily(DAY, rows());
    expect(empty.hasData).toBe(false);
    expect(empty.workers.map((w) => w.personId)).toEqual(['w01', 'w02', 'w03']);
    expect(empty.totals.orders).toBe(0);
    expect(empty.unconfirmed).toEqual(['w02', 'w03']);
  });
});
