import { PrismaReportStore } from '../../../src/adapters/db/report-store.ts';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { DAY, moveTo, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';
import { expectWorkerCorrection } from '../../support/correction-checks.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const lastTo = (b: Bot, who: string) => texts(b, who).at(-1) ?? '';
const ORDER = '20260327-0001';

async function say(b: Bot, who: string, ...lines: string[]): Promise<string> {
  for (const line of lines) await b.console!.session.as(who).say(line);
  return lastTo(b, who);
}

const resultRow = () => temp.db.read.taskResult.findFirstOrThrow({ where: { workOrder: { orderNo: ORDER } }, include: { consumables: true } });

describe('訂正 on the assembled console bot', () => {
  it('the worker corrects until the report is approved; then only the supervisor, as an amendment to the bureau with the report re-issued', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await seedOrders(temp.db, [{ n: '0001', to: 'w02', kind: 'close' }, { n: '0002', to: 'w03', kind: 'close' }]);
    let started = await startConsoleDay(temp.db, temp.url, '10:00');
    bot = started.bot;

    expect(await say(bot, 'w02', '0001 閉栓完了 指針100 ピン交換 散水栓出ない', 'はい', 'はい', 'はい')).toContain('結果を記録しました。');
    // Not recorded yet / unknown order / nothing understood / someone else's.
    expect(await say(bot, 'w03', '訂正 0002 指針5')).toContain('20260327-0002 はまだ結果が記録されていないため、訂正できません。結果は通常どおり報告してください');
    expect(await say(bot, 'w02', '訂正 0009 指針5')).toContain('作業番号「0009」が見つかりません');
    expect(await say(bot, 'w02', '訂正 0001 あいうえお')).toContain('20260327-0001 の訂正内容を読み取れませんでした');
    expect(await say(bot, 'w03', '訂正 0001 指針5')).toContain('ご自分の結果のみ訂正できます');
    expect(await say(bot, 'w02', '訂正 0001 指針100')).toContain('記録済みの結果と同じ内容のため、訂正しませんでした');
    expect(await say(bot, 'w02', '訂正')).toContain('訂正する作業番号と内容を送ってください');

    // The worker: full-width digits, no space, the corrected reading confirmed like a new one.
    const echo = await say(bot, 'w02', '訂正０００１ 指針１２０ 封印');
    expect(echo).toContain('20260327-0001 の結果を次のように訂正します:');
    expect(echo).toContain('訂正前: 指針: 100');
    expect(echo).toContain('訂正後: 指針: 120');
    expect(echo).toContain('指針 120 で間違いありませんか？');
    expect((await resultRow()).reading).toBe(100);
    const receipt = await say(bot, 'w02', 'はい');
    expect(receipt).toContain('20260327-0001 の結果を訂正しました。');
    expect(receipt).toContain('指針: 120');
    await expectWorkerCorrection(temp.db, DAY);

    // The daily report counts the corrected result once.
    await moveTo(bot, started.clock, '17:45');
    const card = bot.console!.session.inbox('w01').filter((m) => m.view.key === `daily:${DAY}`);
    expect(card.at(-1)!.text).toContain('完了 1 件');
    expect(await temp.db.read.consumableUse.count({ where: { date: DAY } })).toBe(2);
    await bot.console!.session.as('w01').pressLabel('承認');
    expect(lastTo(bot, 'w01')).toContain('日報を承認し');

    // A restart between the approval and the corrections.
    await bot.stop();
    started = await startConsoleDay(temp.db, temp.url, '18:00');
    bot = started.bot;

    expect(await say(bot, 'w02', 'ていせい 0001 指針130')).toContain('日報はすでに承認されているため、作業者からは訂正できません。お手数ですが、業務責任者に訂正を依頼してください。');
    expect((await resultRow()).reading).toBe(120);

    expect(await say(bot, 'w01', '訂正 0001 指針130')).toContain('指針 130 で間違いありませんか？');
    const amended = await say(bot, 'w01', 'はい');
    expect(amended).toContain('20260327-0001 の結果を訂正しました。');
    expect(amended).toContain('日報は承認済みのため、訂正内容を局へ送り、日報を「訂正」として再発行しました。');
    expect((await resultRow()).reading).toBe(130);
    // The worker whose result it is is told, in their own chat, who changed what.
    expect(lastTo(bot, 'w02')).toContain('20260327-0001 のあなたの結果を 架空 太郎 さんが訂正しました');
    expect(lastTo(bot, 'w02')).toContain('130');

    const bureau = texts(bot, '#bureau');
    const notice = bureau.find((t) => t.includes('【訂正】開閉栓業務 日報 3月27日(金)'));
    expect(notice).toContain('作業番号 20260327-0001 (閉栓・片町) の結果を訂正しました。');
    expect(notice).toContain('訂正前: 指針: 120');
    expect(notice).toContain('訂正後: 指針: 130');
    expect(notice).toContain('訂正: 架空 太郎 (業務責任者)');
    expect(notice).not.toContain('架空 花子');
    const pathLine = bureau.find((t) => t.startsWith('日報 PDF を保存しました: '))!;
    const pdfPath = pathLine.slice('日報 PDF を保存しました: '.length).trim();
    expect(existsSync(pdfPath)).toBe(true);
    const pdf = await pdfText(new Uint8Array(readFileSync(pdfPath)));
    expect(pdf).toContain('開閉栓業務 日報（訂正）');
    expect(pdf).toContain('指針: 120');
    expect(pdf).toContain('指針: 130');

    const report = await temp.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DAY } });
    expect(report.state).toBe('sent');
    expect(JSON.parse(report.content).amendments).toHaveLength(1);
    const corrections = await temp.db.read.resultCorrection.findMany({ orderBy: { id: 'asc' } });
    expect(corrections.map((c) => [c.personId, c.role, c.amendsReport])).toEqual([['w02', 'worker', false], ['w01', 'supervisor', true]]);
    const audits = await temp.db.read.auditLog.findMany({ where: { action: { in: ['result.correct', 'report.reissued'] } }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['result.correct', 'result.correct', 'report.reissued']);
    expect(audits.map((a) => `${a.before} ${a.after}`).join('\n')).not.toContain('架空 花子');
    expect(await temp.db.read.consumableUse.count({ where: { date: DAY } })).toBe(2);
    // The monthly report's rows read the corrected result, once, with the pin and the seal it used.
    const month = await new PrismaReportStore(temp.db).loadMonthlyRows('2026-03');
    expect(month.results.filter((r) => r.orderNo === ORDER)).toHaveLength(1);
    expect(month.consumables.map((c) => c.item).sort()).toEqual(['seal', 'valvePin']);
  });
});
