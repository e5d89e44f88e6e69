import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { PrismaAssignmentStore } from '../../../src/adapters/db/assignment-store.ts';
import { PrismaReportStore } from '../../../src/adapters/db/report-store.ts';
import { assignDay } from '../../../src/application/assignment/assign-day.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { BUREAU_OFFICE } from '../../../src/domain/assignment/geo.ts';
import { at, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { pdfPageItems } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** Weekends and national holidays closed, besides the spec's 12/31–1/3. */
const CLOSED = { CLOSED_WEEKDAYS: 'sat,sun', CLOSED_ON_NATIONAL_HOLIDAYS: 'true' };
const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const no = (date: string, n: string) => `${date.replaceAll('-', '')}-${n}`;

async function go(b: Bot, clock: VirtualClock, date: string, time: string) {
  clock.set(at(time, date));
  await b.tick(clock.now());
}

async function closeDone(b: Bot, who: string, ref: string): Promise<string> {
  for (const line of [`${ref} 閉栓完了 指針100 ピン交換 散水栓出ない`, 'はい', 'はい', 'はい']) await b.console!.session.as(who).say(line);
  return texts(b, who).at(-1) ?? '';
}

async function assign(clock: VirtualClock, date: string) {
  const deps = { store: new PrismaAssignmentStore(temp.db, clock), isWorkDay: () => true, depot: BUREAU_OFFICE };
  return assignDay(deps, { date, includeSupervisors: false, actorId: null, channel: 'cli' });
}

async function monthOf(month: string) {
  const rows = await new PrismaReportStore(temp.db).loadMonthlyRows(month);
  return rows.results.map((r) => r.orderNo).sort();
}

async function monthlyReport(month: string) {
  const row = await temp.db.read.report.findFirst({ where: { kind: 'monthly', period: month } });
  return row ? (JSON.parse(row.content) as { month: string; figures: { totals: { close: number }; days: { date: string; close: number }[] } }) : undefined;
}

async function start(date: string, orders: { n: string; to: string }[]) {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await temp.db.write(async (tx) => {
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 0, target: 'dutySupervisor', ackTimeoutMinutes: 10 } });
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 1, target: 'person', personId: 'c01', ackTimeoutMinutes: 15 } });
  });
  await seedOrders(temp.db, orders.map((o) => ({ ...o, kind: 'close' as const })), date);
  const started = await startConsoleDay(temp.db, temp.url, '10:00', date, CLOSED);
  bot = started.bot;
  return started.clock;
}

