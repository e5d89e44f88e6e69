import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/adapters/console/console-session.ts';
import { ConsoleInputError } from '../../src/adapters/console/input-error.ts';
import { createInboxStore } from '../../src/adapters/db/inbox-store.ts';
import { plainView } from '../../src/application/chat/dispatcher.ts';
import type { RouteModule } from '../../src/application/chat/routes/index.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { exampleFiles, loadDemoData } from '../../src/assembly/examples/example-loader.ts';
import { botTestContext, type BotTestContext } from '../support/bot-context.ts';

/** A feature module as the results flow will register one: a button that opens a form, and the form's handler. */
const testFeature: RouteModule = {
  name: 'test',
  formOpeners: {
    'test.form': async (_person, value) => ({
      formId: 'test.form',
      title: '結果入力',
      submitLabel: '登録',
      state: value,
      fields: [
        { id: 'reading', label: '指針', type: 'number', required: true },
        { id: 'outcome', label: '結果', type: 'select', required: true, options: [{ value: 'done', label: '完了' }, { value: 'absent', label: '不在' }] },
      ],
    }),
  },
  forms: {
    'test.form': async (turn, state, values) => turn.reply(plainView(`受付 ${JSON.parse(state).orderNo} 指針${values.reading} ${values.outcome}`)),
  },
};

let t: BotTestContext;
let bot: Bot;
let chat: { gateway: Bot['gateway']; inbox: Bot['inbox']; console: NonNullable<Bot['console']>['adapter'] };
let session: ConsoleSession;

function newSession(sessionId?: string): ConsoleSession {
  return new ConsoleSession({ adapter: chat.console, inbound: chat.inbox, drain: chat.inbox.drain, clock: t.clock, sessionId });
}

/** The console bot as `kaiheisen start` assembles it, with one more route module, on a virtual clock. */
const startConsoleBot = (extraRoutes: RouteModule[] = []) =>
  startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, loadExamples: false, platforms: { forceConsole: true }, extraRoutes });

beforeEach(async () => {
  t = await botTestContext('2026-03-27', '09:00');
  await loadDemoData(t.ctx, exampleFiles('examples'), '2026-03-27');
  bot = await startConsoleBot([testFeature]);
  chat = { gateway: bot.gateway, inbox: bot.inbox, console: bot.console!.adapter };
  session = newSession();
});

afterEach(async () => {
  await bot.stop();
  await t.dispose();
});

