import { afterEach, describe, expect, it } from 'vitest';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { moveTo, seedOrders, seedTeam, startConsoleDay } from '../../support/day-end-world.ts';
import { givePasswords } from '../../support/operator.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await temp?.dispose();
});

const last = (b: Bot, who: string) => b.console!.session.inbox(who).at(-1)?.text ?? '';

async function day(orders: { n: string; to: string; kind: 'close' }[] = []) {
  temp = await tempDatabase();
  await seedTeam(temp.db);
  await givePasswords(temp.db, ['w01', 'w03']);
  await seedOrders(temp.db, orders);
  const started = await startConsoleDay(temp.db, temp.url);
  bot = started.bot;
  return Object.assign(bot, { clock: started.clock });
}

describe('consumables as a new user meets them (console bot)', () => {
  it('the echo and the receipt show the pin counted from ピン交換 alone', async () => {
    const b = await day([{ n: '0017', to: 'w03', kind: 'close' }]);
    const w03 = b.console!.session.as('w03');
    await w03.say('0017 閉栓 ピン交換 指針2460 在宅 お客様了解 散水栓出ない');
    expect(last(b, 'w03')).toContain('使用材料: 休止用ピン 1本');
    await w03.say('はい');
    expect(last(b, 'w03')).toContain('結果を記録しました。');
    expect(last(b, 'w03')).toContain('使用材料: 休止用ピン 1本');
    const used = await temp.db.read.consumableUse.findMany({ select: { item: true, quantity: true } });
    expect(used).toEqual([{ item: 'valvePin', quantity: 1 }]);
  }, 60_000);

  it('在庫 before any 支給 says 未支給 with no low mark; a tracked item shows its number', async () => {
    const b = await day();
    const session = b.console!.session;
    await session.as('w03').say('在庫');
    const fresh = last(b, 'w03');
    expect(fresh).toContain('・休止用ピン: 未支給 (支給の記録なし)');
    expect(fresh).toContain('・銅線: 未支給 (支給の記録なし)');
    expect(fresh).toContain('・封印玉: 未支給 (支給の記録なし)');
    expect(fresh).not.toContain('少なくなっています');
    await session.as('w01').say('支給 銅線 5');
    await session.as('w03').say('在庫');
    expect(last(b, 'w03')).toContain('・銅線: 5本 (少なくなっています: 基準 10本)');
    expect(last(b, 'w03')).toContain('・休止用ピン: 未支給 (支給の記録なし)');
  }, 60_000);

  it('a refused 支給 names the day’s supervisor; two items or an unknown unit get their own answer, nothing recorded', async () => {
    const b = await day();
    const session = b.console!.session;
    await session.as('w03').say('支給 ピン 100');
    expect(last(b, 'w03')).toContain('本日の業務責任者 (架空 太郎) か管理者');
    await session.as('c01').say('支給 ピン 100');
    expect(last(b, 'c01')).toContain('架空 太郎');
    await session.as('w01').say('支給 ピン 100 銅線 20');
    expect(last(b, 'w01')).toContain('1 つのメッセージで 1 品目ずつ送ってください');
    expect(last(b, 'w01')).not.toContain('整数');
    await session.as('w01').say('支給 銅線 2m');
    expect(last(b, 'w01')).toContain('数量の単位が分かりません');
    expect(last(b, 'w01')).toContain('本・個・枚');
    expect(await temp.db.read.supplyReceipt.count()).toBe(0);
    await session.as('w01').say('支給 封印玉 30枚');
    expect(last(b, 'w01')).toContain('支給を記録しました: 封印玉 30個');
  }, 60_000);

  it('the same 支給 again within 10 minutes is recorded, and the answer says it looks like a repeat', async () => {
    const b = await day();
    const w01 = b.console!.session.as('w01');
    await w01.say('支給 銅線 20');
    expect(last(b, 'w01')).not.toContain('同じ支給');
    await moveTo(b, b.clock, '09:05');
    await w01.say('支給 銅線 20本');
    expect(last(b, 'w01')).toContain('現在の在庫: 休止用ピン 0本、銅線 40本');
    expect(last(b, 'w01')).toContain('※ 9:00 にも同じ支給 (銅線 20本) を記録しています');
    await w01.say('支給 銅線 30');
    expect(last(b, 'w01')).not.toContain('同じ支給');
    await moveTo(b, b.clock, '09:20');
    await w01.say('支給 銅線 20');
    expect(last(b, 'w01')).not.toContain('同じ支給');
    expect(await temp.db.read.supplyReceipt.count()).toBe(4);
  }, 60_000);
});