describe('month and year boundaries on the console bot', () => {
  it('12/30 → 1/4: open orders carried over the closure to 1/4; the monthly report on 1/4 covers December exactly', async () => {
    const clock = await start('2026-12-30', [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w02' }, { n: '0003', to: 'w03' }]);
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    await go(bot!, clock, '2026-12-30', '17:45');
    const carried = await temp.db.read.workOrder.findMany({ where: { status: 'carried_over' }, orderBy: { orderNo: 'asc' } });
    expect(carried.map((o) => [o.orderNo, o.scheduledDate])).toEqual([
      [no('2026-12-30', '0002'), '2027-01-04'],
      [no('2026-12-30', '0003'), '2027-01-04'],
    ]);
    await bot!.console!.session.as('w01').pressLabel('承認');

    // Nothing runs on the closed days: no monthly report on 1/1 (a holiday and closed), no daily report.
    await go(bot!, clock, '2027-01-01', '10:00');
    expect(await monthlyReport('2026-12')).toBeUndefined();
    clock.set(at('07:00', '2027-01-04'));
    const plan = await assign(clock, '2027-01-04');
    expect(plan.workers.flatMap((w) => w.orders).sort()).toEqual([no('2026-12-30', '0002'), no('2026-12-30', '0003')]);
    await go(bot!, clock, '2027-01-04', '09:00');
    const december = await monthlyReport('2026-12');
    expect(december?.figures.totals.close).toBe(1);
    expect(december?.figures.days.filter((d) => d.close > 0).map((d) => d.date)).toEqual(['2026-12-30']);
    expect(await temp.db.read.report.count({ where: { kind: 'monthly' } })).toBe(1);
    expect(texts(bot!, '#bureau').some((t) => t.includes('令和8年12月分'))).toBe(true);
    expect(texts(bot!, '#bureau').some((t) => t.includes('未承認の日報'))).toBe(false); // 12/30 was approved

    await go(bot!, clock, '2027-01-04', '10:00');
    expect(await closeDone(bot!, 'w02', '0002')).toContain('結果を記録しました。');
    expect(await monthOf('2026-12')).toEqual([no('2026-12-30', '0001')]);
    expect(await monthOf('2027-01')).toEqual([no('2026-12-30', '0002')]);
  });

  it('a 月報 compiled while a December 日報 is still a draft names that day, in its PDF and its message, and counts its results', async () => {
    const clock = await start('2026-12-30', [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w03' }]);
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    await go(bot!, clock, '2026-12-30', '17:45'); // compiled, never approved
    expect((await temp.db.read.report.findFirst({ where: { kind: 'daily', period: '2026-12-30' } }))?.state).toBe('draft');
    await go(bot!, clock, '2027-01-04', '09:00');
    const row = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'monthly', period: '2026-12' } });
    const view = JSON.parse(row.content) as { unapprovedDays: unknown; figures: { totals: { close: number } } };
    expect(view.unapprovedDays).toEqual([{ date: '2026-12-30', state: 'draft' }]);
    expect(view.figures.totals.close).toBe(1); // the draft day's result is counted
    const note = '※ 作成時点で未承認の日報が 1日分あります: 12月30日(水)。数値にはこれらの日に記録された作業結果を含みます。';
    expect(texts(bot!, '#bureau').filter((t) => t.includes(note))).toHaveLength(1); // with the PDF, not the CSV
    expect(texts(bot!, 'w01').some((t) => t.includes(note))).toBe(true);
    const pdfText = (await pdfPageItems(row.pdf!)).flat().join('');
    expect(pdfText).toContain('次の日の日報は承認されていませんでした: 12月30日(水)。');
  });

  it('3/31 → 4/1: a result in overtime on 3/31 counts in March; an order carried to 4/1 and done then counts in April only', async () => {
    const clock = await start('2027-03-31', [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w02' }]);
    const send = async (who: string, payload: Record<string, unknown>, key: string) => {
      await bot!.inbox.receive({ platform: 'console', eventKey: key, userRef: who, receivedAt: clock.now(), payload: payload as never });
      await bot!.inbox.drain();
    };
    await send('w01', { type: 'form', formId: 'overtime.request', state: '{}', values: { orders: '0001', reason: '帰宅待ち', until: '19:00' } }, 'ot-1');
    await send('c01', { type: 'button', actionId: 'overtime.approve', value: '{"requestId":1}' }, 'ot-2');
    await go(bot!, clock, '2027-03-31', '17:45');
    await go(bot!, clock, '2027-03-31', '18:10');
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    await go(bot!, clock, '2027-03-31', '19:00');
    expect((await temp.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: no('2027-03-31', '0002') } })).scheduledDate).toBe('2027-04-01');

    clock.set(at('07:00', '2027-04-01'));
    const plan = await assign(clock, '2027-04-01');
    expect(plan.workers.flatMap((w) => w.orders)).toEqual([no('2027-03-31', '0002')]);
    await go(bot!, clock, '2027-04-01', '09:00');
    const march = await monthlyReport('2027-03');
    expect(march?.figures.totals.close).toBe(1);
    expect(march?.figures.days.filter((d) => d.close > 0).map((d) => d.date)).toEqual(['2027-03-31']);
    await go(bot!, clock, '2027-04-01', '10:00');
    expect(await closeDone(bot!, 'w02', '0002')).toContain('結果を記録しました。');
    expect(await monthOf('2027-03')).toEqual([no('2027-03-31', '0001')]);
    expect(await monthOf('2027-04')).toEqual([no('2027-03-31', '0002')]);
  });
});
