import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { PrismaAssignmentStore } from '../../../src/adapters/db/assignment-store.ts';
import { assignDay } from '../../../src/application/assignment/assign-day.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { BUREAU_OFFICE } from '../../../src/domain/assignment/geo.ts';
import { at, DAY, moveTo, NEXT_DAY, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const cardOf = (b: Bot, who: string, key: string) => b.console!.session.inbox(who).filter((m) => m.view.key === key);
const no = (n: string, date = DAY) => `${date.replaceAll('-', '')}-${n}`;
let events = 0;

async function send(b: Bot, clock: VirtualClock, who: string, payload: Record<string, unknown>) {
  await b.inbox.receive({ platform: 'console', eventKey: `overtime-test-${++events}`, userRef: who, receivedAt: clock.now(), payload: payload as never });
  await b.inbox.drain();
}

/** w01 asks the bureau's consent for 0001 and 0002 (w02's) until 19:00; c01 approves it. */
async function overtimeUntil1900(b: Bot, clock: VirtualClock, approveAt: string) {
  await send(b, clock, 'w01', { type: 'form', formId: 'overtime.request', state: '{}', values: { orders: '0001 0002', reason: 'お客さまの帰宅待ち', until: '19:00' } });
  await moveTo(b, clock, approveAt);
  await send(b, clock, 'c01', { type: 'button', actionId: 'overtime.approve', value: '{"requestId":1}' });
  expect((await temp.db.read.overtimeRequest.findUniqueOrThrow({ where: { id: 1 } })).state).toBe('approved');
}

async function closeDone(b: Bot, who: string, n: string): Promise<string> {
  for (const line of [`${n} 閉栓完了 指針100 ピン交換 散水栓出ない`, 'はい', 'はい', 'はい']) await b.console!.session.as(who).say(line);
  return texts(b, who).at(-1) ?? '';
}

async function day(time = '16:00') {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await temp.db.write(async (tx) => {
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 0, target: 'dutySupervisor', ackTimeoutMinutes: 10 } });
    await tx.contactChartLevel.create({ data: { chart: 'doubt', position: 1, target: 'person', personId: 'c01', ackTimeoutMinutes: 15 } });
  });
  await seedOrders(temp.db, [
    { n: '0001', to: 'w02', kind: 'close' },
    { n: '0002', to: 'w02', kind: 'close' },
    { n: '0003', to: 'w03', kind: 'close', town: '野町' },
  ]);
  const started = await startConsoleDay(temp.db, temp.url, time);
  bot = started.bot;
  return started;
}

/** The next day's assignment as `kaiheisen assign --date` runs it, then the morning post at 08:30. */
async function nextMorning(b: Bot, clock: VirtualClock) {
  clock.set(at('07:00', NEXT_DAY));
  const deps = { store: new PrismaAssignmentStore(temp.db, clock), isWorkDay: () => true, depot: BUREAU_OFFICE };
  const plan = await assignDay(deps, { date: NEXT_DAY, includeSupervisors: false, actorId: null, channel: 'cli' });
  clock.set(at('08:30', NEXT_DAY));
  await b.tick(clock.now());
  return plan;
}

const orderRows = async () =>
  (await temp.db.read.workOrder.findMany({ include: { assignment: true }, orderBy: { orderNo: 'asc' } })).map((o) => [o.orderNo, o.status, o.scheduledDate, o.assignment?.date ?? null]);

