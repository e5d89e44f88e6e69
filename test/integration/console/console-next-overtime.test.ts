import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { at, DAY, seedOrders, seedTeam } from '../../support/day-end-world.ts';
import { recordingLogger } from '../../support/escalation-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await temp?.dispose();
  bot = temp = undefined;
});

describe('/next on the console clock', () => {
  it('stops when an approved overtime ends, and the report that waited for it is compiled then', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02', kind: 'close' }]);
    await temp.db.write((tx) =>
      tx.overtimeRequest.create({
        data: { date: DAY, requestedById: 'w02', orderNos: '["20260327-0001"]', reason: 'お客さまの帰宅待ち', until: '18:30', state: 'approved', decidedById: 'c01', decidedAt: at('17:20') },
      }),
    );
    const clock = new VirtualClock(at('17:50'));
    const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
    const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
    bot = await startBot(ctx, { platforms: { forceConsole: true }, drivenClock: clock, wallClock: false, loadExamples: false, out: () => {} });
    await bot.clock!.advanceTo(at('17:51'));
    expect(await temp.db.read.report.count({ where: { kind: 'daily' } })).toBe(0);

    const next = await bot.clock!.next();
    expect(next).toEqual({ at: at('18:30'), kind: 'poller', name: 'daily-report-after-overtime' });
    await bot.clock!.advanceTo(next!.at);
    expect(await temp.db.read.report.count({ where: { kind: 'daily' } })).toBe(1);
  });

  it('a request the bureau never answered holds the report until its end too: /time past it lists the compile at that moment', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02', kind: 'close' }]);
    await temp.db.write((tx) =>
      tx.overtimeRequest.create({ data: { date: DAY, requestedById: 'w02', orderNos: '["20260327-0001"]', reason: 'お客さまの帰宅待ち', until: '19:00', state: 'pending' } }),
    );
    const clock = new VirtualClock(at('17:50'));
    const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
    const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
    bot = await startBot(ctx, { platforms: { forceConsole: true }, drivenClock: clock, wallClock: false, loadExamples: false, out: () => {} });
    await bot.clock!.advanceTo(at('17:51'));
    expect(await temp.db.read.report.count({ where: { kind: 'daily' } })).toBe(0); // deferred: the request may still be granted

    expect(await bot.clock!.next()).toEqual({ at: at('19:00'), kind: 'poller', name: 'daily-report-after-overtime' });
    const passed = await bot.clock!.advanceTo(at('21:00'));
    expect(passed.filter((e) => e.name === 'daily-report-after-overtime')).toEqual([{ at: at('19:00'), kind: 'poller', name: 'daily-report-after-overtime' }]);
    expect(await temp.db.read.report.count({ where: { kind: 'daily' } })).toBe(1);
  });
});
