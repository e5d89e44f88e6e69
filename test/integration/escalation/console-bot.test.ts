import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { loadConfig } from '../../../src/config.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { minutes, recordingLogger, seedTeam, T0 } from '../../support/escalation-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await temp?.dispose();
});

/** The bot as `kaiheisen start` builds it: escalation routes and timers are part of startBot. */
async function startWithEscalation(): Promise<{ bot: Bot; clock: VirtualClock }> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  const clock = new VirtualClock(T0);
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
  const ctx: AppContext = { config, db: temp.db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, {
    platforms: { forceConsole: true },
    wallClock: false,
    loadExamples: false,
    instanceId: 'bot',
    out: () => undefined,
  });
  return { bot: started, clock };
}

describe('doubts on the console bot', () => {
  it('a doubt typed by a worker is raised (not just echoed), escalates on the scheduler tick, and cards update in place', async () => {
    const started = await startWithEscalation();
    bot = started.bot;
    const session = bot.console!.session;
    await session.as('w02').say('疑義 0001 メーターが見当たりません');
    const supervisorCard = () => session.inbox('w01').filter((m) => m.view.key === 'doubt:1');
    expect(supervisorCard()).toHaveLength(1);
    expect(supervisorCard()[0]!.buttons.map((b) => b.label)).toEqual(['受領', '指示して回答', '局へ相談', '解決']);

    started.clock.set(minutes(10));
    await bot.tick(started.clock.now());
    const bureauCard = () => session.inbox('c01').filter((m) => m.view.key === 'doubt:1');
    expect(bureauCard()).toHaveLength(1);

    await session.as('c01').pressLabel('受領');
    expect(supervisorCard()).toHaveLength(1);
    expect(supervisorCard()[0]!.updated).toBe(true);
    expect(supervisorCard()[0]!.text).toContain('受領済み');
    expect(session.inbox('w02').some((m) => m.text.includes('想定 一郎 が受領しました'))).toBe(true);
  });
});
