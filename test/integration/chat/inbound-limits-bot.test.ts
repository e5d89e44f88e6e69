import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';

// The limits of inbound events through the assembled bot (what `npm start` runs), on the console.

let t: BotTestContext;
beforeEach(async () => {
  t = await botTestContext('2026-03-27', '09:00');
});
afterEach(async () => {
  await t.dispose();
});

async function run(...lines: string[]): Promise<string> {
  const out: string[] = [];
  const bot = await startBot(t.ctx, { input: Readable.from(lines.map((l) => `${l}\n`)), out: (s) => out.push(s), consoleSessionId: `limits-${Math.random()}` });
  await bot.done;
  return out.join('');
}

const recorded = async () => ({
  results: await t.ctx.db.read.taskResult.count(),
  pending: await t.ctx.db.read.pendingReply.count(),
  doubts: await t.ctx.db.read.doubt.count(),
});

describe('inbound limits in the running bot', () => {
  it('answers a message above 40,000 characters with the limit, records nothing, and reads the next message as usual', async () => {
    await run(); // loads the examples and posts the day
    const orderNo = (await t.ctx.db.read.workOrder.findFirstOrThrow({ where: { assignment: { personId: 'w02' } }, orderBy: { orderNo: 'asc' } })).orderNo;
    const before = await recorded();
    const text = await run('/as w02', `${orderNo} 開栓完了 指針1187 ${'犬に注意'.repeat(10_000)}`, `${orderNo} 疑義 ${'あ'.repeat(40_001)}`, '残り');
    const size = orderNo.length + ' 開栓完了 指針1187 '.length + 40_000;
    expect(text).toContain(`メッセージが長すぎるため受け付けていません。1回に送れるのは40,000文字までです (今回は${size.toLocaleString('en-US')}文字)。いくつかに分けて送ってください。`);
    expect(text.match(/メッセージが長すぎる/g)).toHaveLength(2);
    expect(text).not.toContain('指針: 1187');
    expect(text).toMatch(/■ 3月27日\(金\) の残り \d+件/);
    expect(await recorded()).toEqual(before);
  });

  it('refuses a form value above 3,000 characters, records nothing, and takes the same form with a shorter value', async () => {
    const long = 'あ'.repeat(3_001);
    const text = await run('/as w02', '/3', `/form outcome=not_done 作業できなかった理由=${long}`, '/3', '/form outcome=not_done 作業できなかった理由=犬');
    expect(text).toContain('入力された内容が長すぎるため受け付けていません。1つの欄に入力できるのは3,000文字までです。');
    expect(text).toContain('結果を記録しました。');
    expect(await t.ctx.db.read.taskResult.count()).toBe(1);
  });
});
