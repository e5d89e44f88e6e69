import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { createAppContext, type AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { tokyoInstant } from '../../../src/domain/calendar/local-time.ts';
import { pickOrder, textOf } from '../../support/results-world.ts';
import { tempDatabaseUrl } from '../../support/temp-db.ts';
import { TEST_KEY_ENV } from '../../support/test-cipher.ts';

/**
 * The console bot as `kaiheisen start` assembles it, on the database under test (SQLite, or PostgreSQL in the
 * PostgreSQL pass) with a given data key: a morning played on it, then a restart on the same database.
 */
const DAY = '2026-03-27';
let dir: string;
let drop: (() => Promise<void>) | undefined;
let ctx: AppContext | undefined;
let bot: Bot | undefined;

afterEach(async () => {
  await bot?.stop();
  await ctx?.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
  [bot, ctx, drop] = [undefined, undefined, undefined];
});

async function start(url: string, clock: VirtualClock): Promise<Bot> {
  ctx = await createAppContext(loadConfig({ ...TEST_KEY_ENV, DATABASE_URL: url, KAIHEISEN_LOG_LEVEL: 'silent' }), { clock });
  return startBot(ctx, { date: DAY, out: () => {}, wallClock: false, instanceId: 'bot', platforms: { forceConsole: true } });
}

describe('the assembled console bot on the database under test', () => {
  it('loads the examples, posts the morning, records a worker\'s result by text, and keeps it all across a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kaiheisen-assembled-'));
    const database = await tempDatabaseUrl(dir);
    drop = database.drop;
    const clock = new VirtualClock(tokyoInstant(DAY, '07:00'));
    bot = await start(database.url, clock);
    expect(bot.demo).toMatchObject({ date: DAY, rejected: 0 });
    const people = await ctx!.db.read.person.count({ where: { active: true } });
    const orders = await ctx!.db.read.workOrder.count({ where: { scheduledDate: DAY } });
    expect(people).toBeGreaterThan(0);
    expect(orders).toBeGreaterThan(0);

    clock.set(tokyoInstant(DAY, '08:30'));
    await bot.tick(clock.now());
    const session = bot.console!.session;
    expect(session.inbox('w02').map((m) => m.view.key)).toContain(`day:${DAY}:w02`);

    const order = await pickOrder({ ctx: ctx!, clock, url: database.url, dispose: async () => {} }, 'open', { meterWork: null });
    const worker = session.as(order.personId);
    await worker.say(`${order.serial} 開栓完了 指針${order.previousReading!} 在宅 散水栓出る`);
    expect(textOf(await worker.say('はい'))).toContain('結果を記録しました。');
    const recorded = { outcome: 'done', reading: order.previousReading };
    expect(await ctx!.db.read.taskResult.findFirst({ where: { workOrder: { orderNo: order.orderNo } } })).toMatchObject(recorded);

    await bot.stop();
    await ctx!.close();
    clock.set(tokyoInstant(DAY, '09:30'));
    bot = await start(database.url, clock);
    expect(bot.demo).toBeUndefined(); // a database with data gets no examples again
    expect(await ctx!.db.read.person.count({ where: { active: true } })).toBe(people);
    expect(await ctx!.db.read.workOrder.count({ where: { scheduledDate: DAY } })).toBe(orders);
    expect(await ctx!.db.read.taskResult.findFirst({ where: { workOrder: { orderNo: order.orderNo } } })).toMatchObject(recorded);
    expect((await ctx!.db.read.jobRun.findMany()).map((r) => r.key)).toContain(`morning-post:${DAY}`);
    // The console shows again what the outbox sent before the restart, and the morning is not posted twice.
    await bot.tick(clock.now());
    const again = bot.console!.session.inbox('w02').map((m) => m.view.key);
    expect(again.filter((key) => key === `day:${DAY}:w02`)).toHaveLength(1);
    expect(textOf(await bot.console!.session.as(order.personId).say(`${order.serial} 開栓完了 指針${order.previousReading!}`))).toContain('の結果は記録済みです');
  }, 60_000);
});
