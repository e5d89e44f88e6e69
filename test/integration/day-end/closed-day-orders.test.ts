import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { ConsoleMessage } from '../../../src/adapters/console/console-adapter.ts';
import { openWorkOrderFile } from '../../../src/adapters/csv/work-order-file.ts';
import { importWorkOrders } from '../../../src/application/import-work-orders.ts';
import { deferredDates, deferredLines } from '../../../src/application/import/dispatch-days.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { importDepsOf } from '../../../src/assembly/services/work-orders.ts';
import { loadConfig } from '../../../src/config.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { seedOrders, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { filesFolderEnv, tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
let dir: string | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Weekends and national holidays closed, besides the spec's 12/31–1/3. */
const CLOSED = { CLOSED_WEEKDAYS: 'sat,sun', CLOSED_ON_NATIONAL_HOLIDAYS: 'true' };

function contextAt(date: string, time: string): AppContext {
  const clock = new VirtualClock(tokyoInstant(date, time));
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false', ...filesFolderEnv(temp.url), ...CLOSED });
  return { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
}

/** The console bot as `kaiheisen start --console` builds it (a new process each time: a restart). */
async function startAt(date: string, time: string): Promise<{ bot: Bot; clock: VirtualClock; ctx: AppContext }> {
  const ctx = contextAt(date, time);
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: `bot-${date}`, out: () => undefined });
  await started.tick(ctx.clock.now());
  return { bot: started, clock: ctx.clock as VirtualClock, ctx };
}

async function go(b: Bot, clock: VirtualClock, date: string, time: string) {
  clock.set(tokyoInstant(date, time));
  await b.tick(clock.now());
}

const HEADER = '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';
const row = (orderNo: string, date: string, i: number) =>
  `${orderNo},その他,${date},10000000${i},架空 花子,ｶｸｳ,石川県金沢市片町${i}丁目1-1,北,1000${i},M0000000${i},20,100,10,,090-0000-000${i},,36.56${i},136.65${i}`;

const holders = async (date: string) => {
  const rows = await temp.db.read.assignment.findMany({ where: { date }, select: { personId: true, workOrder: { select: { orderNo: true } } } });
  return new Map(rows.map((r) => [r.workOrder.orderNo, r.personId]));
};
const dayMessages = (b: Bot, date: string): ConsoleMessage[] =>
  ['w02', 'w03'].flatMap((who) => b.console!.session.inbox(who).filter((m) => m.view.key?.startsWith(`day:${date}:${who}`)));
const bureauPost = (b: Bot, date: string) => b.console!.session.inbox('#bureau').find((m) => m.view.key === `day:${date}:bureau`)?.text ?? '';

const SAT = ['20261226-0001', '20261226-0002'];
const YEAR_END = ['20261231-0001', '20261231-0002'];

