import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { DAY, moveTo, seedOrders, seedResults, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** The console bot on a virtual clock: w02 has 0001 (done) and 0002 (open), w03 has 0003 and 0004 (both open). */
async function startDay(time = '09:00'): Promise<{ bot: Bot; clock: VirtualClock }> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await seedOrders(temp.db, [
    { n: '0001', to: 'w02' },
    { n: '0002', to: 'w02' },
    { n: '0003', to: 'w03', kind: 'close', town: '野町' },
    { n: '0004', to: 'w03', kind: 'close', town: '野町' },
  ]);
  await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'done', time: '10:30' }]);
  return startConsoleDay(temp.db, temp.url, time);
}

const last = (b: Bot, who: string) => b.console!.session.inbox(who).at(-1)?.text ?? '';
const fees = () => temp.db.read.parkingFee.findMany({ orderBy: { id: 'asc' } });

describe('駐車: the amount and the order number', () => {
  it('never takes the order number for the amount, reads kanji amounts, and refuses zero, negative and huge amounts', async () => {
    ({ bot } = await startDay('16:00'));
    const w03 = bot.console!.session.as('w03');
    await w03.say('駐車 0009');
    expect(last(bot, 'w03')).toContain('「0009」は作業番号として読みました。金額が書かれていないため、記録していません。');
    expect(last(bot, 'w03')).toContain('「駐車 [作業番号] 金額」');
    await w03.say('駐車 0003 -500円');
    expect(last(bot, 'w03')).toContain('金額は 1 円以上で書いてください');
    await w03.say('駐車 0円');
    expect(last(bot, 'w03')).toContain('金額は 1 円以上で書いてください');
    await w03.say('駐車 0003 30000円');
    expect(last(bot, 'w03')).toContain('20000 円を超える金額は記録できません');
    await w03.say('駐車 コインパーキング');
    expect(last(bot, 'w03')).toContain('金額が読み取れないため、記録していません。「駐車 [作業番号] 金額」');
    expect(await fees()).toEqual([]);

    await w03.say('駐車 0003 千五百円');
    expect(last(bot, 'w03')).toContain('有料駐車場使用料 1,500 円を記録しました (作業 20260327-0003)');
    await w03.say('駐車 0004 800');
    expect(last(bot, 'w03')).toContain('有料駐車場使用料 800 円を記録しました (作業 20260327-0004)');
    expect((await fees()).map((f) => f.amountYen)).toEqual([1500, 800]);
  });
});

const confirmations = () => temp.db.read.dayEndConfirmation.findMany();

