import { afterEach, describe, expect, it } from 'vitest';
import { dispatchDay, textsTo, type DispatchDay } from '../../support/dispatch-day.ts';

let day: DispatchDay | undefined;
afterEach(async () => {
  await day?.dispose();
  day = undefined;
});

async function assignmentOf(d: DispatchDay, orderNo: string) {
  return d.ctx.db.read.assignment.findFirst({ where: { workOrder: { orderNo } }, select: { personId: true, visitOrder: true, pinned: true } });
}

async function visitOrders(d: DispatchDay, personId: string): Promise<string[]> {
  const rows = await d.ctx.db.read.assignment.findMany({ where: { personId }, orderBy: { visitOrder: 'asc' }, select: { workOrder: { select: { orderNo: true } } } });
  return rows.map((r) => r.workOrder.orderNo.slice(-4));
}

describe('進捗: everyone’s progress for the supervisor', () => {
  it('lists each worker’s counts and open orders in visit order with towns only, updated in place when asked again', async () => {
    day = await dispatchDay();
    await day.at('08:30');
    const session = day.bot.console!.session.as('w01');
    const first = textsTo(await session.say('進捗'), 'w01');
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('3月27日(金) の進捗 (済 0/40件)');
    const w02 = await visitOrders(day, 'w02');
    expect(first[0]).toContain(`仮野 次郎 (w02): 完了 0 / 不在 0 / 未実施 0 / 残り ${w02.length}`);
    expect(first[0]).toMatch(new RegExp(`残り: ${w02[0]} \\S+ → ${w02[1]} \\S+`));
    expect(first[0]).not.toContain('石川県金沢市');
    expect(first[0]).toContain('[1] 振替');
    const again = await session.say('進捗は?');
    expect(again.map((d) => d.kind)).toEqual(['update']);
    expect(session.inbox('w01').filter((m) => m.view.key === 'progress:2026-03-27')).toHaveLength(1);
  });

  it('answers the bureau without the 振替 button (its 残り too), and a worker’s 進捗 as their own 残り', async () => {
    day = await dispatchDay();
    const session = day.bot.console!.session;
    const bureau = textsTo(await session.as('c01').say('全体の状況'), 'c01');
    expect(bureau[0]).toContain('の進捗');
    expect(bureau[0]).not.toContain('振替');
    const remaining = textsTo(await session.as('c01').say('残り'), 'c01');
    expect(remaining[0]).toContain('3月27日(金) の進捗 (済 0/40件)');
    const worker = textsTo(await session.as('w02').say('進捗'), 'w02');
    expect(worker[0]).toContain('3月27日(金) の残り');
  });
});