describe('orders dated on a closed day (weekend, year-end closure), imported while the bot runs', () => {
  it('are dispatched on the first work day after their date with their buttons, counted in the bureau post, never early or twice', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', kind: 'other', to: null }], '2026-12-24');

    // Thursday 12/24: the day is assigned at 08:00; at 10:00 the bureau's file arrives with closed-day dates.
    let started = await startAt('2026-12-24', '07:50');
    bot = started.bot;
    await go(bot, started.clock, '2026-12-24', '10:00');
    dir = mkdtempSync(join(tmpdir(), 'kaiheisen-closed-'));
    const file = join(dir, 'wo-closed.csv');
    const rows = [row(SAT[0]!, '2026-12-26', 1), row(SAT[1]!, '2026-12-26', 2), row(YEAR_END[0]!, '2026-12-31', 3), row(YEAR_END[1]!, '2026-12-31', 4), row('20261225-0001', '2026-12-25', 5)];
    writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
    const ctx = started.ctx;
    const result = await importWorkOrders(importDepsOf(ctx), { source: openWorkOrderFile(file), dryRun: false, actor: { actorId: 'w01', channel: 'cli' } });
    expect(result.imported).toBe(5);
    const deferred = deferredDates(result.ordersByDate, { calendar: ctx.calendar, today: '2026-12-24', assignedToday: true });
    expect(deferredLines(deferred)).toEqual([
      '作業予定日に配らない作業が 4 件あります (休業日 4 件 / 過ぎた日付 0 件)。次の作業日の振り分けで「繰越」として配ります:',
      '  12月26日(土) (休業日) の 2 件 → 12月28日(月) に配ります',
      '  12月31日(木) (休業日) の 2 件 → 1月4日(月) に配ります',
    ]);
    await go(bot, started.clock, '2026-12-24', '17:45');
    await bot.stop();

    // Friday 12/25 (restart): the day's own order and the one carried from 12/24; nothing of Saturday yet.
    started = await startAt('2026-12-25', '07:55');
    bot = started.bot;
    await go(bot, started.clock, '2026-12-25', '08:30');
    expect([...(await holders('2026-12-25')).keys()].sort()).toEqual(['20261224-0001', '20261225-0001']);
    expect(bureauPost(bot, '2026-12-25')).toMatch(/作業件数\D*2件/);
    await go(bot, started.clock, '2026-12-25', '17:45');
    // The weekend: nothing is assigned or posted.
    await go(bot, started.clock, '2026-12-26', '09:00');
    await go(bot, started.clock, '2026-12-27', '09:00');
    expect((await holders('2026-12-26')).size + (await holders('2026-12-27')).size).toBe(0);
    await bot.stop();

    // Monday 12/28 (restart): the Saturday orders reach a worker, marked as Saturday's, each once, with 結果入力.
    started = await startAt('2026-12-28', '07:50');
    bot = started.bot;
    await go(bot, started.clock, '2026-12-28', '08:30');
    const monday = await holders('2026-12-28');
    expect([...monday.keys()].sort()).toEqual(['20261224-0001', '20261225-0001', ...SAT]);
    const saturday = await temp.db.read.workOrder.findMany({ where: { orderNo: { in: SAT } } });
    expect(saturday.map((o) => [o.status, o.scheduledDate, o.carriedSince])).toEqual(Array(2).fill(['carried_over', '2026-12-28', '2026-12-26']));
    expect(bureauPost(bot, '2026-12-28')).toMatch(/作業件数\D*4件/);
    const messages = dayMessages(bot, '2026-12-28');
    for (const orderNo of SAT) {
      expect(messages.flatMap((m) => m.buttons).filter((b) => b.label === '結果入力' && b.value.includes(orderNo))).toHaveLength(1);
    }
    expect(messages.map((m) => m.text).join('\n')).toContain('12月26日(土)から繰越');

    // One Saturday order is done on Monday: it is never dispatched again.
    const doer = monday.get(SAT[0]!)!;
    await bot.console!.session.as(doer).pressLabel('結果入力', SAT[0]!);
    await bot.console!.session.submit({ outcome: 'done', note: '止水栓の位置を確認した' });
    expect(bot.console!.session.inbox(doer).at(-1)?.text).toContain('結果を記録しました。');
    await go(bot, started.clock, '2026-12-28', '17:45');
    for (const date of ['2026-12-29', '2026-12-30']) {
      await go(bot, started.clock, date, '08:30');
      const held = [...(await holders(date)).keys()].sort();
      expect(held).not.toContain(SAT[0]);
      expect(held.filter((n) => YEAR_END.includes(n))).toEqual([]); // not before the closure ends
      await go(bot, started.clock, date, '17:45');
    }
    await bot.stop();

    // Monday 1/4 after the year-end closure (restart): the 12/31 orders are dispatched, counted, with their buttons.
    started = await startAt('2027-01-04', '07:50');
    bot = started.bot;
    await go(bot, started.clock, '2027-01-04', '08:30');
    const january = await holders('2027-01-04');
    expect([...january.keys()].filter((n) => YEAR_END.includes(n)).sort()).toEqual(YEAR_END);
    expect([...january.keys()]).not.toContain(SAT[0]);
    expect(bureauPost(bot, '2027-01-04')).toMatch(new RegExp(`作業件数\\D*${january.size}件`));
    const posted = dayMessages(bot, '2027-01-04');
    for (const orderNo of YEAR_END) {
      expect(posted.flatMap((m) => m.buttons).filter((b) => b.label === '結果入力' && b.value.includes(orderNo))).toHaveLength(1);
    }
    expect(posted.map((m) => m.text).join('\n')).toContain('12月31日(木)から繰越');
    const done = await temp.db.read.workOrder.findUniqueOrThrow({ where: { orderNo: SAT[0]! }, include: { result: true } });
    expect([done.status, done.result?.personId]).toEqual(['done', doer]);
  }, 300_000);
});
