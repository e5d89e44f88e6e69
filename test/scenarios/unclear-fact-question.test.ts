import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/assembly/assemble-bot.ts';
import { moveTo, seedOrders, seedTeam, startConsoleDay } from '../support/day-end-world.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const lastText = (b: Bot, who: string) => b.console!.session.inbox(who).at(-1)?.text ?? '';
const resultOf = (orderNo: string) => temp.db.read.taskResult.findFirst({ where: { workOrder: { orderNo } } });

describe('an unclear pin or seal in a result text, on the console bot with a real SQLite file and a virtual clock', () => {
  it('asks one yes/no question, keeps it across a restart, and records the fact answered', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0003', to: 'w03', kind: 'close', town: '野町' }]);
    let started = await startConsoleDay(temp.db, temp.url, '10:00');
    bot = started.bot;

    await bot.console!.session.as('w03').say('0003 閉栓完了 在宅 了解済 指針2045 ピンは交換したけどしてない 散水栓出ない');
    expect(lastText(bot, 'w03')).toContain('ピンは交換しましたか（はい／いいえ）');
    expect(await resultOf('20260327-0003')).toBeNull();

    // Anything else typed while the question is open gets the question again, with the expected answers.
    await bot.console!.session.as('w03').say('たぶん');
    expect(lastText(bot, 'w03')).toContain('「はい」か「いいえ」でお答えください。');
    expect(lastText(bot, 'w03')).toContain('ピンは交換しましたか（はい／いいえ）');

    // The bot restarts between the question and the answer: the question is kept in the database.
    await moveTo(bot, started.clock, '10:05');
    await bot.stop();
    const pending = await temp.db.read.pendingReply.findFirst({ where: { personId: 'w03' } });
    expect(pending?.step).toBe('clarify:valvePinReplaced');
    started = await startConsoleDay(temp.db, temp.url, '10:10');
    bot = started.bot;

    await bot.console!.session.as('w03').say('交換済');
    expect(lastText(bot, 'w03')).toContain('指針 2045 で間違いありませんか');
    expect(await resultOf('20260327-0003')).toBeNull();
    await bot.console!.session.as('w03').say('はい');
    expect(lastText(bot, 'w03')).toContain('結果を記録しました。');
    expect(await resultOf('20260327-0003')).toMatchObject({ outcome: 'done', reading: 2045, valvePinReplaced: true });
  });

  it('records the seal as not fitted when the worker says no, and asks for the pin or seal the rule needs', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0003', to: 'w03', kind: 'close', town: '野町' }]);
    const started = await startConsoleDay(temp.db, temp.url, '10:00');
    bot = started.bot;
    const w03 = bot.console!.session.as('w03');

    await w03.say('0003 閉栓完了 在宅 了解済 指針2045 封印したけどしてない 散水栓出ない');
    expect(lastText(bot, 'w03')).toContain('封印はしましたか（はい／いいえ）');
    await w03.say('してない');
    expect(lastText(bot, 'w03')).toContain('指針 2045 で間違いありませんか');
    await w03.say('はい');
    expect(await resultOf('20260327-0003')).toBeNull(); // neither pin nor seal: the rule asks
    await w03.say('ピン');
    expect(lastText(bot, 'w03')).toContain('結果を記録しました。');
    expect(await resultOf('20260327-0003')).toMatchObject({ valvePinReplaced: true, sealFitted: false });
  });
});
