import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_ACTIONS } from '../../../src/application/incidents/incident-card.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { tempDatabaseUrl } from '../../support/temp-db.ts';
import { textOnlyPlatform, type TextOnlyPlatform } from '../../support/text-only-platform.ts';

const W02 = 'UW02'; // w02's Slack id in the examples

interface Running {
  t: BotTestContext;
  bot: Bot;
  platform: TextOnlyPlatform;
}

let dir: string | undefined;
let drop: (() => Promise<void>) | undefined;
let running: Running | undefined;
afterEach(async () => {
  await running?.bot.stop();
  await running?.t.dispose();
  running = undefined;
  await drop?.();
  drop = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A fresh database of the dialect under test, in a new temp folder. */
async function freshDatabaseUrl(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-form-conversation-'));
  const database = await tempDatabaseUrl(dir);
  drop = database.drop;
  return database.url;
}

/**
 * The bot as `kaiheisen start` assembles it (examples on the database at `url`), on Slack whose adapter is a
 * stand-in with text messages only: no openForm, so every form is asked as a conversation.
 */
async function start(url: string, time: string): Promise<Running> {
  const t = await botTestContext('2026-03-27', time, url);
  let bot: Bot | undefined;
  const platform = textOnlyPlatform('slack', () => bot!.inbox.drain(), () => t.clock.now());
  bot = await startBot(t.ctx, {
    date: '2026-03-27', out: () => {}, wallClock: false, instanceId: 'bot',
    platforms: { configured: ['slack'] }, platformFactories: { slack: async () => platform },
  });
  return { t, bot, platform };
}

async function restart(time: string): Promise<Running> {
  const { t, bot } = running!;
  await bot.stop();
  await t.ctx.close();
  running = await start(t.url, time);
  return running;
}

const say = (r: Running, text: string) => r.platform.send(W02, { type: 'text', text });
const pressReport = (r: Running) => r.platform.send(W02, { type: 'button', actionId: INCIDENT_ACTIONS.report, value: '{}' });
/** The process was killed after the last event's work was committed, before the event was marked done. */
async function killAfterLastEvent(r: Running): Promise<void> {
  const last = await r.t.ctx.db.read.inboundEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
  await r.t.ctx.db.write((tx) => tx.inboundEvent.update({ where: { id: last.id }, data: { state: 'received', processedAt: null } }));
}

const lastTo = (r: Running) => r.platform.to(W02).at(-1) ?? '';
const incidents = (r: Running) => r.t.ctx.db.read.incident.findMany({ orderBy: { id: 'asc' } });

describe('a form on a platform without modals, asked one field at a time', () => {
  it('reports an incident from the 事故等の報告 form answered by text, across a restart, after a wrong answer', async () => {
    running = await start(await freshDatabaseUrl(), '10:00');
    let r = running;

    await pressReport(r);
    expect(lastTo(r).split('\n').slice(0, 2)).toEqual([
      '「事故等の報告」を1項目ずつ伺います (全4項目)。答えを1つずつ送ってください。途中でやめるときは「やめる」と送ってください。',
      '(1/4) 何が起きたか (必須)',
    ]);
    await say(r, 'スキップ');
    expect(lastTo(r)).toMatch(/^「何が起きたか」は省略できません。\n\(1\/4\) 何が起きたか/);
    await say(r, 'メーターボックスの蓋で通行人がつまずいた');
    expect(lastTo(r)).toMatch(/^\(2\/4\) 場所\n/);
    await say(r, '本町2丁目の角');
    expect(lastTo(r)).toMatch(/^\(3\/4\) 作業番号/);

    // The bot stops and starts again on the same database: the answers so far are kept, the next one continues.
    r = await restart('10:05');
    await say(r, 'なし');
    expect(lastTo(r).split('\n')).toEqual([
      '(4/4) 第三者 (お客さま・通行人など) への損害 (必須)',
      '  1. あり',
      '  2. なし',
      '  3. わからない',
      '番号か選択肢の名前で答えてください。',
      '今の値は「わからない」です。そのままにするときは「スキップ」と送ってください。',
    ]);
    expect(await incidents(r)).toEqual([]);
    await say(r, '5');
    expect(lastTo(r)).toMatch(/^「5」は選択肢にありません。番号か選択肢の名前で答えてください。\n\(4\/4\) 第三者/);
    await say(r, '1');

    // Submitted as the form would be: the incident route records it and notifies the contact chart.
    const [incident] = await incidents(r);
    expect(await incidents(r)).toHaveLength(1);
    expect(incident).toMatchObject({
      reportedById: 'w02', description: 'メーターボックスの蓋で通行人がつまずいた', place: '本町2丁目の角', thirdPartyDamage: true, workOrderId: null, state: 'open',
    });
    expect(lastTo(r)).toMatch(/^事故等 #1 を連絡系統図の \d+名 に一斉に通知しました。/);
    const audit = await r.t.ctx.db.read.auditLog.findMany({ where: { action: 'incident.report' } });
    expect(audit).toMatchObject([{ actorId: 'w02', channel: 'slack', entityId: String(incident!.id) }]);
    // The conversation is over: the next text is the bot's ordinary business again (the hint, not a question).
    await say(r, 'こんにちは');
    expect(lastTo(r)).toMatch(/^「こんにちは」は読み取れませんでした。/);
    expect(await incidents(r)).toHaveLength(1);
  });

  it('cancels with 「やめる」: nothing is recorded and the text after it is no answer', async () => {
    running = await start(await freshDatabaseUrl(), '10:00');
    const r = running;
    await pressReport(r);
    await say(r, '水道管から漏水、道路が冠水');
    expect(lastTo(r)).toMatch(/^\(2\/4\) 場所/);
    await say(r, 'やめる');
    expect(lastTo(r)).toBe('「事故等の報告」の入力をやめました。何も送信していません。');
    await say(r, '通行人にけがはない');
    expect(lastTo(r)).toMatch(/^「通行人にけがはない」は読み取れませんでした。/);
    expect(await incidents(r)).toEqual([]);
    expect(await r.t.ctx.db.read.auditLog.count({ where: { action: 'incident.report' } })).toBe(0);
  });

  it('works an event again after a crash without asking twice or reporting twice', async () => {
    running = await start(await freshDatabaseUrl(), '10:00');
    let r = running;
    await pressReport(r);
    await say(r, '作業車の扉が駐車中の車に当たった');
    expect(lastTo(r)).toMatch(/^\(2\/4\) 場所/);

    // The answer is worked again on the next start: the question it asked is not asked again, the answers stay.
    await killAfterLastEvent(r);
    r = await restart('10:02');
    await r.bot.inbox.drain();
    expect(r.bot.recovered).toBe(1);
    expect(r.platform.to(W02)).toEqual([]);
    await say(r, 'スキップ');
    expect(lastTo(r)).toMatch(/^\(3\/4\) 作業番号/);
    await say(r, 'スキップ');
    await say(r, 'なし'); // the option called なし
    expect(await incidents(r)).toMatchObject([{ description: '作業車の扉が駐車中の車に当たった', place: null, thirdPartyDamage: false }]);
    const told = r.platform.to(W02).length;

    // The last answer is worked again: the same submission reaches the route, which reports nothing twice.
    await killAfterLastEvent(r);
    r = await restart('10:04');
    await r.bot.inbox.drain();
    expect(r.bot.recovered).toBe(1);
    expect(await incidents(r)).toHaveLength(1);
    expect(told).toBeGreaterThan(0);
    expect(r.platform.to(W02)).toEqual([]);
    expect(await r.t.ctx.db.read.inboundEvent.count({ where: { state: { not: 'done' } } })).toBe(0);
  });
});
