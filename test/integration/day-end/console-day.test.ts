import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { DAY, moveTo, NEXT_DAY, seedOrders, seedResults, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

/** The console bot as `kaiheisen start --console` builds it, on a virtual clock at 09:00 of the day. */
async function startDay(): Promise<{ bot: Bot; clock: VirtualClock }> {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await seedOrders(temp.db, [
    { n: '0001', to: 'w02' },
    { n: '0002', to: 'w02' },
    { n: '0003', to: 'w03', kind: 'close', town: '野町' },
  ]);
  await seedResults(temp.db, [{ n: '0001', by: 'w02', outcome: 'done', time: '10:30' }]);
  return startConsoleDay(temp.db, temp.url);
}

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const cardOf = (b: Bot, who: string, key: string) => b.console!.session.inbox(who).filter((m) => m.view.key === key);

describe('the end of the day on the console bot', () => {
  it('prompts at 17:15, takes notes, fees and 完了報告, compiles at 17:45 carrying open orders, and a supervisor approves it to the bureau channel', async () => {
    const started = await startDay();
    bot = started.bot;
    const session = bot.console!.session;
    await moveTo(bot, started.clock, '17:14');
    expect(cardOf(bot, 'w02', `dayEnd:${DAY}`)).toHaveLength(0);
    await moveTo(bot, started.clock, '17:15');
    const prompt = cardOf(bot, 'w02', `dayEnd:${DAY}`);
    expect(prompt).toHaveLength(1);
    expect(prompt[0]!.text).toContain('本日の作業は完了しましたか');
    expect(prompt[0]!.text).toContain('未完了の作業: 1 件 (0002)');
    expect(prompt[0]!.buttons.map((b) => b.label)).toEqual(['完了報告', '伝達事項を追加']);
    expect(cardOf(bot, 'w03', `dayEnd:${DAY}`)).toHaveLength(1);
    expect(cardOf(bot, 'w01', `dayEnd:${DAY}`)).toHaveLength(0); // the supervisor had no orders

    await session.as('w02').pressLabel('伝達事項を追加');
    await session.submit({ order: '0002', note: '犬がいるので注意', parking: '５００円' });
    expect(texts(bot, 'w02').join('\n')).toContain('伝達事項を記録しました (作業 20260327-0002): 犬がいるので注意');
    expect(texts(bot, 'w02').join('\n')).toContain('有料駐車場使用料 500 円を記録しました (作業 20260327-0002)');
    await session.as('w03').say('駐車 0003 1,200円');
    await session.as('w03').say('伝達 明日は車両点検のため午後から');
    await session.as('w03').say('駐車 0009');
    expect(texts(bot, 'w03').join('\n')).toContain('有料駐車場使用料 1,200 円を記録しました (作業 20260327-0003)');
    expect(texts(bot, 'w03').at(-1)).toContain('「0009」は作業番号として読みました。金額が書かれていないため、記録していません。');

    await session.as('w02').pressLabel('完了報告');
    expect(texts(bot, 'w02').join('\n')).toContain('3月27日(金) の完了報告を受け付けました (17:15)');
    const confirmed = cardOf(bot, 'w02', `dayEnd:${DAY}`);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]!.updated).toBe(true);
    expect(confirmed[0]!.text).toContain('完了報告済み (17:15)');
    expect(confirmed[0]!.buttons.map((b) => b.label)).toEqual(['伝達事項を追加']);

    await moveTo(bot, started.clock, '17:44');
    expect(cardOf(bot, 'w01', `daily:${DAY}`)).toHaveLength(0);
    await moveTo(bot, started.clock, '17:45');
    const card = cardOf(bot, 'w01', `daily:${DAY}`);
    expect(card).toHaveLength(1);
    expect(card[0]!.text).toContain('完了 1 件・不在完了 0 件・未実施 0 件・繰越 2 件');
    expect(card[0]!.text).toContain('仮野 次郎: 完了 1・不在 0・未実施 0・繰越 1 (完了報告 17:15)');
    expect(card[0]!.text).toContain('試験 三郎: 完了 0・不在 0・未実施 0・繰越 1 (完了報告なし)');
    expect(card[0]!.text).toContain('駐車料金 1,700 円');
    expect(card[0]!.buttons.map((b) => b.label)).toEqual(['承認', '修正・追記']);
    const carried = await temp.db.read.workOrder.findMany({ where: { status: 'carried_over' }, orderBy: { orderNo: 'asc' } });
    expect(carried.map((o) => [o.orderNo, o.scheduledDate])).toEqual([
      ['20260327-0002', NEXT_DAY],
      ['20260327-0003', NEXT_DAY],
    ]);
    const audit = await temp.db.read.auditLog.findMany({ where: { action: 'workOrder.carryOver' } });
    expect(audit.map((a) => [a.entityId, JSON.parse(a.before!).status, JSON.parse(a.after!).scheduledDate])).toEqual([
      ['20260327-0002', 'open', NEXT_DAY],
      ['20260327-0003', 'open', NEXT_DAY],
    ]);

    // A note after the compile goes into the draft: the supervisor's card is updated in place.
    await session.as('w03').say('伝達 0003 門扉が壊れている');
    const refreshed = cardOf(bot, 'w01', `daily:${DAY}`);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]!.updated).toBe(true);
    expect(refreshed[0]!.text).toContain('・試験 三郎 (0003): 門扉が壊れている');

    // Someone who is not the day's supervisor cannot approve, nor open the correction form.
    await bot.inbox.receive({ platform: 'console', eventKey: 'w03-approve', userRef: 'w03', receivedAt: started.clock.now(), payload: { type: 'button', actionId: 'daily.approve', value: JSON.stringify({ date: DAY }) } });
    await bot.inbox.receive({ platform: 'console', eventKey: 'w03-amend', userRef: 'w03', receivedAt: started.clock.now(), payload: { type: 'button', actionId: 'daily.amend', value: JSON.stringify({ date: DAY }) } });
    await bot.inbox.drain();
    expect(texts(bot, 'w03').slice(-2)).toEqual(['日報を承認・修正できるのは 3月27日(金) の業務責任者だけです。', '日報を承認・修正できるのは 3月27日(金) の業務責任者だけです。']);
    expect((await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily' } })).state).toBe('draft');

    await moveTo(bot, started.clock, '17:50');
    await session.as('w01').pressLabel('修正・追記');
    await session.submit({ correction: '0003 は明日午前に訪問予定', notes: '局への連絡は済み' });
    expect(cardOf(bot, 'w01', `daily:${DAY}`)[0]!.text).toContain('修正・追記 1 件');
    expect(cardOf(bot, 'w01', `daily:${DAY}`)[0]!.updated).toBe(true);

    await moveTo(bot, started.clock, '17:52');
    await session.as('w01').pressLabel('承認');
    expect(texts(bot, 'w01').at(-1)).toBe('3月27日(金) の日報を承認し、企業局チャンネルに送付しました。');
    const after = cardOf(bot, 'w01', `daily:${DAY}`);
    expect(after).toHaveLength(1);
    expect(after[0]!.text).toContain('送付済み');
    expect(after[0]!.text).toContain('架空 太郎 が 17:52 に承認');
    expect(after[0]!.buttons).toEqual([]);

    const bureau = texts(bot, '#bureau');
    expect(bureau.some((t) => t.includes('開閉栓業務 日報 3月27日(金)') && t.includes('業務責任者 架空 太郎 が承認 (17:52)'))).toBe(true);
    const pathLine = bureau.find((t) => t.startsWith('日報 PDF を保存しました: '))!;
    const pdfPath = pathLine.slice('日報 PDF を保存しました: '.length).trim();
    expect(existsSync(pdfPath)).toBe(true);
    const text = await pdfText(new Uint8Array(readFileSync(pdfPath)));
    for (const expected of ['承認 (業務責任者)\n架空 太郎\n令和8年3月27日 17:52', '17:50\n架空 太郎\n0003 は明日午前に訪問予定', '犬がいるので注意', '明日は車両点検のため午後から', '17:50\n架空 太郎\n局への連絡は済み', '合計\n1,700 円']) expect(text).toContain(expected);
    expect(text).toContain('翌業務日 (3/28) に繰り越しました');
    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily' } });
    expect(report.state).toBe('sent');
    expect(report.approvedById).toBe('w01');
    const actions = (await temp.db.read.auditLog.findMany({ where: { entity: 'Report' }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(['report.approved', 'report.sent']);

    await session.as('w01').say('伝達 もう一件');
    expect(texts(bot, 'w01').at(-1)).toContain('送付済みのため、この内容は送付した日報には含まれません');
  });

  it('reminds the supervisor 30 minutes after the compile while unapproved, once per round, and not after approval', async () => {
    const started = await startDay();
    bot = started.bot;
    const reminders = () => texts(bot!, 'w01').filter((t) => t.includes('まだ承認されていません'));
    await moveTo(bot, started.clock, '17:45');
    expect(cardOf(bot, 'w01', `daily:${DAY}`)).toHaveLength(1);
    await moveTo(bot, started.clock, '18:14');
    expect(reminders()).toHaveLength(0);
    await moveTo(bot, started.clock, '18:15');
    await moveTo(bot, started.clock, '18:16');
    expect(reminders()).toEqual(['3月27日(金) の日報がまだ承認されていません (1 回目のお知らせ)。日報カードの内容を確認し「承認」を押してください。']);
    await bot.console!.session.as('w01').pressLabel('承認');
    await moveTo(bot, started.clock, '18:50');
    expect(reminders()).toHaveLength(1);
  });

  it('compiles early once every order is closed and every worker has confirmed, and not again at 17:45', async () => {
    const started = await startDay();
    bot = started.bot;
    const session = bot.console!.session;
    await seedResults(temp.db, [
      { n: '0002', by: 'w02', outcome: 'absent', time: '15:00' },
      { n: '0003', by: 'w03', outcome: 'not_done', time: '15:10', reason: '使用者と連絡がつかない' },
    ]);
    await moveTo(bot, started.clock, '16:30');
    await session.as('w02').say('完了報告');
    expect(cardOf(bot, 'w01', `daily:${DAY}`)).toHaveLength(0); // w03 has not confirmed
    await session.as('w03').say('完了報告');
    const card = cardOf(bot, 'w01', `daily:${DAY}`);
    expect(card).toHaveLength(1);
    expect(card[0]!.text).toContain('完了 1 件・不在完了 1 件・未実施 1 件・繰越 0 件');
    const outcomes = await moveTo(bot, started.clock, '17:45');
    expect(outcomes.find((o) => o.job === 'daily-report')?.result).toBe('claimed-elsewhere');
    expect(cardOf(bot, 'w01', `daily:${DAY}`)).toHaveLength(1);
    expect(bot.console!.adapter.deliveries().filter((d) => d.messageRef === card[0]!.ref)).toHaveLength(1);
    expect(await temp.db.read.workOrder.count({ where: { status: 'carried_over' } })).toBe(0);
  });
});