describe('overtime inside the day, on the console bot', () => {
  it('keeps the consented orders with their worker past 17:45, counts the 18:10 result on the day, carries the rest at 19:00, and never dispatches the done order again', async () => {
    const { clock } = await day();
    await overtimeUntil1900(bot!, clock, '17:30');

    await moveTo(bot!, clock, '17:45');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)).toHaveLength(0);
    expect(await temp.db.read.workOrder.count({ where: { status: 'carried_over' } })).toBe(0);

    await moveTo(bot!, clock, '18:10');
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    const result = await temp.db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo: no('0001') } } });
    expect(result).toMatchObject({ afterHours: true, afterHoursConsentId: 1 });

    await moveTo(bot!, clock, '18:59');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)).toHaveLength(0);
    await moveTo(bot!, clock, '19:00');
    const card = cardOf(bot!, 'w01', `daily:${DAY}`);
    expect(card).toHaveLength(1);
    expect(card[0]!.text).toContain('完了 1 件・不在完了 0 件・未実施 0 件・繰越 2 件');
    expect(await orderRows()).toEqual([
      [no('0001'), 'done', DAY, DAY],
      [no('0002'), 'carried_over', NEXT_DAY, DAY],
      [no('0003'), 'carried_over', NEXT_DAY, DAY],
    ]);
    await moveTo(bot!, clock, '19:05');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)).toHaveLength(1); // compiled once

    const plan = await nextMorning(bot!, clock);
    expect(plan.workers.flatMap((w) => w.orders ?? [])).not.toContain(no('0001'));
    const dispatched = (await temp.db.read.assignment.findMany({ where: { date: NEXT_DAY }, include: { workOrder: true } })).map((a) => a.workOrder.orderNo).sort();
    expect(dispatched).toEqual([no('0002'), no('0003')]);
    const dayView = cardOf(bot!, 'w02', `day:${NEXT_DAY}:w02`).map((m) => m.text).join('\n') + cardOf(bot!, 'w03', `day:${NEXT_DAY}:w03`).map((m) => m.text).join('\n');
    expect(dayView).toContain(no('0002'));
    expect(dayView).not.toContain(no('0001'));
    // The next day's report counts the 3/27 result nowhere.
    clock.set(at('17:45', NEXT_DAY));
    await bot!.tick(clock.now());
    const nextCard = cardOf(bot!, 'w01', `daily:${NEXT_DAY}`);
    expect(nextCard.at(-1)!.text).toContain('完了 0 件・不在完了 0 件・未実施 0 件・繰越 2 件');
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } });
    const view = JSON.parse(report.content) as { totals: { done: number; carriedOver: number }; carriedOver: { orderNo: string }[] };
    expect(view.totals).toMatchObject({ done: 1, carriedOver: 2 });
    expect(view.carriedOver.map((l) => l.orderNo)).toEqual([no('0002'), no('0003')]);
  });

  it('a result in overtime the bureau approved after the 17:45 compile: the report approved at 17:50 is re-issued with it, once', async () => {
    const { clock } = await day();
    await moveTo(bot!, clock, '17:45');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)[0]!.text).toContain('繰越 3 件');
    await moveTo(bot!, clock, '17:46');
    await overtimeUntil1900(bot!, clock, '17:48');
    await moveTo(bot!, clock, '17:50');
    await bot!.console!.session.as('w01').pressLabel('承認');
    expect((await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } })).state).toBe('sent');

    await moveTo(bot!, clock, '18:10');
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    await moveTo(bot!, clock, '18:11');
    await moveTo(bot!, clock, '18:12');
    const bureau = texts(bot!, '#bureau');
    const amendments = bureau.filter((t) => t.includes(`作業番号 ${no('0001')}`) && t.includes('日報の承認後に記録されました'));
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toContain('訂正前: 繰越');
    expect(amendments[0]).toContain('訂正後: 完了 (18:10 記録)');
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } });
    const view = JSON.parse(report.content) as { totals: { done: number; carriedOver: number }; amendments: { orderNo: string; lateResult?: boolean }[] };
    expect(view.totals).toMatchObject({ done: 1, carriedOver: 2 });
    expect(view.amendments).toEqual([expect.objectContaining({ orderNo: no('0001'), lateResult: true })]);
    const pdfLine = bureau.filter((t) => t.startsWith('日報 PDF を保存しました: ')).at(-1)!;
    const pdf = await pdfText(new Uint8Array(readFileSync(pdfLine.slice('日報 PDF を保存しました: '.length).trim())));
    expect(pdf).toContain('訂正');
    expect(pdf).toContain('完了 (18:10 記録)');

    const plan = await nextMorning(bot!, clock);
    expect(plan.workers.flatMap((w) => w.orders ?? [])).not.toContain(no('0001'));
    expect(await temp.db.read.assignment.count({ where: { date: NEXT_DAY, workOrder: { orderNo: no('0001') } } })).toBe(0);
    expect(cardOf(bot!, 'w02', `day:${NEXT_DAY}:w02`).map((m) => m.text).join('\n')).not.toContain(no('0001'));
    clock.set(at('17:45', NEXT_DAY));
    await bot!.tick(clock.now());
    // 0001 was carried to 3/28 but done on 3/27: the 3/28 report neither counts it nor carries it again.
    expect(cardOf(bot!, 'w01', `daily:${NEXT_DAY}`).at(-1)!.text).toContain('完了 0 件・不在完了 0 件・未実施 0 件・繰越 2 件');
    expect(await temp.db.read.workOrder.count({ where: { orderNo: no('0001'), status: 'done', scheduledDate: NEXT_DAY } })).toBe(1);
  });

  it('a pending request holds its orders at 17:45; declined at 18:00, the day is compiled and everything open carried', async () => {
    const { clock } = await day();
    await send(bot!, clock, 'w01', { type: 'form', formId: 'overtime.request', state: '{}', values: { orders: '0002', reason: '帰宅待ち', until: '19:00' } });
    await moveTo(bot!, clock, '17:45');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)).toHaveLength(0);
    await moveTo(bot!, clock, '18:00');
    await send(bot!, clock, 'c01', { type: 'button', actionId: 'overtime.decline', value: '{"requestId":1}' });
    await moveTo(bot!, clock, '18:01');
    expect(cardOf(bot!, 'w01', `daily:${DAY}`)[0]!.text).toContain('繰越 3 件');
  });

  it('a bot down when the overtime ends compiles the day once on its next start (the next morning), and a second instance does not again', async () => {
    const { clock } = await day();
    await overtimeUntil1900(bot!, clock, '17:30');
    await moveTo(bot!, clock, '18:10');
    expect(await closeDone(bot!, 'w02', '0001')).toContain('結果を記録しました。');
    await bot!.stop();
    bot = undefined;

    const next = await startConsoleDay(temp.db, temp.url, '08:00', NEXT_DAY);
    bot = next.bot;
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } });
    expect((JSON.parse(report.content) as { totals: { done: number; carriedOver: number } }).totals).toMatchObject({ done: 1, carriedOver: 2 });
    expect(await temp.db.read.jobRun.count({ where: { key: { startsWith: `daily-report:${DAY}:after-overtime` } } })).toBe(1);
    const other = await startConsoleDay(temp.db, temp.url, '08:01', NEXT_DAY);
    await other.bot.stop();
    expect(await temp.db.read.auditLog.count({ where: { action: 'workOrder.carryOver' } })).toBe(2);
    expect(cardOf(bot, 'w01', `daily:${DAY}`)).toHaveLength(1);
  });
});

