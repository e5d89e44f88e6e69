import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../../src/assembly/context.ts';
import { loadConfig } from '../../../src/config.ts';
import { DATE, minutes, recordingLogger, seedTeam, T0 } from '../../support/escalation-world.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const PHONE = '090-1234-5678';
const DOUBT = `0001 架空花子様から ${PHONE} に連絡あり、メーター位置が違うと言われた`;
const INCIDENT = `0001 架空 花子様宅の門扉に接触 ０９０ー１２３４ー５６７８ へ謝罪済み`;
const PERSONAL = [PHONE, '０９０ー１２３４ー５６７８', '架空花子', '架空 花子', '9900012345'];

async function startConsoleBot(): Promise<{ clock: VirtualClock; logger: ReturnType<typeof recordingLogger>; bot: Bot }> {
  const clock = new VirtualClock(T0);
  const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
  const logger = recordingLogger();
  const ctx: AppContext = { config, db: temp.db, clock, logger, calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const started = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
  return { clock, logger, bot: started };
}

describe('personal data typed into a doubt and an incident', () => {
  it('masks the name typed with the keyboard\'s kanji (山崎) for a customer registered with a variant (山﨑)', async () => {
    temp = await encryptedTempDatabase();
    await seedTeam(temp.db);
    await temp.db.write(async (tx) => {
      const order = await tx.workOrder.create({
        data: {
          orderNo: '20260327-0004', kind: 'open', scheduledDate: DATE, address: '金沢市片町4番地', town: '片町',
          customerName: '山﨑 翔', customerNameKana: 'ﾔﾏｻﾞｷ ｼｮｳ', customerNumber: '9900044444', contentHash: '0004',
        },
      });
      await tx.assignment.create({ data: { workOrderId: order.id, personId: 'w02', date: DATE, visitOrder: 2 } });
    });
    const started = await startConsoleBot();
    bot = started.bot;
    const session = bot.console!.session;

    await session.as('w02').say('0004 疑義 山崎翔様が不在');

    const doubt = session.inbox('w01').filter((m) => m.view.key === 'doubt:1').map((m) => m.text).join('\n');
    expect(doubt).toContain('[氏名]様が不在');
    for (const personal of ['山崎翔', '山﨑翔', '山﨑 翔']) expect(doubt).not.toContain(personal);
    expect((await temp.db.read.doubt.findFirstOrThrow()).text).toContain('山崎翔様が不在'); // kept as typed, encrypted at rest
    for (const personal of ['山崎翔', '山﨑']) expect(JSON.stringify(started.logger.lines)).not.toContain(personal);

    // Without its order number, or under another order's number: the day's customers are masked all the same.
    await session.as('w02').say('疑義 山﨑翔さんがメーター番号が違うと言っている');
    await session.as('w03').say('0002 疑義 隣の山崎さんも不在');
    await session.as('w03').say('事故 山﨑 翔様宅の門扉に接触');
    const cards = session.inbox('w01').filter((m) => ['doubt:2', 'doubt:3', 'incident:1'].includes(m.view.key ?? '')).map((m) => m.text).join('\n');
    expect(cards).toContain('[氏名]さんがメーター番号が違うと言っている');
    expect(cards).toContain('隣の[氏名]さんも不在');
    expect(cards).toContain('[氏名]様宅の門扉に接触');
    for (const personal of ['山崎', '山﨑']) expect(cards).not.toContain(personal);
  });

  it('is masked on the supervisor and bureau cards and never logged', async () => {
    temp = await encryptedTempDatabase();
    await seedTeam(temp.db); // orders -0001 (w02) and -0002 (w03), customer 架空 花子 / 9900012345
    const clock = new VirtualClock(T0);
    const config = loadConfig({ DATABASE_URL: temp.url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false' });
    const logger = recordingLogger();
    const ctx: AppContext = { config, db: temp.db, clock, logger, calendar: createWorkCalendar(config.calendar), close: async () => {} };
    bot = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
    const session = bot.console!.session;
    const card = (who: string, key: string) => session.inbox(who).filter((m) => m.view.key === key).map((m) => m.text).join('\n');

    await session.as('w02').say(`疑義 ${DOUBT}`);
    await session.as('w02').say(`事故 ${INCIDENT}`);
    clock.set(minutes(10)); // the doubt escalates to the bureau contact
    await bot.tick(clock.now());

    for (const who of ['w01', 'c01']) {
      const doubt = card(who, 'doubt:1');
      const incident = card(who, 'incident:1');
      expect(doubt).toContain('[氏名]様から [電話番号] に連絡あり、メーター位置が違うと言われた');
      expect(incident).toContain('[氏名]様宅の門扉に接触 [電話番号] へ謝罪済み');
      for (const personal of PERSONAL) {
        expect(doubt).not.toContain(personal);
        expect(incident).not.toContain(personal);
      }
    }
    // The texts are kept whole (encrypted at rest) for whoever may see them.
    expect((await temp.db.read.doubt.findFirstOrThrow()).text).toContain(DOUBT.replace(/^0001 /, ''));
    expect((await temp.db.read.incident.findFirstOrThrow()).description).toContain('架空 花子様宅の門扉に接触 090ー1234ー5678'); // digits made half-width

    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const personal of PERSONAL) expect(logged).not.toContain(personal);
  });
});