describe('振替: the supervisor reassigns an order in chat', () => {
  it('moves and pins it, updates both day messages in place, tells both workers and confirms', async () => {
    day = await dispatchDay();
    await day.at('08:30');
    const session = day.bot.console!.session;
    const before = await assignmentOf(day, '20260327-0012');
    expect(before?.personId).toBe('w04');
    const delivered = await session.as('w01').say('振替 0012 w02');
    expect(await assignmentOf(day, '20260327-0012')).toMatchObject({ personId: 'w02', pinned: true });
    const w02 = delivered.filter((d) => d.target.kind === 'user' && d.target.userRef === 'w02');
    const w04 = delivered.filter((d) => d.target.kind === 'user' && d.target.userRef === 'w04');
    expect(w02.map((d) => d.kind)).toEqual(['update', 'post']);
    expect(w02[0]!.text).toContain('20260327-0012 閉栓');
    expect(w02[1]!.text).toContain('作業の振替: 20260327-0012 閉栓 が 見本 三郎 さんから振り替えられました');
    expect(w02[1]!.text).toContain('住所: 石川県金沢市野町3丁目16-9');
    expect(w04.map((d) => d.kind)).toEqual(['update', 'post']);
    expect(w04[0]!.text).not.toContain('20260327-0012');
    expect(w04[1]!.text).toBe('作業の振替: 20260327-0012 閉栓 (野町) は 仮野 次郎 さんに振り替えられました。作業一覧を更新しました。');
    expect(textsTo(delivered, '#bureau')[0]).toMatch(/^\(更新\) ■ 3月27日\(金\) 作業者配置/);
    expect(textsTo(delivered, 'w01')[0]).toMatch(/^20260327-0012 閉栓 \(野町\) を 見本 三郎 さんから 仮野 次郎 さんに振り替えました \(足順 \d+ 番目\)/);
    const audit = await day.ctx.db.read.auditLog.findFirst({ where: { action: 'assignment.move', entityId: '20260327-0012' } });
    expect(audit).toMatchObject({ actorId: 'w01', channel: 'console' });
  });

  it('refuses in Japanese: not the supervisor, unknown order or worker, same worker, finished order, worker off duty', async () => {
    day = await dispatchDay();
    const session = day.bot.console!.session;
    const reply = async (as: string, text: string) => textsTo(await session.as(as).say(text), as).join('\n');
    expect(await reply('w02', '振替 0012 w02')).toBe('振り替えは当日の業務責任者だけができます。');
    expect(await reply('w01', '振替 9999 w02')).toContain('今日の作業に「9999」はありません');
    const unknown = await reply('w01', '振替 0012 w99');
    expect(unknown).toContain('作業者「w99」が見つかりません。今日振り替えられる作業者: w02 仮野 次郎');
    expect(unknown).not.toContain('w01 架空 太郎');
    expect(await reply('w01', '振替 0012 見本')).toBe('20260327-0012 はすでに 見本 三郎 さんの作業です。');
    expect(await reply('w01', '振替 0012')).toContain('振り替えは「振替 0012 w03」のように');
    expect(await reply('w01', '振替 0012 w01')).toBe('架空 太郎 さんは当日の業務責任者 (局に常駐) のため、作業を振り替えられません。ほかの作業者を指定してください。');
    expect(await assignmentOf(day, '20260327-0012')).toMatchObject({ personId: 'w04', pinned: false });
    await day.ctx.db.write((tx) => tx.workOrder.update({ where: { orderNo: '20260327-0012' }, data: { status: 'done' } }));
    expect(await reply('w01', '振替 0012 w02')).toBe('作業番号 20260327-0012 は「完了」のため、移せません。');
    await day.ctx.db.write((tx) => tx.dailyStaffing.createMany({ data: [{ date: '2026-03-27', personId: 'w01', isSupervisor: true }, { date: '2026-03-27', personId: 'w02' }] }));
    expect(await reply('w01', '振替 0013 w04')).toBe('w04 (見本 三郎) は 2026-03-27 の勤務者ではありません。作業者配置表を確認してください。');
    expect(await assignmentOf(day, '20260327-0013')).toMatchObject({ pinned: false });
  });

  it('takes a name with particles, and the progress view’s 振替 button opens a form that does the same', async () => {
    day = await dispatchDay();
    await day.at('08:30');
    const session = day.bot.console!.session.as('w01');
    expect(textsTo(await session.say('振替 0012を 仮野さんに'), 'w01')[0]).toContain('仮野 次郎 さんに振り替えました');
    await session.say('進捗');
    const opened = await session.pressLabel('振替');
    expect(opened[0]!.form?.fields.map((f) => f.id)).toEqual(['order', 'to']);
    const to = opened[0]!.form?.fields[1];
    expect(to?.type === 'select' ? to.options.map((o) => o.value) : []).toEqual(['w02', 'w03', 'w04', 'w05', 'w06']);
    const done = await session.submit({ order: '20260327-0040', to: 'w03' });
    expect(textsTo(done, 'w01')[0]).toContain('20260327-0040 開栓 (野町) を 見本 三郎 さんから 試験 花子 さんに振り替えました');
    expect(await assignmentOf(day, '20260327-0040')).toMatchObject({ personId: 'w03', pinned: true });
    const before = day.bot.console!.adapter.lastSeq();
    const button = { type: 'button' as const, actionId: 'dispatch.reassign', value: '{"date":"2026-03-27"}' };
    await day.bot.inbox.receive({ platform: 'console', eventKey: 'w03-press', userRef: 'w03', receivedAt: day.clock.now(), payload: button });
    await day.bot.inbox.drain();
    const w03 = day.bot.console!.adapter.deliveries(before);
    expect(w03.map((d) => [d.kind, d.text])).toEqual([['post', '振り替えは当日の業務責任者だけができます。']]);
  });
});
