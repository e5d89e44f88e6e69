import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleDelivery } from '../../../src/adapters/console/console-adapter.ts';
import type { Bot } from '../../../src/assembly/assemble-bot.ts';
import { CHANGES, dispatchDay, textsTo, type DispatchDay } from '../../support/dispatch-day.ts';

let day: DispatchDay | undefined;
afterEach(async () => {
  await day?.dispose();
  day = undefined;
});

async function holderOf(d: DispatchDay, orderNo: string): Promise<string | undefined> {
  return (await d.ctx.db.read.assignment.findFirst({ where: { workOrder: { orderNo } } }))?.personId;
}

async function tick(d: DispatchDay, bot: Bot = d.bot): Promise<ConsoleDelivery[]> {
  const adapter = bot.console!.adapter;
  const before = adapter.lastSeq();
  await bot.tick(d.clock.now());
  return adapter.deliveries(before);
}

describe('re-imports reaching workers (order watch)', () => {
  it('tells the assignee what changed, places a new order by cheapest insertion, drops a moved one, and tells the supervisor', async () => {
    day = await dispatchDay();
    await day.at('08:30');
    const changedHolder = (await holderOf(day, '20260327-0005'))!;
    const movedHolder = (await holderOf(day, '20260327-0030'))!;
    await day.at('10:00');
    expect(await day.importFile(CHANGES)).toMatchObject({ imported: 1, updated: 2 });
    const delivered = await tick(day);
    const added = await day.ctx.db.read.assignment.findFirst({ where: { workOrder: { orderNo: '20260327-0041' } } });
    expect(added).toMatchObject({ pinned: false, date: '2026-03-27' });
    expect(await holderOf(day, '20260327-0030')).toBeUndefined();

    const changed = textsTo(delivered, changedHolder).find((text) => text.startsWith('作業の変更'));
    expect(changed).toBe(
      '作業の変更: 20260327-0005 閉栓 の内容が局から変更されました。\n・備考: 午後から在宅\n・お客さま情報が変わりました (チャットには表示しません。端末で確認してください)\n作業一覧を更新しました。',
    );
    expect(textsTo(delivered, added!.personId).some((text) => text.startsWith(`作業の追加: 20260327-0041 開栓 が局から追加されました。足順 ${added!.visitOrder} 番目`))).toBe(true);
    expect(textsTo(delivered, movedHolder)).toContain(
      '作業の日付変更: 20260327-0030 閉栓 (石川県金沢市円光寺3丁目26-3) は作業予定日が 3月28日(土) に変わったため、今日の作業から外しました。',
    );
    for (const worker of new Set([changedHolder, movedHolder, added!.personId])) {
      const kinds = delivered.filter((d) => d.target.kind === 'user' && d.target.userRef === worker).map((d) => d.kind);
      expect(kinds[0]).toBe('update'); // the morning post's day message, updated in place first
    }
    const supervisor = textsTo(delivered, 'w01').join('\n');
    expect(supervisor).toContain('・日付変更 20260327-0030 閉栓 (円光寺) → 3月28日(土)');
    expect(supervisor).toMatch(/・追加 20260327-0041 開栓 \(広坂\) → \S+ \S+ さんの足順 \d+ 番目 \(移動 \+[\d.]+ km\)/);
    expect(supervisor).not.toContain('石川県金沢市');
    expect(textsTo(delivered, '#bureau')[0]).toMatch(/^\(更新\) ■ 3月27日\(金\) 作業者配置/);
    const audits = await day.ctx.db.read.auditLog.findMany({ where: { action: { in: ['assignment.insert', 'assignment.remove'] } } });
    expect(audits.map((a) => [a.action, a.entityId])).toEqual([
      ['assignment.remove', '20260327-0030'],
      ['assignment.insert', '20260327-0041'],
    ]);
  });

  it('acts once: not again on the next tick, after a restart, or from a second instance', async () => {
    day = await dispatchDay();
    await day.at('08:30');
    await day.at('10:00');
    const second = await day.restart('bot-b');
    await day.importFile(CHANGES);
    const [a, b] = await Promise.all([tick(day), tick(day, second)]);
    const notices = [...a, ...b].filter((d) => d.kind === 'post' && /^作業の(変更|追加|日付変更)/.test(d.text));
    expect(notices).toHaveLength(3);
    expect(await day.ctx.db.read.orderNotice.count()).toBe(3);
    expect(await tick(day)).toEqual([]);
    const third = await day.restart('bot-c');
    expect(third.console!.adapter.deliveries().filter((d) => /^作業の/.test(d.text))).toEqual([]);
    expect(await day.ctx.db.read.assignment.count({ where: { workOrder: { orderNo: '20260327-0041' } } })).toBe(1);
  });

  it('applies changes silently before the morning post (the post shows them), and tells a worker about a cancelled order', async () => {
    day = await dispatchDay();
    await day.at('08:10');
    await day.importFile(CHANGES);
    expect(await tick(day)).toEqual([]);
    const placedTo = (await holderOf(day, '20260327-0041'))!;
    const post = await day.at('08:30');
    expect(textsTo(post, placedTo)[0]).toContain('20260327-0041 開栓');
    expect(post.some((d) => /^作業の/.test(d.text))).toBe(false);

    const holder = (await holderOf(day, '20260327-0012'))!;
    day.clock.set(new Date(day.clock.now().getTime() + 60_000));
    await day.ctx.db.write((tx) => tx.workOrder.update({ where: { orderNo: '20260327-0012' }, data: { status: 'cancelled' } }));
    const delivered = await tick(day);
    expect(textsTo(delivered, holder)).toContain('作業の取消: 20260327-0012 閉栓 (石川県金沢市野町3丁目16-9) は局により取り消されました。今日の作業から外しました。');
    expect(await holderOf(day, '20260327-0012')).toBeUndefined();
    const left = await day.ctx.db.read.assignment.findMany({ where: { personId: holder }, orderBy: { visitOrder: 'asc' } });
    expect(left.map((r) => r.visitOrder)).toEqual(left.map((_, i) => i + 1));
  });
});
