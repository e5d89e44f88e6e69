import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { moveTo, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { givePasswords, runCliAs } from '../../support/operator.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const texts = (b: Bot, who: string) => b.console!.session.inbox(who).map((m) => m.text);
const warnings = (b: Bot, who: string) => texts(b, who).filter((text) => text.includes('【在庫注意】'));

const cli = (by: string, ...argv: string[]) => runCliAs(temp.url, by, argv);

describe('consumables on the console bot', () => {
  it('a 閉栓 with 銅線2 (corrected to 3) is used stock; 支給 by the supervisor only; one low-stock warning; the month in the CSVs', async () => {
    temp = await tempDatabase();
    await seedTeam(temp.db);
    await givePasswords(temp.db, ['w01', 'w03']);
    await seedOrders(temp.db, [{ n: '0003', to: 'w03', kind: 'close' }]);
    const started = await startConsoleDay(temp.db, temp.url);
    bot = started.bot;
    const session = bot.console!.session;
    // Nothing supplied yet: no item is tracked, nobody is warned.
    expect(warnings(bot, 'w01')).toHaveLength(0);

    await session.as('w03').say('0003 閉栓完了 指針1234 ピン交換 銅線2 在宅 お客様了解 散水栓出ない');
    expect(texts(bot, 'w03').at(-1)).toContain('使用材料: 休止用ピン 1本、銅線 2本');
    await session.as('w03').say('はい');
    expect(texts(bot, 'w03').at(-1)).toContain('結果を記録しました。');
    await session.as('w03').say('訂正 0003 銅線3');
    expect(texts(bot, 'w03').at(-1)).toContain('訂正後: 使用材料: 銅線 3本');
    const used = await temp.db.read.consumableUse.findMany({ select: { item: true, quantity: true }, orderBy: { item: 'asc' } });
    expect(used).toEqual([{ item: 'copperWire', quantity: 3 }, { item: 'valvePin', quantity: 1 }]);

    await session.as('w03').say('支給 ピン 100');
    expect(texts(bot, 'w03').at(-1)).toBe('支給を記録できるのは、本日の業務責任者 (架空 太郎) か管理者です。支給の記録は業務責任者に依頼してください。');
    await session.as('w01').say('支給 ボルト 5');
    expect(texts(bot, 'w01').at(-1)).toContain('品名が分かりません');
    await session.as('w01').say('支給 ピン１００本');
    expect(texts(bot, 'w01').at(-1)).toBe('支給を記録しました: 休止用ピン 100本\n現在の在庫: 休止用ピン 99本、銅線 -3本、封印玉 0個');
    await session.as('w01').say('支給 メーター φ13 10');
    await session.as('w03').say('在庫');
    expect(texts(bot, 'w03').at(-1)).toContain('・休止用ピン: 99本 (基準 20本)\n・銅線: 未支給 (支給の記録なし)');
    expect(texts(bot, 'w03').at(-1)).toContain('・メーター φ13: 10個');
    expect(await temp.db.read.supplyReceipt.count()).toBe(2);
    expect(warnings(bot, 'w01')).toHaveLength(0);

    // 5 wires supplied, 3 used: below 10, the supervisor (also the admin here) is warned once, not at every check.
    await session.as('w01').say('支給 銅線 5');
    expect(warnings(bot, 'w01')).toHaveLength(1);
    expect(warnings(bot, 'w01')[0]).toContain('・銅線: 2本 (少なくなっています: 基準 10本)');
    await moveTo(bot, started.clock, '09:05');
    await moveTo(bot, started.clock, '09:10');
    expect(warnings(bot, 'w01')).toHaveLength(1);
    expect(warnings(bot, 'w03')).toHaveLength(0);
    await session.as('w01').say('支給 銅線 20');
    expect(texts(bot, 'w01').at(-1)).toContain('銅線 22本');
    expect(warnings(bot, 'w01')).toHaveLength(1);
    await bot.stop();
    bot = undefined;

    const monthly = await cli('w01', 'report', 'monthly', '--month', '2026-03', '--out', join(temp.dir, 'm.pdf'), '--csv', join(temp.dir, 'm.csv'));
    expect(monthly.code, monthly.err).toBe(0);
    expect(readFileSync(join(temp.dir, 'm.csv'), 'utf8')).toMatch(/銅線.*,3/);
    const refused = await cli('w03', 'report', 'consumables', '--month', '2026-03', '--out', join(temp.dir, 'c.pdf'));
    expect(refused.code).toBe(1);
    const report = await cli('w01', 'report', 'consumables', '--month', '2026-03', '--out', join(temp.dir, 'c.pdf'), '--csv', join(temp.dir, 'c.csv'));
    expect(report.code, report.err).toBe(0);
    expect(report.out).toContain('材料受払簿 令和8年3月分');
    const csv = readFileSync(join(temp.dir, 'c.csv'), 'utf8').split('\r\n');
    expect(csv[1]).toBe('休止用ピン,本,0,100,0,1,0,0,1,99');
    expect(csv[2]).toBe('銅線,本,0,25,0,3,0,0,3,22');
    expect(csv[4]).toBe('メーター φ13,個,0,10,0,0,0,0,0,10');
    const text = await pdfText(new Uint8Array(readFileSync(join(temp.dir, 'c.pdf'))));
    expect(text).toContain('材料受払簿');
    expect(text).not.toContain('試験');
  }, 120_000);
});
