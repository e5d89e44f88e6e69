import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { ConsoleMessage } from '../../../src/adapters/console/console-adapter.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { DAY, NEXT_DAY, seedOrders, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** The console bot as `kaiheisen start --console` builds it, on a virtual clock at `time` of `date`. */
async function startAt(date: string, time: string): Promise<{ bot: Bot; clock: VirtualClock }> {
  const clock = new VirtualClock(tokyoInstant(date, time));
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
  const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: `bot-${date}`, out: () => undefined });
  await started.tick(clock.now());
  return { bot: started, clock };
}

async function moveTo(b: Bot, clock: VirtualClock, date: string, time: string) {
  clock.set(tokyoInstant(date, time));
  return b.tick(clock.now());
}

const session = (b: Bot) => b.console!.session;
const keyed = (b: Bot, who: string, key: string): ConsoleMessage[] => session(b).inbox(who).filter((m) => m.view.key === key);
const lastText = (b: Bot, who: string) => session(b).inbox(who).at(-1)?.text ?? '';

/** w04 is on duty every day, but the ID card on record expired on 3/1 (spec 9(3)). */
async function seedExpiredCardWorker() {
  await temp.db.write(async (tx) => {
    await tx.person.create({ data: { id: 'w04', affiliation: 'contractor', name: '見本 四郎', idCardNumber: 'KS-0004', idCardExpiresOn: '2026-03-01' } });
    await tx.defaultStaffing.create({ data: { personId: 'w04', isSupervisor: false } });
  });
}

async function holders(date: string): Promise<Map<string, string>> {
  const rows = await temp.db.read.assignment.findMany({ where: { date }, select: { personId: true, workOrder: { select: { orderNo: true } } } });
  return new Map(rows.map((r) => [r.workOrder.orderNo, r.personId]));
}

