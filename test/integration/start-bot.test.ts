import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/assembly/assemble-bot.ts';
import type { PlatformAdapter } from '../../src/application/chat/ports.ts';
import { loadConfig } from '../../src/config.ts';
import { platformSetupOf } from '../../src/assembly/platforms/platform-setup.ts';
import { APP_ID, TENANT_ID } from '../support/teams-fixtures.ts';
import { botTestContext, type BotTestContext } from '../support/bot-context.ts';

let t: BotTestContext | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const piped = (...lines: string[]) => Readable.from(lines.map((l) => `${l}\n`));

describe('startBot (what `npm start` runs)', () => {
  it('loads the examples into an empty database, moved to the day, and answers piped console input', async () => {
    t = await botTestContext('2026-11-25', '07:00');
    const out: string[] = [];
    const bot = await startBot(t.ctx, { input: piped('/as w02', '残り', '/quit', '/as w03'), out: (s) => out.push(s), wallClock: false });
    await bot.done;
    const text = out.join('');
    expect(bot.demo).toMatchObject({ date: '2026-11-25', people: 7, orders: 40, rejected: 0 });
    expect(text).toContain('例のデータを読み込みました: 職員 7 名 / 作業 40 件 (2026-11-25 の作業として)');
    expect(text).toContain('w02 として操作します。');
    expect(text).toMatch(/── w02 宛 ──\n■ 11月25日\(水\) の残り \d+件 \(足順\)\n1\. 20261125-\d{4} /);
    expect(text).not.toContain('w03 として操作します。');
    expect(text.trimEnd().endsWith('kaiheisen を停止しました。')).toBe(true);
    expect(await t.ctx.db.read.workOrder.count({ where: { scheduledDate: '2026-11-25' } })).toBe(40);
  });

  it('exits cleanly at the end of input without /quit, and loads nothing into a database that has data', async () => {
    t = await botTestContext('2026-03-27', '07:00');
    await (await startBot(t.ctx, { input: piped(), out: () => {}, wallClock: false, date: '2026-03-27' })).done;
    const out: string[] = [];
    const again = await startBot(t.ctx, { input: piped('/as w02', 'ヘルプ'), out: (s) => out.push(s), wallClock: false });
    await again.done;
    expect(again.demo).toBeUndefined();
    expect(out.join('')).toContain('使い方');
    expect(await t.ctx.db.read.workOrder.count()).toBe(40);
  });

  it('posts the day on start when started after 08:30 on a work day, once per day across restarts', async () => {
    t = await botTestContext('2026-03-27', '10:00');
    const first: string[] = [];
    await (await startBot(t.ctx, { input: piped(), out: (s) => first.push(s) })).done;
    expect(first.join('')).toContain('── 局チャンネル ──\n■ 3月27日(金) 作業者配置・業務責任者');
    expect(first.join('')).toMatch(/── w02 宛 ──\n■ 3月27日\(金\) の作業 \(\d+件\)/);
    const second: string[] = [];
    await (await startBot(t.ctx, { input: piped(), out: (s) => second.push(s) })).done;
    expect(second.join('')).not.toContain('作業者配置・業務責任者');
    // Each daily job ran once (the ID card reminder is due at 09:00 and catches up too; the morning post assigned the
    // day first, as the assign-day run, which closed the work day before).
    expect((await t.ctx.db.read.jobRun.findMany()).map((r) => r.key).sort()).toEqual(['assign-day:2026-03-27', 'id-card-reminder:2026-03-27', 'morning-post:2026-03-27']);
  });

  it('drives the morning post from the virtual clock when the wall clock is off', async () => {
    t = await botTestContext('2026-03-27', '08:00');
    const bot = await startBot(t.ctx, { out: () => {}, wallClock: false });
    await bot.tick(t.clock.now());
    expect(bot.console!.session.inbox('w02')).toEqual([]);
    t.clock.set(new Date('2026-03-26T23:30:00Z'));
    await bot.tick(t.clock.now());
    expect(bot.console!.session.inbox('w02')[0]!.view.key).toBe('day:2026-03-27:w02');
    await bot.stop();
  });

  it('builds a configured platform through its factory, listens on the HTTP server and closes it on stop', async () => {
    t = await botTestContext('2026-03-27', '07:00');
    const calls: string[] = [];
    const posted: string[] = [];
    const fake: PlatformAdapter = {
      platform: 'teams',
      post: async (target, view) => (posted.push(`${JSON.stringify(target)} ${view.summary}`), 'ref'),
      openForm: async () => {},
      receiveInto: (inbound) => void calls.push(`receiveInto:${typeof inbound.receive}`),
      start: async () => void calls.push('adapter.start'),
      stop: async () => void calls.push('adapter.stop'),
    };
    const bot = await startBot(t.ctx, {
      platforms: { configured: ['teams'] },
      platformFactories: { teams: async (parts) => (calls.push(`factory:${typeof parts.logger.info}`), fake) },
      http: { port: 0, server: { listen: async (port) => (calls.push(`listen:${port}`), 4321), close: async () => void calls.push('close'), register: () => undefined } },
      out: () => {},
      wallClock: false,
    });
    expect(bot.platforms).toEqual(['teams']);
    expect(bot.console).toBeUndefined();
    await bot.postDay('2026-03-27');
    expect(posted).toEqual([]); // nobody has a Teams identity in the examples: reported, not posted
    await bot.stop();
    expect(calls).toEqual(['factory:function', 'receiveInto:function', 'adapter.start', 'listen:0', 'close', 'adapter.stop']);
  });

  it('refuses a chosen platform whose settings are missing, and a bad --date', async () => {
    t = await botTestContext();
    await expect(startBot(t.ctx, { platforms: { configured: ['slack'] }, out: () => {}, wallClock: false })).rejects.toThrow('Slack が設定されていません');
    await expect(startBot(t.ctx, { date: '2026/03/27', out: () => {}, wallClock: false })).rejects.toThrow('YYYY-MM-DD');
  });
});

describe('platformSetupOf', () => {
  const ctxWith = (env: Record<string, string>) => ({ ...t!.ctx, config: loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent', ...env }) });

  it('chooses the console when nothing is configured or --console is given', async () => {
    t = await botTestContext();
    expect(platformSetupOf(ctxWith({}))).toEqual({ selection: { forceConsole: false, configured: [] }, chosen: ['console'] });
    const forced = platformSetupOf(ctxWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1' }), true);
    expect(forced.chosen).toEqual(['console']);
    expect(forced.http).toBeUndefined();
  });

  it('gives Slack in Socket Mode no HTTP server, Slack over HTTP and Teams the HTTP server on PORT', async () => {
    t = await botTestContext();
    const socket = platformSetupOf(ctxWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket', SLACK_APP_TOKEN: 'xapp-1' }));
    expect(socket.chosen).toEqual(['slack']);
    expect(socket.http).toBeUndefined();
    const both = platformSetupOf(ctxWith({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'p', TEAMS_TENANT_ID: TENANT_ID, PORT: '3999' }));
    expect(both.chosen).toEqual(['slack', 'teams']);
    expect(both.http?.port).toBe(3999);
  });
});