describe('a clock moved past the overtime\'s end straight to the next morning', () => {
  it('closes the day before the 08:00 assignment: the orders still open are carried and assigned on the next day, none stranded', async () => {
    const { clock } = await day();
    await overtimeUntil1900(bot!, clock, '17:30');
    await moveTo(bot!, clock, '17:50');
    expect(await temp.db.read.workOrder.count({ where: { status: 'carried_over' } })).toBe(0);

    clock.set(at('08:00', NEXT_DAY)); // no tick at 19:00: the bot was down, or /next jumped over the overtime's end
    await bot!.tick(clock.now());
    const report = await temp.db.read.report.findUniqueOrThrow({ where: { kind_period: { kind: 'daily', period: DAY } } });
    expect(JSON.parse(report.content)).toMatchObject({ source: 'bot' });
    const rows = await orderRows();
    expect(rows.filter(([, status]) => status === 'carried_over').map(([orderNo, , date, assigned]) => [orderNo, date, assigned])).toEqual([
      [no('0001'), NEXT_DAY, NEXT_DAY],
      [no('0002'), NEXT_DAY, NEXT_DAY],
      [no('0003'), NEXT_DAY, NEXT_DAY],
    ]);
    clock.set(at('08:30', NEXT_DAY));
    await bot!.tick(clock.now());
    expect(texts(bot!, 'w02').join('\n')).not.toContain('振り分けられた作業はありません');
  });
});