describe('a plain answer to 「本日の作業は完了しましたか」', () => {
  it.each(['はい', '終わりました', '本日の作業すべて完了しました', '完了です', 'はい、全部終わりました'])('「%s」 with an order open asks to carry it over; a yes confirms the day as the button does', async (answer) => {
    const started = await startDay('16:00');
    bot = started.bot;
    await moveTo(bot, started.clock, '17:15');
    await bot.console!.session.as('w02').say(answer);
    expect(last(bot, 'w02')).toBe(
      '(「本日の作業は完了しましたか」への返事として受け取りました)\n未完了の作業が 1 件あります (0002)。繰越として完了報告しますか？ はい／いいえ (「はい」で完了報告します。残りの作業は次の作業日に繰り越されます)',
    );
    expect(await confirmations()).toEqual([]);
    await bot.console!.session.as('w02').say('はい');
    expect(last(bot, 'w02')).toContain('3月27日(金) の完了報告を受け付けました (17:15)');
    expect((await confirmations()).map((c) => c.personId)).toEqual(['w02']);
    const card = bot.console!.session.inbox('w02').filter((m) => m.view.key === `dayEnd:${DAY}`);
    expect(card[0]!.text).toContain('完了報告済み (17:15)');
  });

  it('is not taken before the question is asked, and not yet / まだ残っています records nothing and says what is open', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    const w02 = bot.console!.session.as('w02');
    await w02.say('終わりました');
    expect(await confirmations()).toEqual([]);
    await moveTo(bot, started.clock, '17:15');
    for (const answer of ['いいえ', 'まだです', 'まだ残っています']) {
      await w02.say(answer);
      expect(last(bot, 'w02')).toBe(
        '3月27日(金) の完了報告はまだ受け付けていません。未完了の作業: 1 件 (0002) 残りの作業の結果を送り (例: 「0012 完了 指針1234」)、すべて終わったら「完了報告」を押すか「完了しました」と送ってください。',
      );
    }
    expect(await confirmations()).toEqual([]);
    await w02.say('はい');
    expect(await confirmations()).toEqual([]);
    await w02.say('はい');
    expect((await confirmations()).map((c) => c.personId)).toEqual(['w02']);
  });

  it('a stray はい after a refused result is not a silent 完了報告; いいえ drops the carry question; a typed 完了報告 asks too', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    await moveTo(bot, started.clock, '17:20');
    const w03 = bot.console!.session.as('w03');
    await w03.say('0001 名変 完了 指針100');
    expect(await confirmations()).toEqual([]);
    await w03.say('はい');
    expect(last(bot, 'w03')).toContain('未完了の作業が 2 件あります (0003、0004)。繰越として完了報告しますか？');
    expect(await confirmations()).toEqual([]);
    await w03.say('いいえ');
    expect(last(bot, 'w03')).toContain('3月27日(金) の完了報告はまだ受け付けていません。');
    await w03.say('完了報告');
    expect(last(bot, 'w03')).toBe('未完了の作業が 2 件あります (0003、0004)。繰越として完了報告しますか？ はい／いいえ (「はい」で完了報告します。残りの作業は次の作業日に繰り越されます)');
    // A result in between replaces the question: the next はい asks again instead of confirming.
    await w03.say('0003 閉栓完了 指針1200');
    await w03.say('はい');
    expect(await confirmations()).toEqual([]);
    await w03.say('完了報告');
    expect(last(bot, 'w03')).toContain('繰越として完了報告しますか？');
    await w03.say('はい');
    expect(last(bot, 'w03')).toContain('3月27日(金) の完了報告を受け付けました (17:20)');
    expect((await confirmations()).map((c) => c.personId)).toEqual(['w03']);
  });

  it('a typed 完了報告 with nothing open is recorded at once', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    await seedResults(temp.db, [{ n: '0002', by: 'w02', outcome: 'done', time: '15:00' }]);
    await bot.console!.session.as('w02').say('完了報告');
    expect(last(bot, 'w02')).toContain('3月27日(金) の完了報告を受け付けました (16:00)');
  });
});

describe('a result without an order number, in answer to the day-end question', () => {
  it('goes to the worker’s only open order, keeps the reading, and a はい then answers the result’s question, not the day’s', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    await moveTo(bot, started.clock, '17:15');
    const w02 = bot.console!.session.as('w02');
    await w02.say('完了 指針2250');
    const echo = last(bot, 'w02');
    expect(echo).toContain('20260327-0002');
    expect(echo).toContain('指針 2250 で間違いありませんか');
    await w02.say('はい');
    expect(await confirmations()).toEqual([]); // the reading was confirmed, not the day
    const pending = await temp.db.read.pendingReply.findUnique({ where: { personId: 'w02' } });
    expect(JSON.parse(pending!.draft).draft).toMatchObject({ reading: 2250, readingConfirmed: true });
  });

  it('with two open orders asks which, says nothing is recorded, and confirms nothing', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    await moveTo(bot, started.clock, '17:15');
    await bot.console!.session.as('w03').say('完了 指針2250');
    const answer = last(bot, 'w03');
    expect(answer).toContain('どの作業の結果か分からないため、まだ記録していません');
    expect(answer).toContain('20260327-0003');
    expect(answer).toContain('20260327-0004');
    expect(await confirmations()).toEqual([]);
    expect(await temp.db.read.taskResult.count()).toBe(1); // the seeded 0001 only
  });
});

