import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/assembly/assemble-bot.ts';
import type { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { moveTo, NEXT_DAY, seedOrders, seedTeam, startConsoleDay } from '../support/day-end-world.ts';
import { tempDatabase, type TempDatabase } from '../support/temp-db.ts';

/**
 * Each failure observed when the bot was tried as a field worker would (issue 11), played through the console bot
 * as `kaiheisen start --console` assembles it, on a real SQLite file and a virtual clock, with a restart in the
 * middle of the day and the next day on the same database.
 */
let temp: TempDatabase;
let bot: Bot | undefined;
let clock: VirtualClock;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const inbox = (who: string) => bot!.console!.session.inbox(who).map((m) => m.text);
const last = (who: string) => inbox(who).at(-1) ?? '';
const say = (who: string, text: string) => bot!.console!.session.as(who).say(text);
const resultOf = (serial: string) => temp.db.read.taskResult.findFirst({ where: { workOrder: { orderNo: `20260327-${serial}` } } });

/** The flow's questions a scenario does not test, answered plainly; anything else unexpected fails the test. */
const PLAIN_ANSWERS: [RegExp, string][] = [
  [/指針 \d+ で間違いありませんか/, 'はい'],
  [/散水栓・水栓柱はありましたか/, 'なし'],
  [/在宅のお客さまから作業の了解を得ましたか/, 'はい'],
  [/お客さまは在宅でしたか/, 'はい'],
  [/電話連絡しましたか/, 'はい'],
  [/パイロットは止まっていますか/, '止まった'],
];

async function answerUntilRecorded(who: string): Promise<string> {
  for (let i = 0; i < 8; i++) {
    const text = last(who);
    if (/の?結果を(記録|訂正)しました/.test(text)) return text;
    const answer = PLAIN_ANSWERS.find(([question]) => question.test(text));
    if (!answer) throw new Error(`unexpected question: ${text}`);
    await say(who, answer[1]);
  }
  throw new Error(`not recorded: ${last(who)}`);
}

async function restart(time: string): Promise<void> {
  await bot!.stop();
  ({ bot, clock } = await startConsoleDay(temp.db, temp.url, time));
}

describe('what a field worker types, read for its meaning (issue 11, as observed)', () => {
  it('plays the observed failures over two days with a restart, and records only what the worker said happened', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [
      { n: '0001', to: 'w02', kind: 'close' },
      { n: '0002', to: 'w02', kind: 'close' },
      { n: '0003', to: 'w03', kind: 'open' },
      { n: '0032', to: 'w03', kind: 'open' },
      { n: '0040', to: 'w02', kind: 'close' },
      { n: '0004', to: 'w03', kind: 'open' },
    ]);
    await temp.db.write(async (tx) => {
      await tx.workOrder.update({ where: { orderNo: '20260327-0003' }, data: { previousReading: 9000 } });
      // The incident chart (連絡系統図): the day's supervisor, then the bureau.
      await tx.contactChartLevel.createMany({
        data: [
          { chart: 'incident', position: 1, target: 'supervisor', ackTimeoutMinutes: 10 },
          { chart: 'incident', position: 2, target: 'person', personId: 'c01', ackTimeoutMinutes: 10 },
        ],
      });
    });
    ({ bot, clock } = await startConsoleDay(temp.db, temp.url, '10:00'));

    // A pin that could not be replaced, then sealed: a seal, no pin (the monthly report counted pins never used).
    await say('w02', '0001 閉栓完了 在宅 了解済 指針2045 ピンが硬くて交換できず封印しました 漏水なし 連絡用紙は入れてない');
    await answerUntilRecorded('w02');
    const first = await resultOf('0001');
    expect(first).toMatchObject({ sealFitted: true, leakSuspected: false });
    expect(first?.valvePinReplaced).not.toBe(true);
    expect(first?.noticeSlipLeft).not.toBe(true);
    // 「封印はしていません ピン交換済」: the pin, no seal.
    await say('w02', '0002 閉栓完了 在宅 了解済 指針1500 封印はしていません ピン交換済');
    await answerUntilRecorded('w02');
    expect(await resultOf('0002')).toMatchObject({ valvePinReplaced: true });
    expect((await resultOf('0002'))?.sealFitted).not.toBe(true);
    const used = await temp.db.read.consumableUse.findMany({ select: { item: true }, orderBy: { item: 'asc' } });
    expect(used.map((u) => u.item)).toEqual(['seal', 'valvePin']);

    // 事故 with an order number: an incident, linked to the order, and the day's supervisor told; never a result.
    await say('w03', '事故 0032 メーターボックスの蓋を割ってしまいました');
    expect(last('w03')).toContain('事故');
    expect(await resultOf('0032')).toBeNull();
    const incident = await temp.db.read.incident.findFirst();
    const order = await temp.db.read.workOrder.findUnique({ where: { orderNo: '20260327-0032' } });
    expect(incident?.workOrderId).toBe(order?.id);
    expect(inbox('w01').join('\n---\n')).toContain('0032');
    // 事故 without an order, with other words: still an incident.
    await say('w03', '配管から漏水、床が濡れた 事故です');
    expect(await temp.db.read.incident.count()).toBe(2);

    // The bot restarts in the middle of a conversation: the open question is kept.
    await say('w03', '0003 開栓完了 指針9004');
    expect(last('w03')).toContain('指針 9004 で間違いありませんか');
    await moveTo(bot!, clock, '10:10');
    await restart('10:12');
    await say('w03', 'はい');
    // An opening reading other than the previous one asks for its その旨 (spec 15(3)ウ(ｱ)a).
    expect(last('w03')).toContain('その理由 (その旨) を書いてください');
    // Asking for help meanwhile: the help, then the open question again (the next words answer it, not another).
    await say('w03', 'ヘルプ');
    expect(inbox('w03').at(-2)).toContain('使い方');
    expect(last('w03')).toContain('20260327-0003 の結果の入力が続いています');
    expect(last('w03')).toContain('その理由 (その旨) を書いてください');
    await say('w03', '閉栓後に使用の形跡あり');
    await answerUntilRecorded('w03');
    expect(await resultOf('0003')).toMatchObject({ reading: 9004, readingDiffersFromPrevious: true });
    expect(inbox('w01').some((t) => t.includes('0003') && t.includes('閉栓後に使用の形跡あり'))).toBe(true);

    // A phone number typed into a note reaches no channel unmasked.
    await say('w02', '0040 閉栓完了 在宅 了解済 指針3300 封印 メモ お客さま携帯 090-1234-5678 に連絡済み');
    await answerUntilRecorded('w02');
    const everything = ['w01', 'w02', 'w03', 'c01'].flatMap(inbox).join('\n');
    expect(everything).not.toContain('090-1234-5678');

    // 訂正 by the worker before the report is approved: the reading changes, the counts stay once per order.
    await say('w02', '訂正 0002 指針1502');
    await answerUntilRecorded('w02');
    expect(await resultOf('0002')).toMatchObject({ reading: 1502, valvePinReplaced: true });
    expect(await temp.db.read.consumableUse.count()).toBe(3);

    // Help is by role: the supervisor sees the supervisor's commands, the worker does not.
    await say('w01', 'ヘルプ');
    expect(last('w01')).toContain('振替');
    await say('w03', 'ヘルプ');
    expect(last('w03')).not.toContain('振替');
    expect(last('w03')).toContain('事故');

    // The pilot and the outdoor tap said in words; 了解 does not confirm a reading; 「いなかった」 answers 在宅.
    await say('w03', '0004 開栓完了 指針100 パイロット止まりました 散水栓から水が出ることを確認');
    expect(last('w03')).toContain('指針 100 で間違いありませんか');
    await say('w03', '了解');
    expect(last('w03')).toContain('指針 100 で間違いありませんか');
    await say('w03', 'はい');
    expect(last('w03')).toContain('お客さまは在宅でしたか');
    await say('w03', 'いなかった');
    await answerUntilRecorded('w03');
    expect(await resultOf('0004')).toMatchObject({ reading: 100, readingConfirmed: true, customerPresent: false, pilotChecked: true, pilotStillTurning: false, outdoorTap: 'flows' });

    // A worker asking 進ちょく gets their own remaining orders, not the supervisor's view or the worker's instructions.
    await say('w02', 'しんちょく');
    expect(last('w02')).toBe('3月27日(金) の未完了の作業はありません。');

    // Text nobody understands is answered with a hint and stored nowhere.
    await say('w03', 'でした。メーターボックスの中が泥だらけ');
    expect(last('w03')).toContain('読み取れませんでした');

    // The end-of-day question answered in plain words.
    await moveTo(bot!, clock, '17:20');
    const asked = inbox('w03').find((t) => t.includes('本日の作業は完了しましたか'));
    expect(asked).toBeDefined();
    await say('w03', '本日の作業すべて完了しました');
    // Orders are still open: the carry-over is asked first, and only a yes records the 完了報告.
    expect(last('w03')).toContain('繰越として完了報告しますか？');
    expect(await temp.db.read.dayEndConfirmation.count({ where: { personId: 'w03' } })).toBe(0);
    await say('w03', 'はい');
    expect(await temp.db.read.dayEndConfirmation.count({ where: { personId: 'w03' } })).toBe(1);

    // The next day on the same database: nothing typed yesterday is recorded again, and today's help still answers.
    await bot!.stop();
    ({ bot, clock } = await startConsoleDay(temp.db, temp.url, '09:00'));
    clock.set(new Date(`${NEXT_DAY}T00:30:00Z`));
    await bot!.tick(clock.now());
    await say('w02', 'ヘルプ');
    expect(last('w02')).toContain('訂正');
    expect(await temp.db.read.taskResult.count()).toBe(5);
    expect(await temp.db.read.incident.count()).toBe(2);
  });
});