describe('console chat over SQLite', () => {
  it('refuses an unknown user with the Japanese hint and records the event as done', async () => {
    const delivered = await session.as('zz99').say('残り');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.target).toEqual({ kind: 'user', userRef: 'zz99' });
    expect(delivered[0]!.text).toContain('kaiheisen に登録されていません');
    const events = await t.ctx.db.read.inboundEvent.findMany();
    expect(events.map((e) => [e.platform, e.state])).toEqual([['console', 'done']]);
  });

  it('answers 残り with exactly the sender\'s open orders of today, in visit order, with addresses', async () => {
    const assigned = await t.ctx.db.read.assignment.findMany({
      where: { personId: 'w02', date: '2026-03-27' },
      orderBy: { visitOrder: 'asc' },
      include: { workOrder: true },
    });
    expect(assigned.length).toBeGreaterThan(0);
    const [reply] = await session.as('w02').say('残り');
    expect(reply!.text.split('\n')[0]).toBe(`■ 3月27日(金) の残り ${assigned.length}件 (足順)`);
    const listed = reply!.text.split('\n').slice(1).map((line) => line.split(' ')[1]);
    expect(listed).toEqual(assigned.map((a) => a.workOrder.orderNo));
    expect(reply!.text).toContain(assigned[0]!.workOrder.address);
  });

  it('shows towns, not addresses, when 残り is asked in the bureau channel', async () => {
    const [reply] = await session.as('w02').say('残り', { channel: 'bureau' });
    expect(reply!.target).toEqual({ kind: 'channel', channelRef: 'bureau' });
    expect(reply!.text).not.toContain('石川県金沢市');
  });

  it('processes a duplicate event key once', async () => {
    const first = await newSession('replay').as('w02').say('ヘルプ');
    const again = await newSession('replay').as('w02').say('ヘルプ');
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await t.ctx.db.read.inboundEvent.count()).toBe(1);
  });

  it('presses a numbered button, opens its form and submits it by label', async () => {
    await chat.gateway.send({ personId: 'w02' }, {
      key: 'test:w02',
      summary: 'テスト',
      blocks: [{ type: 'actions', buttons: [
        { actionId: 'other', label: '他', value: '{}' },
        { actionId: 'test.form', label: '結果入力', value: '{"orderNo":"20260327-0001"}' },
      ] }],
    });
    const opened = await session.as('w02').press(2);
    expect(opened.map((d) => d.kind)).toEqual(['form']);
    expect(opened[0]!.text).toContain('reading: 指針 (必須)');
    const [answer] = await session.fill({ 指針: '1187' }).submit({ 結果: '不在' });
    expect(answer!.text).toBe('受付 20260327-0001 指針1187 absent');
    expect(() => session.openForm()).not.toThrow();
    expect(session.openForm()).toBeUndefined();
  });

  it('tells the user about a button that no route knows, and refuses typing mistakes without sending anything', async () => {
    await chat.gateway.send({ personId: 'w02' }, { summary: 'x', blocks: [{ type: 'actions', buttons: [{ actionId: 'nobody', label: '押す', value: '' }] }] });
    const [answer] = await session.as('w02').press(1);
    expect(answer!.text).toContain('この操作は受け付けられません');
    await expect(session.press(5)).rejects.toThrow('ボタン番号は 1〜1 で指定してください');
    await expect(session.submit({})).rejects.toBeInstanceOf(ConsoleInputError);
    await expect(newSession().say('残り')).rejects.toThrow('/as');
    expect(await t.ctx.db.read.inboundEvent.count()).toBe(1);
  });

  it('sends an attachment as a text event carrying the file', async () => {
    const [answer] = await session.as('w02').attach('meter.jpg');
    expect(answer!.text).toContain('作業番号と一緒に送ってください');
    const stored = JSON.parse((await t.ctx.db.read.inboundEvent.findFirstOrThrow()).payload);
    expect(stored.payload).toEqual({ type: 'text', text: '', files: [{ ref: 'console-file:meter.jpg', name: 'meter.jpg', mimeType: 'image/jpeg' }] });
  });

  it('updates a keyed message in place: the second send is marked (更新)', async () => {
    const view = (n: number) => ({ key: 'count:w02', summary: `${n}`, blocks: [{ type: 'text' as const, text: `残り ${n}件` }] });
    await chat.gateway.send({ personId: 'w02' }, view(3));
    await chat.gateway.send({ personId: 'w02' }, view(2));
    expect(session.inbox('w02').map((m) => m.text)).toEqual(['(更新) 残り 2件']);
  });

  it('posts the day with no customer name, kana, phone or customer number anywhere, and no address in the channel', async () => {
    const report = await bot.postDay('2026-03-27');
    expect(report).toMatchObject({ orders: 40, failures: [] });
    const texts = chat.console.deliveries().map((d) => d.text);
    const rows = await t.ctx.db.read.workOrder.findMany();
    const personal = rows.flatMap((o) => [o.customerName, o.customerNameKana, o.phone, o.customerNumber]).filter((v): v is string => !!v);
    expect(personal.length).toBeGreaterThanOrEqual(40);
    for (const value of personal) expect(texts.filter((text) => text.includes(value))).toEqual([]);
    const channel = chat.console.messagesTo({ kind: 'channel', channelRef: 'bureau' });
    expect(channel).toHaveLength(1);
    expect(channel[0]!.text).not.toMatch(/石川県|丁目/);
  });

  it('processes on recover() an event stored before a crash', async () => {
    await createInboxStore(t.ctx.db).store({
      platform: 'console', eventKey: 'console:crashed-1', userRef: 'w03', conversationRef: 'w03',
      receivedAt: t.clock.now(), payload: { type: 'text', text: 'ヘルプ' },
    });
    await bot.stop();
    bot = await startConsoleBot();
    expect(bot.recovered).toBe(1);
    await bot.inbox.drain();
    expect(bot.console!.adapter.messagesTo({ kind: 'user', userRef: 'w03' })[0]!.text).toContain('使い方');
    expect((await t.ctx.db.read.inboundEvent.findFirst())!.state).toBe('done');
  });
});
