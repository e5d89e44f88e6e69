import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleSession } from '../../../src/adapters/console/console-session.ts';
import type { BotTestContext } from '../../support/bot-context.ts';
import { exampleConsoleBot, type ExampleConsoleBot } from '../../support/example-console-bot.ts';

// The example team: w01 supervises and is an admin, w02 may supervise, w03 is a worker, c01 is the bureau.
const DATE = '2026-03-27';
let t: BotTestContext;
let session: ConsoleSession;
let running: ExampleConsoleBot;

beforeEach(async () => {
  running = await exampleConsoleBot(DATE, '10:00');
  ({ t, session } = running);
});

afterEach(async () => running.stop());

async function answerTo(person: string, text: string): Promise<string> {
  const delivered = await session.as(person).say(text);
  return delivered.map((d) => d.output).join('\n');
}

const WORKER = ['【作業者】', '結果入力', '写真 0012', '「残り」', '疑義', '「事故 0012', '「伝達 0012', '「駐車 0012', '「完了報告」', '「訂正 0012', '「ヘルプ」'];
const SUPERVISOR = ['【業務責任者】', '「進捗」', '「振替 0012 w03」', '指示して回答', '局へ相談', '「時間外」', '「承認」', '「苦情 ', '「当番交代 ', '対応完了', '誰の結果でも訂正'];
const BUREAU = ['【局】', '「進捗」', '「苦情 ', '対応します', '「承認」「却下」', '対応完了'];
const ADMIN = ['【管理者】', 'kaiheisen events'];

const expectAll = (text: string, words: string[]) => words.forEach((w) => expect(text, w).toContain(w));
const expectNone = (text: string, words: string[]) => words.forEach((w) => expect(text, w).not.toContain(w));

describe('ヘルプ by role, through the assembled console bot', () => {
  it('a worker sees every worker command and none of the supervisor\'s, the bureau\'s or the admin\'s', async () => {
    const help = await answerTo('w03', 'ヘルプ');
    expect(help).toContain('使い方 (作業者):');
    expectAll(help, WORKER);
    expectNone(help, ['【業務責任者】', '誰の結果でも訂正', '進捗', '振替', '時間外', '苦情', '当番交代', '【局】', '【管理者】', 'kaiheisen events']);
  });

  it('a supervisor sees the worker\'s commands and the supervisor\'s, not the admin\'s', async () => {
    const help = await answerTo('w02', 'ヘルプ');
    expect(help).toContain('使い方 (作業者・業務責任者):');
    expectAll(help, [...WORKER, ...SUPERVISOR]);
    expectNone(help, ['【局】', '【管理者】', 'kaiheisen events']);
  });

  it('the day\'s supervisor who is an admin sees the worker\'s, the supervisor\'s and the admin\'s parts', async () => {
    const help = await answerTo('w01', 'ヘルプ');
    expect(help).toContain('使い方 (作業者・業務責任者・管理者):');
    expectAll(help, [...WORKER, ...SUPERVISOR, ...ADMIN]);
    // What the help promises is there: the day's supervisor's 進捗 carries the 振替 button while orders are open.
    expect(help).toContain('未完了の作業がある間は、進捗の表示の下の「振替」ボタンからも移せます');
    expect(help).not.toContain('進捗の「振替」ボタンでも');
    expect(await answerTo('w01', '進捗')).toContain('振替');
    expect(help).not.toContain('【局】');
  });

  it('the bureau sees its commands and none of the field work\'s', async () => {
    const help = await answerTo('c01', 'ヘルプ');
    expect(help).toContain('使い方 (局):');
    expectAll(help, BUREAU);
    expectNone(help, ['【作業者】', '【業務責任者】', '【管理者】', '振替', '伝達', '駐車', '完了報告', '結果入力', '当番交代']);
  });
});

describe('spellings of commands (templates/command-spellings.yaml)', () => {
  it('へるぷ, help, HELP, ？ and ? are ヘルプ', async () => {
    for (const typed of ['へるぷ', 'help', 'HELP', '？', '?']) {
      expect(await answerTo('w03', typed), typed).toContain('使い方 (作業者):');
    }
  });

  it('進ちょく and しんちょく are 進捗: everyone\'s progress for the supervisor, the worker\'s own orders for a worker', async () => {
    expect(await answerTo('w01', '進ちょく')).toMatch(/の進捗 \(済 \d+\/\d+件\)/);
    expect(await answerTo('w01', 'しんちょく')).toMatch(/の進捗 \(済 \d+\/\d+件\)/);
    const worker = await answerTo('w03', '進ちょく');
    expect(worker).toMatch(/の残り \d+件 \(足順\)/);
    expect(worker).not.toContain('使い方');
  });

  it('じこ is 事故 (one incident, the chart notified) and ちゅうしゃ is 駐車 (a parking fee)', async () => {
    await answerTo('w03', 'じこ 配管から漏水、床が濡れた');
    const incidents = await t.ctx.db.read.incident.findMany();
    expect(incidents.map((i) => [i.reportedById, i.description])).toEqual([['w03', '配管から漏水、床が濡れた']]);
    expect(session.inbox('c01').filter((m) => m.view.key === `incident:${incidents[0]!.id}`)).toHaveLength(1);
    await answerTo('w03', 'ちゅうしゃ 500円');
    expect((await t.ctx.db.read.parkingFee.findMany()).map((p) => [p.personId, p.amountYen])).toEqual([['w03', 500]]);
  });

  it('typos of 完了報告 and 訂正 as typed on a phone are those commands, not a result without its order', async () => {
    const asked = await answerTo('w03', '完了ほうこく');
    expect(asked).not.toContain('どの作業の結果か分からない');
    // w03 still has open orders: 完了報告 asks to confirm the carry-over before it is recorded.
    expect(asked).toContain('繰越として完了報告しますか');
    expect(await t.ctx.db.read.dayEndConfirmation.count({ where: { personId: 'w03' } })).toBe(0);
    await answerTo('w03', 'はい');
    expect(await t.ctx.db.read.dayEndConfirmation.count({ where: { personId: 'w03' } })).toBe(1);
    expect(await answerTo('w03', 'ていせー 0009 指針5571')).not.toContain('どの作業の結果か分からない');
  });

  it('a bureau person\'s unrecognised text gets the bureau\'s hint, not the worker\'s', async () => {
    const hint = await answerTo('c01', 'こんにちは');
    expect(hint).toContain('「こんにちは」は読み取れませんでした');
    expect(hint).not.toContain('開栓完了');
    expect(hint).toContain('ヘルプ');
  });

  it('a word that only starts like a spelling is left as typed (じこく is not じこ)', async () => {
    await answerTo('w03', 'じこくを確認しました');
    expect(await t.ctx.db.read.incident.count()).toBe(0);
  });
});