describe('「完了 指針2250」 to the day-end question while a result conversation is open', () => {
  const draftOf = async (who: string) => JSON.parse((await temp.db.read.pendingReply.findUnique({ where: { personId: who } }))!.draft).draft;

  it('after the conversation expired: the old one is said to be gone, and the text is read as a new result (reading kept)', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    const w02 = bot.console!.session.as('w02');
    await w02.say('0002 開栓 完了');
    expect(last(bot, 'w02')).toContain('お客さまは在宅でしたか');
    await moveTo(bot, started.clock, '17:15'); // the conversation expired (30 minutes); the day-end question is asked
    expect(last(bot, 'w02')).toContain('本日の作業は完了しましたか');
    await w02.say('完了 指針2250');
    const echo = last(bot, 'w02');
    expect(echo).toContain('20260327-0002 の前の入力は 30 分以上返事がなかったため取り消しました');
    expect(echo).toContain('指針 2250 で間違いありませんか');
    expect(await draftOf('w02')).toMatchObject({ reading: 2250, readingConfirmed: false });
    expect(await confirmations()).toEqual([]);
  });

  it('after it expired with two open orders: the order is asked, nothing is recorded or confirmed', async () => {
    const started = await startDay('16:00');
    bot = started.bot;
    const w03 = bot.console!.session.as('w03');
    await w03.say('0003 閉栓 完了');
    await moveTo(bot, started.clock, '17:15');
    await w03.say('完了 指針2250');
    const answer = last(bot, 'w03');
    expect(answer).toContain('どの作業の結果か分からないため、まだ記録していません');
    expect(answer).toContain('20260327-0004');
    expect(await confirmations()).toEqual([]);
    expect(await temp.db.read.taskResult.count()).toBe(1);
  });

  it('while the conversation is live: the reading is not taken for a yes to another question; it is confirmed, then the question comes again', async () => {
    const started = await startDay('16:50');
    bot = started.bot;
    const w02 = bot.console!.session.as('w02');
    await w02.say('0002 開栓 完了');
    expect(last(bot, 'w02')).toContain('お客さまは在宅でしたか');
    await moveTo(bot, started.clock, '17:15');
    await w02.say('完了 指針2250');
    expect(last(bot, 'w02')).toContain('指針 2250 で間違いありませんか');
    expect(await draftOf('w02')).toMatchObject({ reading: 2250, readingConfirmed: false });
    expect((await draftOf('w02')).customerPresent ?? null).toBeNull();
    await w02.say('はい');
    expect(last(bot, 'w02')).toContain('お客さまは在宅でしたか');
    expect(await draftOf('w02')).toMatchObject({ reading: 2250, readingConfirmed: true });
    await w02.say('いませんでした');
    expect(await draftOf('w02')).toMatchObject({ customerPresent: false });
    expect(await confirmations()).toEqual([]);
  });
});

describe('words of a result the parser did not understand', () => {
  it('are not kept as a note: the echo says so; an explicit メモ is kept', async () => {
    ({ bot } = await startDay('11:00'));
    const w02 = bot.console!.session.as('w02');
    const draftNote = async () => JSON.parse((await temp.db.read.pendingReply.findUnique({ where: { personId: 'w02' } }))!.draft).draft.note;
    await w02.say('0002 開栓完了 指針2250 でした。メーターボックスの蓋が重い');
    expect(last(bot, 'w02')).toContain('読み取れなかった部分 (記録していません)');
    expect(await draftNote()).toBeNull();
    await w02.say('0002 開栓完了 指針2250 メモ 犬がいるので注意');
    expect(last(bot, 'w02')).not.toContain('読み取れなかった部分');
    expect(await draftNote()).toBe('犬がいるので注意');
  });
});
