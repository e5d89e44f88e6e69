import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { at, DAY, seedOrders, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

/**
 * The reminder of an unapproved 日報 on durable timers ('daily.remind'), on the console bot as `kaiheisen start
 * --console` builds it: every 30 minutes after the 17:45 compile, 3 times at most, the latest round only after a stop,
 * once across instances, and never after the approval.
 */
let temp: TempDatabase;
const bots: Bot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await temp?.dispose();
});

let ctx: AppContext;
let clock: VirtualClock;

async function seedDay(): Promise<void> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await seedOrders(temp.db, [{ n: '0001', to: 'w02' }]);
  clock = new VirtualClock(at('09:00'));
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
  ctx = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
}

async function start(instanceId = 'bot'): Promise<Bot> {
  const bot = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId, out: () => undefined });
  bots.push(bot);
  return bot;
}

async function moveTo(time: string, ...running: Bot[]): Promise<void> {
  clock.set(at(time));
  for (const bot of running) await bot.tick(clock.now());
}

const reminders = (bot: Bot) => bot.console!.session.inbox('w01').map((m) => m.text).filter((t) => t.includes('まだ承認されていません'));
const roundsOf = (texts: string[]) => texts.map((t) => Number(/\((\d) 回目のお知らせ\)/.exec(t)?.[1]));
const timers = () => temp.db.read.durableTimer.findMany({ where: { kind: 'daily.remind' }, orderBy: { id: 'asc' }, select: { dedupeKey: true, state: true, dueAt: true, payload: true } });

describe('the reminder of an unapproved daily report', () => {
  it('starts with the compile, comes every 30 minutes of the compile time, 3 times at most, and is not stopped by an amendment', async () => {
    await seedDay();
    const bot = await start();
    await moveTo('17:45', bot);
    expect(await timers()).toEqual([{ dedupeKey: `daily:${DAY}:remind:1`, state: 'pending', dueAt: at('18:15'), payload: JSON.stringify({ date: DAY, round: 1 }) }]);
    await moveTo('18:15', bot);
    expect(roundsOf(reminders(bot))).toEqual([1]);
    // A correction keeps the report a draft: the wait for the approval goes on.
    await moveTo('18:20', bot);
    await bot.console!.session.as('w01').pressLabel('修正・追記');
    await bot.console!.session.submit({ correction: '0001 は完了', notes: '' });
    expect(bot.console!.session.inbox('w01').filter((m) => m.view.key === `daily:${DAY}`).at(-1)!.text).toContain('修正・追記 1 件');
    // A late tick: the next round is still due 30 minutes after the one before it was due, counted from the compile.
    await moveTo('18:50', bot);
    expect(roundsOf(reminders(bot))).toEqual([1, 2]);
    await moveTo('19:14', bot);
    expect(roundsOf(reminders(bot))).toEqual([1, 2]);
    await moveTo('19:15', bot);
    await moveTo('19:45', bot);
    await moveTo('23:00', bot);
    expect(roundsOf(reminders(bot))).toEqual([1, 2, 3]);
    expect(reminders(bot)[0]).toBe('3月27日(金) の日報がまだ承認されていません (1 回目のお知らせ)。日報カードの内容を確認し「承認」を押してください。');
    const rows = await timers();
    expect(rows.map((r) => [r.dedupeKey, r.state, r.dueAt])).toEqual([1, 2, 3].map((n) => [`daily:${DAY}:remind:${n}`, 'done', at(['18:15', '18:45', '19:15'][n - 1]!)]));
  });

  it('is cancelled by the approval in its transaction: the pending round never runs', async () => {
    await seedDay();
    const bot = await start();
    await moveTo('17:45', bot);
    await moveTo('18:15', bot);
    await moveTo('18:16', bot);
    await bot.console!.session.as('w01').pressLabel('承認');
    expect((await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily' } })).state).toBe('sent');
    expect((await timers()).map((r) => [r.dedupeKey, r.state])).toEqual([
      [`daily:${DAY}:remind:1`, 'done'],
      [`daily:${DAY}:remind:2`, 'cancelled'],
    ]);
    await moveTo('18:45', bot);
    await moveTo('20:00', bot);
    expect(roundsOf(reminders(bot))).toEqual([1]);
  });

  /** Compiles at 17:45 on one bot, stops it, and starts another at `time` (nothing ran meanwhile). */
  async function downUntil(time: string): Promise<Bot> {
    const first = await start();
    await moveTo('17:45', first);
    await first.stop();
    bots.splice(bots.indexOf(first), 1);
    clock.set(at(time));
    const second = await start();
    await second.tick(clock.now());
    return second;
  }

  it('after a stop sends only the latest round due, once, then goes on from it', async () => {
    await seedDay();
    const bot = await downUntil('18:50'); // rounds 1 (18:15) and 2 (18:45) passed while no bot ran
    expect(roundsOf(reminders(bot))).toEqual([2]);
    await moveTo('19:14', bot);
    expect(roundsOf(reminders(bot))).toEqual([2]);
    await moveTo('19:15', bot);
    await moveTo('23:00', bot);
    expect(roundsOf(reminders(bot))).toEqual([2, 3]);
    expect((await timers()).map((r) => [r.dedupeKey, r.state])).toEqual([
      [`daily:${DAY}:remind:1`, 'done'],
      [`daily:${DAY}:remind:3`, 'done'],
    ]);
  });

  it('after a long stop sends the last round only, and nothing after it', async () => {
    await seedDay();
    const bot = await downUntil('21:00'); // all three rounds passed
    await moveTo('23:00', bot);
    expect(roundsOf(reminders(bot))).toEqual([3]);
    expect((await timers()).map((r) => [r.dedupeKey, r.state])).toEqual([[`daily:${DAY}:remind:1`, 'done']]);
  });

  it('reminds once when two instances tick at the same time', async () => {
    await seedDay();
    const a = await start('bot-a');
    const b = await start('bot-b');
    await moveTo('17:45', a, b);
    clock.set(at('18:15'));
    await Promise.all([a.tick(clock.now()), b.tick(clock.now())]);
    await moveTo('18:16', a, b);
    expect([...reminders(a), ...reminders(b)]).toHaveLength(1);
    expect(await temp.db.read.delivery.count({ where: { logicalKey: { contains: `daily:${DAY}:remind:1` } } })).toBe(1);
  });
});
