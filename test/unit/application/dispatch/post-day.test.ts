import { describe, expect, it } from 'vitest';
import { createPostDay } from '../../../../src/application/dispatch/post-day.ts';
import { channelDayView, ORDERS_PER_MESSAGE, workerDayViews } from '../../../../src/application/dispatch/day-views.ts';
import type { AssignedOrder } from '../../../../src/application/dispatch/ports.ts';
import type { Recipient } from '../../../../src/application/chat/delivery.ts';
import type { MessageView } from '../../../../src/application/chat/view.ts';
import type { DayStaffing } from '../../../../src/domain/staffing/day-staffing.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function order(personId: string, visitOrder: number, extra: Partial<AssignedOrder> = {}): AssignedOrder {
  const n = String(visitOrder).padStart(4, '0');
  return {
    orderNo: `20260327-${personId}${n}`,
    kind: 'open',
    address: `石川県金沢市諸江町2丁目${visitOrder}-3`,
    town: '諸江町',
    meterWork: null,
    diameterMm: 20,
    previousReading: 1000 + visitOrder,
    remarks: null,
    status: 'open',
    scheduledDate: '2026-03-27',
    carriedSince: null,
    personId,
    visitOrder,
    ...extra,
  };
}

const staffing: DayStaffing = { date: '2026-03-27', source: 'default', onDuty: ['w01', 'w02', 'w03'], supervisors: ['w01'] };
const allText = (v: MessageView) => JSON.stringify(v.blocks);

describe('worker day views', () => {
  it('lists the orders in the given visit order with kind, address, meter work, previous reading, remarks and two buttons each', () => {
    const [view, ...rest] = workerDayViews('2026-03-27', 'w02', [
      order('w02', 1, { remarks: '犬あり注意' }),
      order('w02', 2, { kind: 'close', meterWork: 'remove', diameterMm: 13, previousReading: null }),
    ]);
    expect(rest).toEqual([]);
    expect(view!.key).toBe('day:2026-03-27:w02');
    const texts = view!.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(texts[0]).toBe('1. 20260327-w020001 開栓\n住所: 石川県金沢市諸江町2丁目1-3\n前回指針: 1001\n備考: 犬あり注意');
    expect(texts[1]).toBe('2. 20260327-w020002 閉栓 (メーター引上 φ13)\n住所: 石川県金沢市諸江町2丁目2-3');
    const buttons = view!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => [b.actionId, b.label, JSON.parse(b.value)])).toEqual([
      ['result.form', '結果入力', { orderNo: '20260327-w020001' }],
      ['doubt.raise', '疑義', { orderNo: '20260327-w020001' }],
      ['result.form', '結果入力', { orderNo: '20260327-w020002' }],
      ['doubt.raise', '疑義', { orderNo: '20260327-w020002' }],
    ]);
  });

  it('splits a long day into parts keyed day:date:person:partN that fit Slack (50 blocks)', () => {
    const orders = Array.from({ length: ORDERS_PER_MESSAGE * 2 + 1 }, (_, i) => order('w02', i + 1));
    const views = workerDayViews('2026-03-27', 'w02', orders);
    expect(views.map((v) => v.key)).toEqual(['day:2026-03-27:w02:part1', 'day:2026-03-27:w02:part2', 'day:2026-03-27:w02:part3']);
    expect(views.every((v) => v.blocks.length <= 50)).toBe(true);
    expect(views[2]!.summary).toContain('その3/3');
    const numbers = views.flatMap((v) => v.blocks.flatMap((b) => (b.type === 'text' ? [Number(b.text.split('.')[0])] : [])));
    expect(numbers).toEqual(orders.map((o) => o.visitOrder));
  });

  it('gives a carried-over order its buttons on its new day and says since when it is open; on the day it left, it is finished', () => {
    const carried = { status: 'carried_over', scheduledDate: '2026-03-30', carriedSince: '2026-03-26' };
    const [onNewDay] = workerDayViews('2026-03-30', 'w02', [order('w02', 1, carried)]);
    expect(onNewDay!.blocks.find((b) => b.type === 'text')).toMatchObject({ text: expect.stringContaining('3月26日(木)から繰越') });
    expect(onNewDay!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.label) : []))).toEqual(['結果入力', '疑義']);
    const [onOldDay] = workerDayViews('2026-03-27', 'w02', [order('w02', 1, carried)]);
    expect(allText(onOldDay!)).toContain('→ 繰越');
    expect(allText(onOldDay!)).not.toContain('から繰越');
    expect(onOldDay!.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.label) : []))).toEqual(['疑義']);
  });

  it('says so when the worker has nothing that day', () => {
    const [view] = workerDayViews('2026-03-28', 'w02', []);
    expect(view!.summary).toBe('3月28日(土) に振り分けられた作業はありません。');
  });
});

describe('channel day view', () => {
  it('names supervisors and workers with counts and towns, never addresses', () => {
    const names = new Map([['w01', '架空 太郎'], ['w02', '仮野 次郎'], ['w03', '試験 花子']]);
    const view = channelDayView(staffing, [order('w02', 1), order('w02', 2, { town: '鞍月' })], 3, (id) => names.get(id) ?? id);
    const text = allText(view);
    expect(view.key).toBe('day:2026-03-27:bureau');
    expect(text).toContain('業務責任者');
    expect(text).toContain('架空 太郎: 業務責任者 (局に常駐)');
    expect(text).toContain('仮野 次郎: 2件 (諸江町、鞍月)');
    expect(text).toContain('試験 花子: 作業なし');
    expect(text).toContain('未振り分けの作業が 3件');
    expect(text).not.toContain('丁目');
  });
});

describe('postDay', () => {
  it('posts the channel view, then each worker on duty (not the idle supervisor) and anyone holding orders', async () => {
    const sent: { to: Recipient; view: MessageView }[] = [];
    const postDay = createPostDay({
      orders: {
        assignedOrders: async () => [order('w03', 2), order('w03', 1), order('w09', 1)],
        unassignedCount: async () => 0,
      },
      team: { staffing: async () => staffing, names: async () => new Map() },
      gateway: {
        send: async (to, view) => {
          sent.push({ to, view });
          return 'personId' in to && to.personId === 'w09'
            ? { delivered: [], failures: [{ reason: 'person w09 has no identity on an enabled platform' }] }
            : { delivered: [{ platform: 'console', ref: 'x' }], failures: [] };
        },
      },
      logger: silent,
    });
    const report = await postDay('2026-03-27');
    expect(sent.map((s) => s.to)).toEqual([{ channel: 'bureau' }, { personId: 'w02' }, { personId: 'w03' }, { personId: 'w09' }]);
    const w03 = sent[2]!.view.blocks.flatMap((b) => (b.type === 'text' ? [b.text.split('\n')[0]] : []));
    expect(w03).toEqual(['1. 20260327-w030001 開栓', '2. 20260327-w030002 開栓']);
    expect(report).toEqual({
      date: '2026-03-27',
      workers: 3,
      orders: 3,
      messages: 3,
      failures: [{ to: 'w09', reason: 'person w09 has no identity on an enabled platform' }],
    });
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    const postDay = createPostDay({
      orders: { assignedOrders: async () => [], unassignedCount: async () => 0 },
      team: { staffing: async () => staffing, names: async () => new Map() },
      gateway: { send: async () => ({ delivered: [], failures: [] }) },
      logger: silent,
    });
    await expect(postDay('2026-3-27')).rejects.toThrow('YYYY-MM-DD');
  });
});