describe('the daily cycle without the command line (two work days, one database, a restart between)', () => {
  it('assigns at 08:00, tells the supervisor, posts at 08:30, carries open orders at 17:45 and dispatches them again the next day with their buttons', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedExpiredCardWorker();
    await seedOrders(temp.db, ['0001', '0002', '0003', '0004'].map((n) => ({ n, kind: 'other' as const, to: null })));

    // Day 1. Nothing is assigned before ASSIGN_TIME.
    let started = await startAt(DAY, '07:50');
    bot = started.bot;
    expect((await holders(DAY)).size).toBe(0);
    await moveTo(bot, started.clock, DAY, '08:00');
    const day1 = await holders(DAY);
    expect(day1.size).toBe(4);
    expect(new Set(day1.values())).toEqual(new Set(['w02', 'w03']));
    const plan1 = keyed(bot, 'w01', `assign:${DAY}`);
    expect(plan1).toHaveLength(1);
    expect(plan1[0]!.text).toContain('3月27日(金) の振り分け');
    expect(plan1[0]!.text).toMatch(/仮野 次郎: 2件 \/ 負荷 2 \/ 移動 [\d.—]+ km/);
    expect(plan1[0]!.text).toContain('・見本 四郎: 身分証明書が有効期限切れのため');
    expect(plan1[0]!.buttons.map((b) => b.label)).toEqual(['再振り分け']);

    // Before the morning post a supervisor may run it again; a worker may not.
    await moveTo(bot, started.clock, DAY, '08:10');
    await session(bot).as('w02').say('再振り分け');
    expect(lastText(bot, 'w02')).toBe('再振り分けは当日の業務責任者だけができます。');
    await session(bot).as('w01').pressLabel('再振り分け');
    expect(lastText(bot, 'w01')).toContain('3月27日(金) の作業を振り分け直しました');
    const rerun = keyed(bot, 'w01', `assign:${DAY}`);
    expect(rerun).toHaveLength(1);
    expect(rerun[0]!.updated).toBe(true);
    expect(rerun[0]!.text).toContain('再振り分け 08:10');
    expect(await holders(DAY)).toEqual(day1);

    await moveTo(bot, started.clock, DAY, '08:30');
    expect(keyed(bot, 'w02', `day:${DAY}:w02`)[0]!.text).toContain('3月27日(金) の作業 (2件)');
    const benched = keyed(bot, 'w04', `day:${DAY}:w04`)[0]!.text;
    expect(benched).toContain('3月27日(金) は作業が振り分けられていません。登録されている身分証明書が有効期限切れのためです');
    expect(benched).toContain('業務責任者 (架空 太郎) に連絡してください。');
    // 振替 to someone unknown lists those an order may go to: not the benched w04, not the idle supervisor w01.
    await session(bot).as('w01').say('振替 0001 w99');
    expect(lastText(bot, 'w01')).toBe('作業者「w99」が見つかりません。今日振り替えられる作業者: w02 仮野 次郎、w03 試験 三郎');
    const morning = keyed(bot, '#bureau', `day:${DAY}:bureau`)[0]!.text;
    expect(morning).toContain('作業者 (3名): 架空 太郎、仮野 次郎、試験 三郎\n');
    expect(morning).not.toContain('見本 四郎: 作業なし');
    expect(morning).toContain('・見本 四郎: 身分証明書が有効期限切れのため配置外');
    await session(bot).as('w01').say('再振り分け');
    expect(lastText(bot, 'w01')).toBe('3月27日(金) の朝の配信は済んでいるため、再振り分けはできません。作業を移すには「振替 0012 w03」と送ってください。');

    // Nobody works: every order is carried over at 17:45. The day-end prompt goes to those who can work only.
    await moveTo(bot, started.clock, DAY, '17:15');
    const asked = (who: string) => session(bot!).inbox(who).some((m) => m.text.includes('本日の作業は完了しましたか'));
    expect(['w02', 'w03', 'w04'].map(asked)).toEqual([true, true, false]);
    await moveTo(bot, started.clock, DAY, '17:45');
    const carried = await temp.db.read.workOrder.findMany({ where: { status: 'carried_over' }, orderBy: { orderNo: 'asc' } });
    expect(carried.map((o) => [o.scheduledDate, o.carriedSince])).toEqual(Array(4).fill([NEXT_DAY, DAY]));
    await bot.stop();

    // Day 2: a new order arrives; the bot is started again before ASSIGN_TIME.
    await seedOrders(temp.db, [{ n: '0010', kind: 'other', to: null }], NEXT_DAY);
    started = await startAt(NEXT_DAY, '07:55');
    bot = started.bot;
    await moveTo(bot, started.clock, NEXT_DAY, '08:00');
    const day2 = await holders(NEXT_DAY);
    expect([...day2.keys()].sort()).toEqual(['20260327-0001', '20260327-0002', '20260327-0003', '20260327-0004', '20260328-0010']);
    expect([...day2.values()]).not.toContain('w04');
    const plan2 = keyed(bot, 'w01', `assign:${NEXT_DAY}`)[0]!.text;
    expect(plan2).toContain('3月28日(土) の振り分け');
    expect(plan2).toMatch(/うち繰越 \d件/);
    expect(plan2).toContain('・見本 四郎: 身分証明書が有効期限切れのため');

    await moveTo(bot, started.clock, NEXT_DAY, '08:30');
    const bureau = keyed(bot, '#bureau', `day:${NEXT_DAY}:bureau`)[0]!.text;
    expect(bureau).toMatch(/作業件数\D*5件/);
    expect(keyed(bot, 'w04', `day:${NEXT_DAY}:w04`)[0]!.text).toContain('身分証明書が有効期限切れのためです');
    const mine = (who: string) => [...day2].filter(([, p]) => p === who).map(([no]) => no);
    for (const who of ['w02', 'w03']) {
      const message = keyed(bot, who, `day:${NEXT_DAY}:${who}`)[0]!;
      for (const orderNo of mine(who)) {
        const results = message.buttons.filter((b) => b.label === '結果入力' && b.value.includes(orderNo));
        expect(results, `${who} ${orderNo}`).toHaveLength(1);
      }
      expect(message.text).toContain('3月27日(金)から繰越');
      expect(message.text).not.toContain('→ 繰越');
    }

    // A carried-over order takes a result by the button and by text.
    const [byButton, byText] = mine('w02').filter((no) => no.startsWith('20260327'));
    expect(byButton && byText).toBeTruthy();
    const delivered = await session(bot).as('w02').pressLabel('結果入力', byButton!);
    expect(delivered.find((d) => d.kind === 'form')?.form).toBeDefined();
    await session(bot).submit({ outcome: 'done', note: '止水栓の位置を確認した' });
    expect(lastText(bot, 'w02')).toContain('結果を記録しました。');
    await session(bot).as('w02').say(`${byText!} 完了 止水栓の位置を確認した`);
    expect(lastText(bot, 'w02')).toContain('行った作業の内容を書いてください');
    await session(bot).as('w02').say('止水栓の位置を確認した');
    expect(lastText(bot, 'w02')).toContain('結果を記録しました。');
    const recorded = await temp.db.read.workOrder.findMany({ where: { orderNo: { in: [byButton!, byText!] } }, include: { result: true } });
    expect(recorded.map((o) => [o.status, o.result?.personId])).toEqual([
      ['done', 'w02'],
      ['done', 'w02'],
    ]);
  });

  it('orders already assigned before 08:00 (as in the console demo): the daily run changes nothing and still sends the plan, once', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02' }, { n: '0002', to: 'w03' }]);
    const started = await startAt(DAY, '07:50');
    bot = started.bot;
    await moveTo(bot, started.clock, DAY, '08:00');
    expect(await holders(DAY)).toEqual(new Map([[`${DAY.replaceAll('-', '')}-0001`, 'w02'], [`${DAY.replaceAll('-', '')}-0002`, 'w03']]));
    const plan = keyed(bot, 'w01', `assign:${DAY}`);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.text).toContain('3月27日(金) の振り分け');
    await moveTo(bot, started.clock, DAY, '08:05');
    expect(keyed(bot, 'w01', `assign:${DAY}`)).toHaveLength(1);
  });

  it('a bot started after the morning post time assigns the day before it posts it, once, and the card offers no re-run', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: null }, { n: '0002', to: null }]);
    const started = await startAt(DAY, '08:45');
    bot = started.bot;
    const plan = keyed(bot, 'w01', `assign:${DAY}`);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.buttons).toEqual([]);
    expect(plan[0]!.text).toContain('朝の配信は済んでいます。作業を移すには「振替 0012 w03」と送ってください。');
    const posted = [...keyed(bot, 'w02', `day:${DAY}:w02`), ...keyed(bot, 'w03', `day:${DAY}:w03`)].map((m) => m.text).join('\n');
    expect(posted).toContain('20260327-0001');
    expect(posted).toContain('20260327-0002');
    expect(keyed(bot, '#bureau', `day:${DAY}:bureau`)[0]!.text).not.toContain('未振り分け');
    const runs = await temp.db.read.jobRun.findMany({ where: { key: { startsWith: 'assign-day:' } } });
    expect(runs.map((r) => r.key)).toEqual([`assign-day:${DAY}`]);
    expect(await temp.db.read.auditLog.count({ where: { action: 'assignment.run' } })).toBe(1);
  });

  it('振替 of a carried-over order still assigned on its old day assigns it on today and updates today’s messages only', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0011', kind: 'other', to: 'w02' }]);
    await temp.db.write(async (tx) => {
      await tx.workOrder.update({ where: { orderNo: '20260327-0011' }, data: { scheduledDate: NEXT_DAY, status: 'carried_over', carriedSince: DAY } });
      // The day's assignment ran elsewhere before the order was carried: its row is still on the old day.
      await tx.jobRun.create({ data: { key: `assign-day:${NEXT_DAY}`, instanceId: 'elsewhere' } });
    });
    const started = await startAt(NEXT_DAY, '09:00');
    bot = started.bot;
    await session(bot).as('w01').say('振替 0011 w03');
    expect(lastText(bot, 'w01')).toContain('20260327-0011 その他 (片町) を 試験 三郎 さんに振り分けました');
    const row = await temp.db.read.assignment.findFirst({ where: { workOrder: { orderNo: '20260327-0011' } } });
    expect(row).toMatchObject({ personId: 'w03', date: NEXT_DAY, pinned: true });
    expect(keyed(bot, '#bureau', `day:${DAY}:bureau`)).toHaveLength(0);
    expect(keyed(bot, 'w03', `day:${DAY}:w03`)).toHaveLength(0);
    expect(keyed(bot, 'w03', `day:${NEXT_DAY}:w03`).at(-1)!.text).toContain('20260327-0011');
    expect(keyed(bot, '#bureau', `day:${NEXT_DAY}:bureau`).at(-1)!.text).toContain('試験 三郎: 1件 (片町)');
  });

  it('振替 before the morning post only moves the order: nobody is sent a day before the post, which then carries the move', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0011', kind: 'other', to: 'w02' }]);
    const started = await startAt(DAY, '07:58');
    bot = started.bot;
    await session(bot).as('w01').say('振替 0011 w03');
    expect(lastText(bot, 'w01')).toBe('20260327-0011 その他 (片町) を 試験 三郎 さんに移しました (足順 1 番目)。朝の配信の前なので、作業者と局には朝の配信で届きます。');
    expect(keyed(bot, '#bureau', `day:${DAY}:bureau`)).toHaveLength(0);
    expect(session(bot).inbox('w03')).toHaveLength(0);
    await moveTo(bot, started.clock, DAY, '08:30');
    expect((await holders(DAY)).get('20260327-0011')).toBe('w03');
    expect(keyed(bot, 'w03', `day:${DAY}:w03`).at(-1)!.text).toContain('20260327-0011');
  });

  it('refuses a configuration that assigns after the morning post', () => {
    expect(() => loadConfig({ ASSIGN_TIME: '08:30', MORNING_POST_TIME: '08:30' })).toThrow('ASSIGN_TIME (08:30) は MORNING_POST_TIME (08:30) より前の時刻にしてください');
    expect(loadConfig({ ASSIGN_TIME: '07:45' }).assignTime).toBe('07:45');
  });
});
